import type { ConsentStore, PurgeResult } from './store-interface';
import { getStore } from './get-store';
import { RETENTION_JOB_INTERVAL_MS, retentionCutoffs, type RetentionCutoffs } from './retention-policy';

export interface PurgeReport extends PurgeResult {
  ranAt: Date;
  cutoffs: RetentionCutoffs;
}

/** Deletes everything older than its stated retention at `now`. */
export async function purgeExpiredRecords(store: ConsentStore, now: Date): Promise<PurgeReport> {
  const cutoffs = retentionCutoffs(now);
  const result = await store.purgeExpired(cutoffs, now);
  return { ...result, ranAt: now, cutoffs };
}

export interface RetentionJobOptions {
  openStore?: () => Promise<ConsentStore>;
  now?: () => Date;
  /** Calls `run` every `intervalMs`; returns the cancel function. Injected by tests. */
  schedule?: (run: () => void, intervalMs: number) => () => void;
  intervalMs?: number;
  log?: Pick<Console, 'log' | 'error'>;
}

export interface RetentionJob {
  /** One purge now; resolves with its report, or null when it failed (already logged). */
  runNow(): Promise<PurgeReport | null>;
  stop(): void;
}

function everyInterval(run: () => void, intervalMs: number): () => void {
  const timer = setInterval(run, intervalMs);
  // The job must never be what keeps a stopping server alive.
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Runs the purge when started and then on a fixed interval, in the server
 * process (see instrumentation.ts). A failed run (database down) is logged
 * and retried at the next tick rather than stopping the schedule; runs never
 * overlap.
 */
export function startRetentionJob(options: RetentionJobOptions = {}): RetentionJob {
  const {
    openStore = getStore,
    now = () => new Date(),
    schedule = everyInterval,
    intervalMs = RETENTION_JOB_INTERVAL_MS,
    log = console,
  } = options;
  let running: Promise<PurgeReport | null> | null = null;

  const purgeOnce = async (): Promise<PurgeReport | null> => {
    try {
      const report = await purgeExpiredRecords(await openStore(), now());
      log.log(
        `[retention] deleted ${report.receiptsDeleted} consent receipts received before ${report.cutoffs.receiptsReceivedBefore.toISOString()} and ${report.pageViewRowsDeleted} page-view counters before ${report.cutoffs.pageViewsBeforeDay}`,
      );
      return report;
    } catch (error) {
      log.error('[retention] purge failed, retrying at the next run:', error instanceof Error ? error.message : error);
      return null;
    }
  };

  const runNow = (): Promise<PurgeReport | null> => {
    if (running) return running;
    const run = purgeOnce().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };

  const cancel = schedule(() => void runNow(), intervalMs);
  void runNow();
  return { runNow, stop: cancel };
}
