import type { Payload } from 'payload';
import type { Pool } from 'pg';
import { createPostgresPool } from '@/lib/store/postgres-migrate';

/** Payload's queue for scheduled publishing, and how many due jobs one run takes (payload.config.ts). */
export const JOB_QUEUE = 'default';
export const JOB_LIMIT = 10;
// Arbitrary constant: held by the one instance running scheduled jobs at a time.
export const JOBS_LOCK_KEY = 5_050_020;

/**
 * Runs `work` only if no other process holds `lockKey` (a session-level
 * PostgreSQL advisory lock on a connection of its own); returns whether it
 * ran. The lock goes with the connection, so an instance killed mid-run
 * never blocks the others.
 */
export async function runExclusively(pool: Pool, lockKey: number, work: () => Promise<void>): Promise<boolean> {
  const client = await pool.connect();
  let locked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockKey]);
    locked = rows[0]?.locked === true;
    if (!locked) return false;
    await work();
    return true;
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    client.release();
  }
}

export type ScheduledJobRunner = {
  /** One tick: runs the due jobs if no other instance is running them; whether Payload should run them itself. */
  runOnce(payload: Pick<Payload, 'jobs'>): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Payload picks due jobs with a read and then a separate update (`updateJobs`
 * in @payloadcms/drizzle: no row lock, no conditional update), so two servers
 * ticking in the same second can both run one job: an article published
 * twice, two versions, two changes. On PostgreSQL (several instances) the run
 * happens here, under an advisory lock only one instance gets per tick, and
 * Payload is told not to run it again; on SQLite (one server per file)
 * Payload runs it as usual.
 */
export function createScheduledJobRunner(connectionString: string | undefined): ScheduledJobRunner {
  const url = connectionString?.trim();
  if (!url) return { runOnce: async () => true, close: async () => undefined };
  const pool = createPostgresPool({ connectionString: url, poolSize: 1, label: 'jobs' });
  return {
    async runOnce(payload) {
      try {
        await runExclusively(pool, JOBS_LOCK_KEY, async () => {
          await payload.jobs.run({ queue: JOB_QUEUE, limit: JOB_LIMIT });
        });
      } catch (error) {
        console.error('scheduled publishing: jobs not run this tick:', error instanceof Error ? error.message : error);
      }
      return false;
    },
    close: () => pool.end(),
  };
}

const RUNNER_KEY = Symbol.for('northern-dispatch.scheduled-job-runner');
type Holder = { [RUNNER_KEY]?: ScheduledJobRunner };

/** Payload's `jobs.shouldAutoRun` (payload.config.ts): this process's runner, from `DATABASE_URL`. */
export function runScheduledJobsOnce(payload: Pick<Payload, 'jobs'>, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.NEXT_PHASE === 'phase-production-build' || env.CMS_JOBS === '0') return Promise.resolve(false);
  const holder = globalThis as Holder;
  return (holder[RUNNER_KEY] ??= createScheduledJobRunner(env.DATABASE_URL)).runOnce(payload);
}
