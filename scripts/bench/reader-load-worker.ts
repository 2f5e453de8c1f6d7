// The reader load of publish-latency.ts, in a thread of its own so that the
// requests it fires do not delay the main thread's polls. Not autocannon's
// own `workers` option: its stop() forgets the workers whose results it then
// waits for, so a run stopped early never ends (autocannon 8.0.0,
// lib/manager.js). Any message from the parent stops the run; the worker
// answers with { result } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { aggregateResult, startLoad, type AutocannonOptions } from '../support/autocannon';

const options = workerData as AutocannonOptions;

const instance = startLoad(options, (error, raw) => {
  // Off the main thread autocannon hands over raw histograms (lib/run.js): figures come from aggregateResult.
  const result = error ? null : aggregateResult([raw], options);
  parentPort?.postMessage(
    !result
      ? { error: error?.message ?? 'no result' }
      : {
          result: {
            duration: result.duration,
            errors: result.errors,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            requests: { total: result.requests.total, average: result.requests.average },
            latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
          },
        },
  );
});
parentPort?.once('message', () => instance.stop());
