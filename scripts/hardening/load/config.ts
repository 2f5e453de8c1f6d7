// Settings of the load suite, from the command line and the environment.
export type LoadConfig = {
  short: boolean;
  seconds: number;
  /** Warm-up: 10-s slices until this many requests were sent and memory stopped growing, at most warmupMaxSeconds. */
  warmupRequests: number;
  warmupMaxSeconds: number;
  warmupSliceSeconds: number;
  /** Growth of the settled RSS over one slice below which the server counts as warm. */
  warmGrowth: number;
  connections: number;
  /** autocannon's per-request timeout, seconds. */
  timeoutSeconds: number;
  /** Resident memory may grow at most this much between after-warm-up and after-run. */
  rssTolerance: number;
  port: number | null;
};

export const PORT_RANGE = { from: 3450, to: 3499 };

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): LoadConfig {
  const short = argv.includes('--short') || env.LOAD_SHORT === '1';
  return {
    short,
    seconds: positiveInt(env.LOAD_SECONDS, short ? 15 : 60),
    warmupRequests: positiveInt(env.LOAD_WARMUP_REQUESTS, short ? 1000 : 2000),
    warmupMaxSeconds: positiveInt(env.LOAD_WARMUP_MAX_SECONDS, short ? 60 : 120),
    warmupSliceSeconds: 10,
    warmGrowth: 0.05,
    connections: positiveInt(env.LOAD_CONNECTIONS, 50),
    timeoutSeconds: 10,
    rssTolerance: 0.2,
    port: env.LOAD_PORT ? positiveInt(env.LOAD_PORT, PORT_RANGE.from) : null,
  };
}

/** Warm-up + run + start-up and reports, with room to spare. */
export function deadlineMs(config: LoadConfig): number {
  return (config.warmupMaxSeconds + config.warmupSliceSeconds + config.seconds + 180) * 1000;
}
