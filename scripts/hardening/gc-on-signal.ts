// The load suite's hook inside the production server: on SIGUSR2 it runs a
// full garbage collection and prints what is left, so the suite compares
// memory in the same state before and after the run instead of wherever
// V8's collection cycle happens to be. It reaches the server as a data: URL
// (`--import`), serialised from the function below, so the server under test
// loads no TypeScript tooling (tsx's loader added ~120 MiB of heap).
export const GC_REPORT_PREFIX = '[hardening-gc]';

export type GcReport = { forced: boolean; rss: number; heapUsed: number; external: number };

/**
 * Runs in the server, serialised with Function.prototype.toString(): it must
 * stay self-contained (no imports, no module constants, no named inner
 * functions), like lib/consent's parseConsentValue.
 */
export function reportMemoryOnSignal(prefix: string): void {
  process.on('SIGUSR2', () => {
    // Present only under --expose-gc.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    const report: GcReport = { forced: Boolean(gc), rss: m.rss, heapUsed: m.heapUsed, external: m.external };
    console.log(`${prefix} ${JSON.stringify(report)}`);
  });
}

/** Node flags that install the hook in the server. */
export function gcHookNodeArgs(): string[] {
  const source = `(${reportMemoryOnSignal.toString()})(${JSON.stringify(GC_REPORT_PREFIX)});`;
  return ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(source)}`];
}
