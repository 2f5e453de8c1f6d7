// Benchmarks run through Jest only for its TypeScript transform (Node 20 cannot
// run .ts files), so they measure the same lib/ code the site runs. They are
// not tests: `jest --selectProjects unit` never picks them up (other folder,
// other suffix). Run: npx jest -c jest.bench.config.mjs
import baseConfig from './jest.config.cjs';

export default async function benchConfig() {
  const { projects } = await baseConfig();
  const unit = projects.find((project) => project.displayName === 'unit');
  if (!unit) throw new Error('jest.config.cjs no longer has a "unit" project to borrow the transform from');
  return {
    ...unit,
    displayName: 'bench',
    testEnvironment: 'node',
    testMatch: ['<rootDir>/scripts/bench/**/*.bench.ts'],
    setupFilesAfterEnv: [],
    // Figures, not timing assertions; a 10,000-article run takes minutes.
    testTimeout: 30 * 60_000,
  };
}
