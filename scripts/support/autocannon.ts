// autocannon 8 ships no types and @types/autocannon is not a dependency: the
// bench and the load suite reach it only through this module, which types the
// part of its API (https://github.com/mcollina/autocannon#api) they call. A
// typed wrapper rather than a `declare module` file: the types sit beside the
// one require they describe, and nothing else can import autocannon untyped.
import { createRequire } from 'node:module';

/** Headers of one answer as autocannon hands them over: names as the server sent them, repeated ones as a list. */
export type AutocannonHeaders = Record<string, string | string[] | undefined>;

/** One request of the loop; Context is what a connection keeps between its hooks (autocannon's `context`). */
export interface AutocannonRequest<Context extends object = Record<string, unknown>> {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before each request; returns the request to send. */
  setupRequest?: (request: AutocannonRequest<Context>, context: Context) => AutocannonRequest<Context>;
  onResponse?: (status: number, body: string, context: Context, headers: AutocannonHeaders) => void;
}

export interface AutocannonOptions<Context extends object = Record<string, unknown>> {
  url: string;
  connections?: number;
  /** Seconds. */
  duration?: number;
  /** Seconds a request may take before it counts as a timeout. */
  timeout?: number;
  headers?: Record<string, string>;
  /** Every connection loops over these in order. */
  requests?: AutocannonRequest<Context>[];
}

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; mean: number; max: number };
}

export interface AutocannonInstance {
  /** Ends the run now; its callback then receives what was measured so far. */
  stop(): void;
}

type Done = (error: Error | null, result: AutocannonResult) => void;

interface Autocannon {
  <Context extends object>(options: AutocannonOptions<Context>, done: Done): AutocannonInstance;
  /**
   * Off the main thread a run's callback gets raw histograms, not figures
   * (lib/run.js aggregates only on the main thread): this turns them into figures.
   */
  aggregateResult(results: unknown[], options?: AutocannonOptions): AutocannonResult;
}

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs for options.duration seconds and resolves with the figures. */
export function runLoad<Context extends object>(options: AutocannonOptions<Context>): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Starts a run that can be stopped early; done receives the figures (raw histograms off the main thread: see aggregateResult). */
export function startLoad<Context extends object>(options: AutocannonOptions<Context>, done: Done): AutocannonInstance {
  return autocannon(options, done);
}

export const aggregateResult: Autocannon['aggregateResult'] = (results, options) => autocannon.aggregateResult(results, options);
