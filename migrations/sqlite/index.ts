import * as migration_20261205_233106_initial from './20261205_233106_initial';

export const migrations = [
  {
    up: migration_20261205_233106_initial.up,
    down: migration_20261205_233106_initial.down,
    name: '20261205_233106_initial'
  },
];
