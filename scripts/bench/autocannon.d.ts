// autocannon ships no types and @types/autocannon is not a dependency: the
// part of its API (https://github.com/mcollina/autocannon#api) the TypeScript
// benches call, typed by hand.
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds a request may take before it counts as a timeout. */
    timeout?: number;
    workers?: number;
    headers?: Record<string, string>;
    /** Every connection loops over these in order. */
    requests?: AutocannonRequest[];
  }

  interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; mean: number; max: number };
  }

  interface AutocannonInstance {
    /** Ends the run now; the callback then receives what was measured so far. */
    stop(): void;
  }

  function autocannon(options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void): AutocannonInstance;
  /** Without a callback the instance is also a promise of the result. */
  function autocannon(options: AutocannonOptions): AutocannonInstance & Promise<AutocannonResult>;

  namespace autocannon {
    /**
     * Off the main thread a run's callback gets raw histograms, not figures
     * (lib/run.js aggregates only on the main thread): this turns them into figures.
     */
    function aggregateResult(results: unknown[], options?: AutocannonOptions): AutocannonResult;
  }

  export default autocannon;
  export type { AutocannonOptions, AutocannonResult, AutocannonInstance };
}
