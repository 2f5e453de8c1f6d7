// Settings of the hostile suite, from the command line and the environment.
import { SetupError } from '../../support/processes';
export type HostileConfig = {
  short: boolean;
  seed: number;
  total: number;
  concurrency: number;
  /** Per request; answers normally take well under a second, but CI machines get busy. */
  requestTimeoutMs: number;
  /** Offenders listed per failed check. */
  show: number;
  /** Responses are read up to this size (a page is ~50 KB); larger is a finding. */
  maxResponseBytes: number;
  validReceipts: number;
  validViews: number;
  /** Consent ids that get a second receipt (a withdrawal) among the receipts. */
  withdrawals: number;
  metricsToken: string;
  port: number | null;
  /** File: one line per request with its timing. */
  trace: string | null;
  /** The editor the suite creates; the login flood aims at this account. */
  editor: { email: string; password: string };
};

export const DEFAULT_SEED = 20261128;
export const PORT_RANGE = { from: 3410, to: 3449 };

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** `--seed 42`, `--seed=42` or HOSTILE_SEED; an integer, kept to 32 bits. */
export function parseSeed(argv: string[], env: NodeJS.ProcessEnv): number {
  const flag = argv.findIndex((a) => a === '--seed' || a.startsWith('--seed='));
  const arg = flag < 0 ? undefined : argv[flag]?.includes('=') ? argv[flag]?.split('=')[1] : argv[flag + 1];
  if (flag >= 0 && (arg === undefined || arg === '' || arg.startsWith('--'))) throw new SetupError('--seed needs a value: --seed <integer>');
  const value = arg ?? env.HOSTILE_SEED;
  if (value === undefined || value === '') return DEFAULT_SEED;
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n)) throw new SetupError(`the seed must be an integer, got ${JSON.stringify(value)}`);
  return n >>> 0;
}

const isShort = (argv: string[], env: NodeJS.ProcessEnv) => argv.includes('--short') || env.HOSTILE_SHORT === '1';

/** Whole run, server start included; past it everything is stopped. */
export const deadlineMs = (argv: string[], env: NodeJS.ProcessEnv) => (isShort(argv, env) ? 4 : 10) * 60_000;

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): HostileConfig {
  const short = isShort(argv, env);
  const seed = parseSeed(argv, env);
  return {
    short,
    seed,
    total: positiveInt(env.HOSTILE_REQUESTS, short ? 1500 : 5000),
    concurrency: positiveInt(env.HOSTILE_CONCURRENCY, 16),
    requestTimeoutMs: positiveInt(env.HOSTILE_TIMEOUT_MS, 15_000),
    show: positiveInt(env.HOSTILE_SHOW, 25),
    maxResponseBytes: 4 * 1024 * 1024,
    validReceipts: 50,
    validViews: 50,
    withdrawals: 10,
    metricsToken: `hostile-metrics-token-${seed}`,
    port: env.HOSTILE_PORT ? positiveInt(env.HOSTILE_PORT, PORT_RANGE.from) : null,
    trace: env.HOSTILE_TRACE || null,
    editor: { email: 'hostile-editor@example.org', password: `hostile-${seed}-correct-password` },
  };
}
