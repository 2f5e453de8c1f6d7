/**
 * Change-to-other-instance latency over PostgreSQL LISTEN/NOTIFY: two
 * channels in one process (two "instances"), N changes published one after
 * another by the first, each timed from the publish call until the second's
 * handler runs. Prints p50/p99 and writes bench/results/change-channel.json.
 *
 *   TEST_DATABASE_URL=postgres://… npx tsx scripts/bench/change-channel.bench.ts [changes]
 */
import { percentile } from './statistics';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createChangeChannel } from '@/lib/publishing/change-channel';

const connectionString = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!connectionString) {
  console.error('Set TEST_DATABASE_URL (scripts/ci/start-postgres.sh prints one) or DATABASE_URL.');
  process.exit(1);
}
const args = process.argv.slice(2);
const changes = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 20);
const throughServers = args.includes('--servers');
const TIMEOUT_MS = 5_000;

async function channelOnly(): Promise<number[]> {
  const schema = `changes_bench_${process.pid}`;
  const publisher = createChangeChannel({ connectionString, schema, instanceId: 'bench-a' });
  const receiver = createChangeChannel({ connectionString, schema, instanceId: 'bench-b' });
  const arrivals = new Map<number, () => void>();
  receiver.onChangeFromOtherInstance((change) => arrivals.get(change.id)?.());
  const samples: number[] = [];
  try {
    await Promise.all([publisher.start(), receiver.start()]);
    for (let n = 0; n < changes; n++) {
      const started = performance.now();
      let arrived: () => void = () => undefined;
      const arrival = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`change ${n} not received within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      // The id is known only once committed; a notification cannot arrive before the commit either.
      const recorded = await publisher.publishToInstances({ tags: [`article-en-bench-${n}`], upserted: [{ locale: 'en', id: `bench-${n}` }], removed: [] });
      arrivals.set(recorded.id, arrived);
      if (receiver.lastSeenId >= recorded.id) arrived();
      await arrival;
      samples.push(performance.now() - started);
    }
  } finally {
    await publisher.close();
    await receiver.close();
    const admin = new Client({ connectionString });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
  return samples;
}

async function main() {
  let samples: number[];
  let afterSave: number[] | null = null;
  if (throughServers) {
    const { measureClusterLatency } = await import('./cluster-latency');
    const port = Number(process.env.BENCH_CLUSTER_PORT ?? 4110);
    const measured = await measureClusterLatency(connectionString!, changes, [port, port + 1]);
    samples = measured.fromSaveMs;
    afterSave = [...measured.afterSaveMs].sort((a, b) => a - b);
  } else samples = await channelOnly();
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const report = {
    measuredAt: new Date().toISOString(),
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
    note: throughServers
      ? 'Two production servers on one PostgreSQL, from the save request on A until B serves the change: provisional figures (shared machine).'
      : 'Two channels in one process on a shared machine: provisional figures.',
    changes: samples.length,
    latencyMs: { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), max: round(samples[samples.length - 1]!) },
    ...(afterSave ? { afterSaveAnsweredMs: { p50: round(percentile(afterSave, 50)), p99: round(percentile(afterSave, 99)) } } : {}),
  };
  const out = path.join(process.cwd(), 'bench', 'results', throughServers ? 'change-to-every-instance.json' : 'change-channel.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`change to the other instance${throughServers ? ' (through two servers)' : ''}, ${report.changes} changes: p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms (load ${report.loadAverage1m})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
