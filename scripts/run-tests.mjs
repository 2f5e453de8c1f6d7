#!/usr/bin/env node
// The one test command (README, CI): lint, typecheck, unit tests, production
// build, browser tests. Ends with the line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = res.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
}

function jest(label, project, extraArgs = []) {
  mkdirSync('test-results', { recursive: true });
  const out = `test-results/${project}.json`;
  const ok = run(label, 'npx', ['jest', '--selectProjects', project, '--json', `--outputFile=${out}`, ...extraArgs]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!ok && report.numFailedTests === 0) failed += 1; // a suite that failed to run
  } else if (!ok) {
    failed += 1;
  }
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else failed += 1;
}

check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('typecheck', 'npx', ['tsc', '--noEmit']);
jest('unit tests', 'unit');

if (!existsSync(chromium)) {
  console.error(
    `\n✘ Browser tests need Chromium at ${chromium} and it is missing.\n` +
      '  Install it with: apt-get update && apt-get install -y --no-install-recommends chromium\n' +
      '  (or set CHROMIUM_PATH). Browser tests are never skipped.',
  );
  failures.push('chromium missing');
  failed += 1;
} else if (run('production build', 'npx', ['next', 'build'])) {
  passed += 1;
  jest('browser tests', 'e2e', ['--runInBand']);
} else {
  failed += 1;
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
