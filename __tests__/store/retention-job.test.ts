/** @jest-environment node */
import { startRetentionJob, type RetentionJob } from '@/lib/store/retention';
import { CONSENT_RECEIPT_RETENTION_DAYS, RETENTION_JOB_INTERVAL_MS } from '@/lib/store/retention-policy';
import { aReceipt, type StoreHarness } from './store-contract';
import { openSqliteHarness } from './sqlite-harness';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A scheduler the test drives by hand: no timers, no waiting. */
function manualSchedule() {
  const ticks: { run: () => void; intervalMs: number; cancelled: boolean }[] = [];
  return {
    ticks,
    schedule(run: () => void, intervalMs: number) {
      const tick = { run, intervalMs, cancelled: false };
      ticks.push(tick);
      return () => {
        tick.cancelled = true;
      };
    },
  };
}

const quietLog = () => ({ log: jest.fn(), error: jest.fn() });

describe('retention job', () => {
  let harness: StoreHarness;
  let job: RetentionJob | undefined;

  beforeEach(async () => {
    harness = await openSqliteHarness();
  });

  afterEach(async () => {
    job?.stop();
    await harness.dispose();
  });

  it('purges on start and again at each daily tick, with the clock it is given', async () => {
    let now = new Date('2030-06-01T00:00:00.000Z');
    const first = aReceipt();
    const second = aReceipt();
    await harness.store.appendConsentReceipt(first, new Date(now.getTime() - (CONSENT_RECEIPT_RETENTION_DAYS + 1) * DAY_MS));
    await harness.store.appendConsentReceipt(second, new Date(now.getTime() - (CONSENT_RECEIPT_RETENTION_DAYS - 1) * DAY_MS));
    const scheduler = manualSchedule();
    const log = quietLog();

    job = startRetentionJob({ openStore: async () => harness.store, now: () => now, schedule: scheduler.schedule, log });
    const onStart = await job.runNow();

    expect(onStart?.ranAt).toEqual(now);
    expect(await harness.store.consentHistory(first.consentId)).toEqual([]);
    expect(await harness.store.consentHistory(second.consentId)).toHaveLength(1);
    expect(scheduler.ticks).toHaveLength(1);
    expect(scheduler.ticks[0]?.intervalMs).toBe(RETENTION_JOB_INTERVAL_MS);

    now = new Date(now.getTime() + 2 * DAY_MS);
    scheduler.ticks[0]?.run();
    await job.runNow();
    expect(await harness.store.consentHistory(second.consentId)).toEqual([]);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('logs a failed run and keeps its schedule', async () => {
    const scheduler = manualSchedule();
    const log = quietLog();
    let fail = true;
    job = startRetentionJob({
      openStore: async () => {
        if (fail) throw new Error('database is down');
        return harness.store;
      },
      now: () => new Date('2030-06-01T00:00:00.000Z'),
      schedule: scheduler.schedule,
      log,
    });

    expect(await job.runNow()).toBeNull();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('purge failed'), 'database is down');
    fail = false;
    expect(await job.runNow()).toMatchObject({ receiptsDeleted: 0, pageViewRowsDeleted: 0 });
  });

  it('stops its schedule when stopped', async () => {
    const scheduler = manualSchedule();
    job = startRetentionJob({ openStore: async () => harness.store, schedule: scheduler.schedule, log: quietLog() });
    await job.runNow();
    job.stop();
    expect(scheduler.ticks.map((tick) => tick.cancelled)).toEqual([true]);
  });
});

describe('instrumentation', () => {
  const saved = { runtime: process.env.NEXT_RUNTIME, job: process.env.RETENTION_JOB };
  afterEach(() => {
    for (const [key, value] of [
      ['NEXT_RUNTIME', saved.runtime],
      ['RETENTION_JOB', saved.job],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    jest.resetModules();
  });

  it.each([
    ['nodejs', 'on', 1],
    ['nodejs', undefined, 0],
    ['nodejs', 'off', 0],
    ['edge', 'on', 0],
  ] as const)('runtime %s with RETENTION_JOB=%s starts the job %i time(s)', async (runtime, flag, starts) => {
    process.env.NEXT_RUNTIME = runtime;
    if (flag === undefined) delete process.env.RETENTION_JOB;
    else process.env.RETENTION_JOB = flag;
    const startRetentionJob = jest.fn();
    jest.doMock('@/lib/store/retention', () => ({ startRetentionJob }));
    const { register } = await import('@/instrumentation');
    await register();
    expect(startRetentionJob).toHaveBeenCalledTimes(starts);
  });
});
