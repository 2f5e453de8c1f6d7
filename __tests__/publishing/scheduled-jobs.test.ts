/** @jest-environment node */
import { describeOnPostgres } from '../support/test-database';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createScheduledJobRunner, JOBS_LOCK_KEY, runExclusively, type ScheduledJobRunner } from '@/lib/publishing/scheduled-jobs';

jest.setTimeout(30_000);

/**
 * Two instances tick in the same second. Their "Payload" picks due jobs as
 * Payload 3 does (@payloadcms/drizzle `updateJobs`): it reads them, then marks
 * them processing in a separate statement, then publishes. A barrier holds
 * each run between the read and the write until the other instance has either
 * read too or been turned away, so the race the lock must prevent happens
 * every time rather than by chance.
 */
function race(participants: number) {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    arrive(): Promise<void> {
      arrived += 1;
      if (arrived >= participants) release();
      return all;
    },
  };
}

describeOnPostgres('scheduled publishing on two instances sharing PostgreSQL', (testDatabaseUrl) => {
  const schema = `jobs_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: testDatabaseUrl });
  // The CMS's tables, as the two instances' fake Payload sees them.
  const cms = new Pool({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}`, max: 4 });
  const runners: ScheduledJobRunner[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await cms.query(`
      CREATE TABLE jobs (id SERIAL PRIMARY KEY, article TEXT NOT NULL, processing BOOLEAN NOT NULL DEFAULT false, completed_at TIMESTAMPTZ);
      CREATE TABLE versions (id SERIAL PRIMARY KEY, article TEXT NOT NULL, status TEXT NOT NULL);
      CREATE TABLE changes (id SERIAL PRIMARY KEY, article TEXT NOT NULL, instance TEXT NOT NULL);
    `);
  });
  afterAll(async () => {
    for (const runner of runners) await runner.close();
    await cms.end();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  /** Payload's job run, read-then-update, publishing each due job's article once per run. */
  const fakePayload = (instance: string, barrier: ReturnType<typeof race>) => ({
    jobs: {
      run: async () => {
        const due = (await cms.query<{ id: number; article: string }>('SELECT id, article FROM jobs WHERE NOT processing AND completed_at IS NULL ORDER BY id')).rows;
        await barrier.arrive();
        for (const job of due) {
          await cms.query('UPDATE jobs SET processing = true WHERE id = $1', [job.id]);
          await cms.query("INSERT INTO versions (article, status) VALUES ($1, 'published')", [job.article]);
          await cms.query('INSERT INTO changes (article, instance) VALUES ($1, $2)', [job.article, instance]);
          await cms.query('UPDATE jobs SET processing = false, completed_at = now() WHERE id = $1', [job.id]);
        }
        return {};
      },
    },
  });

  async function published(article: string) {
    const versions = await cms.query('SELECT 1 FROM versions WHERE article = $1', [article]);
    const changes = await cms.query('SELECT 1 FROM changes WHERE article = $1', [article]);
    return { versions: versions.rowCount, changes: changes.rowCount };
  }

  it('without the lock, the race publishes the article twice (what the lock is for)', async () => {
    await cms.query("INSERT INTO jobs (article) VALUES ('unguarded')");
    const barrier = race(2);
    await Promise.all(['a', 'b'].map((instance) => fakePayload(instance, barrier).jobs.run()));
    expect(await published('unguarded')).toEqual({ versions: 2, changes: 2 });
  });

  it('two runners racing publish a scheduled article once: one version, one change', async () => {
    await cms.query("INSERT INTO jobs (article) VALUES ('scheduled')");
    const barrier = race(2);
    const instances = ['a', 'b'].map((instance) => {
      const runner = createScheduledJobRunner(testDatabaseUrl);
      runners.push(runner);
      return { runner, payload: fakePayload(instance, barrier) };
    });
    // The instance turned away arrives at the barrier too, so the one running is released.
    const told = await Promise.all(
      instances.map(async ({ runner, payload }) => {
        let ran = false;
        const payloadShouldRun = await runner.runOnce({
          jobs: {
            run: () => {
              ran = true;
              return payload.jobs.run();
            },
          },
        } as unknown as Parameters<ScheduledJobRunner['runOnce']>[0]);
        if (!ran) await barrier.arrive();
        return payloadShouldRun;
      }),
    );
    // Neither lets Payload run the jobs again on its own.
    expect(told).toEqual([false, false]);
    expect(await published('scheduled')).toEqual({ versions: 1, changes: 1 });
  });

  it('the lock is free again after a run, and held by only one connection at a time', async () => {
    const pool = new Pool({ connectionString: testDatabaseUrl, max: 2 });
    try {
      let inner: boolean | null = null;
      const outer = await runExclusively(pool, JOBS_LOCK_KEY, async () => {
        inner = await runExclusively(pool, JOBS_LOCK_KEY, async () => undefined);
      });
      expect({ outer, inner }).toEqual({ outer: true, inner: false });
      expect(await runExclusively(pool, JOBS_LOCK_KEY, async () => undefined)).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
