// How long a consent receipt takes to store under load, SQLite and PostgreSQL.
//
//   npx next build                                   # once (or NEXT_DIST_DIR=... for a side build)
//   npx tsx scripts/bench/consent-store.ts           # SQLite only
//   BENCH_DATABASE_URL=postgres://news:news@127.0.0.1:5432/news npx tsx scripts/bench/consent-store.ts
//
// For each store it starts the production server on 127.0.0.1 (a fresh SQLite
// file in a temporary folder; a fresh PostgreSQL schema, dropped afterwards),
// fires POST /api/consent with a new valid receipt per request for
// BENCH_SECONDS (default 10) over BENCH_CONNECTIONS (default 10) connections
// with autocannon, then checks that every acknowledged receipt is in the
// database. Two figures per store: the HTTP latency autocannon sees, and the
// time of the write alone, which the endpoint reports in `Server-Timing:
// store;dur=<ms>` (the HTTP figure includes Next.js and, on a shared machine,
// whatever else is running). A baseline run posts receipts the schema refuses
// (400): the same HTTP, JSON and validation work without the write.
// Results: stdout and bench/results/consent-store.json.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { POLICY_REVISION } from '@/lib/consent/categories';
import { consentRecordSchema, type ConsentRecord } from '@/lib/consent/consent-cookie';
import { buildConsentRecord } from '@/lib/consent/consent-decision';
import { runLoad } from '../support/autocannon';
import { percentile } from './statistics';
import { findFreePort, HOST, productionServerCommand, productionServerEntry, startProcess, stopProcess, waitForHttp } from '../support/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? '.next';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
const SERVER_START_TIMEOUT_MS = 60_000;
/** The server finishes the requests in flight before it exits: the database is counted only once they are stored. */
const SERVER_STOP_GRACE_MS = 10_000;

if (!existsSync(join(DIST_DIR, 'BUILD_ID'))) {
  console.error(`No production build in ${DIST_DIR}: run \`npx next build\` first (or set NEXT_DIST_DIR).`);
  process.exit(1);
}
if (!Number.isFinite(SECONDS) || SECONDS <= 0 || SECONDS > 120) {
  console.error('BENCH_SECONDS must be between 1 and 120.');
  process.exit(1);
}

async function startServer(env: Record<string, string>) {
  const port = await findFreePort();
  const { command, args } = productionServerCommand([], productionServerEntry(DIST_DIR));
  const server = startProcess('production server', command, args, {
    env: { ...env, PORT: String(port), HOST, NEXT_DIST_DIR: DIST_DIR, METRICS_TOKEN: '' },
  });
  const origin = `http://${HOST}:${port}`;
  try {
    // 405 from the receipt route: the server is up and the route is loaded.
    await waitForHttp(`${origin}/api/consent`, server, { timeoutMs: SERVER_START_TIMEOUT_MS, accept: (status) => status === 405 });
  } catch (error) {
    await stopProcess(server, SERVER_STOP_GRACE_MS);
    throw error;
  }
  return { origin, server };
}

/** A decision as a reader's banner makes it, built by the same module as the site's. */
function aReceipt(): ConsentRecord {
  return buildConsentRecord({
    previous: null,
    choices: { preferences: false, analytics: true, marketing: false },
    method: 'custom',
    source: 'banner',
    locale: 'en',
    gpc: false,
    nowSeconds: Math.floor(Date.now() / 1000),
    newId: randomUUID,
  });
}

const aReceiptBody = () => JSON.stringify(aReceipt());

/** Same size and parsing work, refused by the schema (`rev` is not the policy revision): no write. */
const aRefusedBody = () => JSON.stringify({ ...aReceipt(), rev: POLICY_REVISION + 1 });

interface StoreRun {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  errors: number;
  storeP50: number | null;
  storeP99: number | null;
  /** Receipts in the database after the run. */
  stored?: number;
}

async function load(origin: string, body: () => string): Promise<StoreRun> {
  const storeTimes: number[] = [];
  const result = await runLoad({
    url: `${origin}/api/consent`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (_status, _body, _context, headers) => {
          const timing = /store;dur=([\d.]+)/.exec(String(headers['server-timing'] ?? ''));
          if (timing) storeTimes.push(Number(timing[1]));
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    status2xx: result['2xx'],
    status4xx: result['4xx'],
    status5xx: result['5xx'],
    errors: result.errors + result.timeouts,
    storeP50: storePercentile(storeTimes, 50),
    storeP99: storePercentile(storeTimes, 99),
  };
}

/** A percentile of the store times in ms, to 0.01 ms; null when the endpoint reported none. */
function storePercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  return Math.round(percentile([...values].sort((a, b) => a - b), p) * 100) / 100;
}

const results: { baseline?: StoreRun; sqlite?: StoreRun; postgres?: StoreRun } = {};

async function benchSqlite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-consent-'));
  const { origin, server } = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '', SQLITE_PATH: '' });
  let sqlite: StoreRun;
  try {
    results.baseline = await load(origin, aRefusedBody);
    sqlite = await load(origin, aReceiptBody);
  } finally {
    await stopProcess(server, SERVER_STOP_GRACE_MS);
  }
  const db = new Database(join(dataDir, 'site.sqlite'), { readonly: true });
  sqlite.stored = (db.prepare('SELECT COUNT(*) AS n FROM consent_receipts').get() as { n: number }).n;
  results.sqlite = sqlite;
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

async function benchPostgres() {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  try {
    const { origin, server } = await startServer({ DATABASE_URL: url.toString() });
    let postgres: StoreRun;
    try {
      postgres = await load(origin, aReceiptBody);
    } finally {
      await stopProcess(server, SERVER_STOP_GRACE_MS);
    }
    const { rows } = await admin.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${schema}.consent_receipts`);
    postgres.stored = rows[0]?.n ?? 0;
    results.postgres = postgres;
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

// The baseline is only a baseline if the endpoint's schema refuses its body and takes the other.
if (consentRecordSchema.safeParse(JSON.parse(aRefusedBody())).success || !consentRecordSchema.safeParse(JSON.parse(aReceiptBody())).success) {
  console.error('The receipts this bench posts no longer match the endpoint schema (lib/consent/consent-cookie.ts): fix aReceipt / aRefusedBody.');
  process.exit(1);
}

const loadBefore = loadavg()[0] ?? 0;
console.log(`POST /api/consent for ${SECONDS} s per run, ${CONNECTIONS} connections, ${DIST_DIR}`);
console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start`);
if (loadBefore > cpus().length) {
  console.warn('⚠ the machine is busy with other work: HTTP latencies will be inflated; the store times less so.');
}
await benchSqlite();
if (DATABASE_URL) await benchPostgres();
else console.log('PostgreSQL not measured: set BENCH_DATABASE_URL (scripts/ci/start-postgres.sh prints one).');

const rows = Object.entries(results).map(([name, r]) => ({
  run: name === 'baseline' ? 'no write (400)' : `${name} store`,
  'req/s': r.perSecond,
  'HTTP p50 ms': r.p50,
  'HTTP p99 ms': r.p99,
  'store p50 ms': r.storeP50 ?? '',
  'store p99 ms': r.storeP99 ?? '',
  '2xx': r.status2xx,
  '4xx': r.status4xx,
  '5xx': r.status5xx,
  errors: r.errors,
  stored: r.stored ?? '',
}));
console.table(rows);

let failed = false;
for (const name of ['sqlite', 'postgres'] as const) {
  const r = results[name];
  if (!r) continue;
  const stored = r.stored ?? 0;
  // autocannon stops counting at the deadline; up to one request per
  // connection is still answered (and stored) after it.
  if (stored < r.status2xx || stored > r.status2xx + CONNECTIONS) {
    console.error(`✘ ${name}: ${r.status2xx} receipts acknowledged but ${stored} stored`);
    failed = true;
  } else {
    console.log(
      `✔ ${name}: every acknowledged receipt is stored (${stored}); ` +
        `store p50 ${r.storeP50} ms, p99 ${r.storeP99} ms; HTTP p50 ${r.p50} ms, p99 ${r.p99} ms`,
    );
  }
  if (r.status5xx > 0 || r.errors > 0) {
    console.error(`✘ ${name}: ${r.status5xx} answers 5xx, ${r.errors} errors or timeouts`);
    failed = true;
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/consent-store.json',
  `${JSON.stringify(
    { date: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, cpus: cpus().length, loadAverage: loadBefore, results },
    null,
    2,
  )}\n`,
);
process.exit(failed ? 1 : 0);
