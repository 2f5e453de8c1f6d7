import * as migration_20261205_233116_initial from './20261205_233116_initial';

export const migrations = [
  {
    up: migration_20261205_233116_initial.up,
    down: migration_20261205_233116_initial.down,
    name: '20261205_233116_initial'
  },
];
