// The pass/fail report the hardening suites print, and the bounded run that
// ends every one of them with `<name>: N passed, M failed` (the line
// scripts/run-tests.ts and CI read), whatever happens.
import { installExitHooks, SetupError, stopAllProcesses } from './processes';

/** One check: passed when it has no problems; each problem is one line (or a few). */
export type Check = { label: string; problems: string[] };

export function check(label: string, problems: string[]): Check {
  return { label, problems };
}

export type ReportOptions = {
  /** Problems listed per failed check. */
  show?: number;
  /** How to list them all, e.g. `HOSTILE_SHOW=<n>`; `<n>` is replaced by the count. */
  showAllHint?: string;
};

/** Prints ✔ / ✘ per check with its first problems; returns the tally. */
export function printChecks(checks: Check[], { show = 20, showAllHint }: ReportOptions = {}): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  console.log('\nChecks:');
  for (const { label, problems } of checks) {
    if (problems.length === 0) {
      passed += 1;
      console.log(`  ✔ ${label}`);
      continue;
    }
    failed += 1;
    console.log(`  ✘ ${label}: ${problems.length} problem(s)`);
    for (const p of problems.slice(0, show)) console.log(`    - ${p}`);
    if (problems.length > show) {
      const hint = showAllHint ? ` (${showAllHint.replace('<n>', String(problems.length))} lists them all)` : '';
      console.log(`    … and ${problems.length - show} more${hint}`);
    }
  }
  return { passed, failed };
}

export function printTally(name: string, { passed, failed }: { passed: number; failed: number }): void {
  console.log(`${name}: ${passed} passed, ${failed} failed`);
}

/** Prints the checks and the tally line; resolves with the exit code. */
export function report(name: string, checks: Check[], options?: ReportOptions): number {
  const tally = printChecks(checks, options);
  printTally(name, tally);
  return tally.failed === 0 ? 0 : 1;
}

function describeError(error: unknown): string {
  if (error instanceof SetupError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/**
 * Runs `main` (resolving with the exit code) with a hard deadline: past `ms`,
 * or on an exception, the child processes are stopped, the failure counts as
 * one failed check, and the process exits.
 */
export function runSuite(name: string, ms: number, main: () => Promise<number>): void {
  installExitHooks();
  const watchdog = setTimeout(() => {
    console.error(`\n${name}: still running after ${Math.round(ms / 1000)} s: giving up`);
    printTally(name, { passed: 0, failed: 1 });
    void stopAllProcesses().finally(() => process.exit(1));
  }, ms);
  // A synchronous throw in main (bad arguments) is reported like a rejection.
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(`\n${name}: ${describeError(error)}`);
      printTally(name, { passed: 0, failed: 1 });
      return 1;
    })
    .then(async (code) => {
      await stopAllProcesses();
      clearTimeout(watchdog);
      process.exit(code);
    });
}
