import * as migration_20261205_233106_initial from './20261205_233106_initial';
import * as migration_20261206_023233_hero_image from './20261206_023233_hero_image';

export const migrations = [
  {
    up: migration_20261205_233106_initial.up,
    down: migration_20261205_233106_initial.down,
    name: '20261205_233106_initial',
  },
  {
    up: migration_20261206_023233_hero_image.up,
    down: migration_20261206_023233_hero_image.down,
    name: '20261206_023233_hero_image'
  },
];
