// @ts-check
// Preloaded into the production server by the load suite only
// (`node --expose-gc --import ./scripts/hardening/gc-on-signal.mjs`): on
// SIGUSR2 it runs a full garbage collection and prints what is left, so the
// suite compares memory in the same state before and after the run instead
// of wherever V8's collection cycle happens to be.
process.on('SIGUSR2', () => {
  const gc = /** @type {undefined | (() => void)} */ (globalThis.gc);
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  console.log(`[hardening-gc] ${JSON.stringify({ forced: Boolean(gc), rss: m.rss, heapUsed: m.heapUsed, external: m.external })}`);
});
