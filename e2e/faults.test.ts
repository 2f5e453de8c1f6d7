import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ConsentRecord } from '@/lib/consent/consent-cookie';
import { E2E_PORT } from './support/config';
import { createPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { productionServerCommand } from '../scripts/support/processes';
import { prepareCms } from './support/fresh-database';

const serverCommand = productionServerCommand();

// Ports of their own, away from the servers of global-setup (E2E_PORT, E2E_PORT + 1).
const PG_PORT = E2E_PORT + 20;
const SERVER_PORT = E2E_PORT + 21;
const ORIGIN = `http://127.0.0.1:${SERVER_PORT}`;
const WORKERS = 4;
// Every wait below polls a condition with a deadline; these bound the whole test.
const START_DEADLINE_MS = 120_000;
const PHASE_DEADLINE_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Reader pages the load cycles through: cached pages, a search (rendered by Next per query) and a localized 404. */
const PAGES = ['/en', '/fr', '/en/articles/canada-china-reset', '/fr/articles/canada-chine-relance', '/en/feed.xml', '/sitemap.xml'];

type Outcome = { kind: 'page' | 'receipt' | 'beacon' | 'history'; path: string; status: number | 'network-error'; retryAfter: string | null; errorBody: unknown; id?: string; ms: number };

let cluster: PrivatePostgres | undefined;
let server: ChildProcess | undefined;
let dataDir: string | undefined;
let databaseUrl = '';
/** What the server wrote to stderr: an error the framework caught and logged would not show in any status. */
let serverErrors = '';

function aRecord(): ConsentRecord {
  const now = Math.floor(Date.now() / 1000);
  return { v: 1, rev: 1, id: randomUUID(), ts: now, upd: now, c: { preferences: false, analytics: true, marketing: false }, m: 'custom', gpc: false, l: 'en', src: 'banner' };
}

async function until(condition: () => boolean | Promise<boolean>, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function request(kind: Outcome['kind'], path: string, init: RequestInit = {}, id?: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${ORIGIN}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    let errorBody: unknown = null;
    if (response.status >= 400 && kind !== 'page') {
      try {
        errorBody = JSON.parse(text);
      } catch {
        errorBody = text;
      }
    }
    return { kind, path, status: response.status, retryAfter: response.headers.get('retry-after'), errorBody, id, ms: performance.now() - started };
  } catch {
    return { kind, path, status: 'network-error', retryAfter: null, errorBody: null, id, ms: performance.now() - started };
  }
}

/** A sign-in attempt reads the users table through the CMS's pool: 401 for an unknown editor. */
function cmsSignIn(): Promise<Response> {
  return fetch(`${ORIGIN}/cms/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password of anyone' }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

function postReceipt(): Promise<Outcome> {
  const record = aRecord();
  return request('receipt', '/api/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) }, record.id);
}

beforeAll(async () => {
  cluster = createPrivatePostgres(PG_PORT);
  await cluster.start();
  databaseUrl = await cluster.createDatabase('news_faults');
  dataDir = mkdtempSync(join(tmpdir(), 'news-e2e-faults-'));
  if (process.env.CMS_DATA_TEMPLATE) cpSync(process.env.CMS_DATA_TEMPLATE, dataDir, { recursive: true });
  // The CMS migrates and takes the seed, like `npm start` on a new PostgreSQL (as global-setup does).
  prepareCms({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir });

  let warmed = false;
  server = spawn(serverCommand.command, serverCommand.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, PORT: String(SERVER_PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
  });
  server.stderr?.setEncoding('utf8');
  server.stderr?.on('data', (chunk: string) => {
    serverErrors += chunk;
  });
  server.stdout?.setEncoding('utf8');
  server.stdout?.on('data', (chunk: string) => {
    if (chunk.includes('Static page cache warmed') || chunk.includes('Static page cache warm-up failed')) warmed = true;
  });
  // Served as in production: the page cache holds the sitemap's pages before the load starts.
  await until(() => warmed, START_DEADLINE_MS, 'the production server to start and warm its page cache');
}, START_DEADLINE_MS + 60_000);

afterAll(async () => {
  if (server?.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
      await until(() => server?.exitCode !== null || server?.signalCode !== null, 5_000, 'the server to stop').catch(() => undefined);
    } catch {
      // already gone
    }
    if (server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  cluster?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarted during load', () => {
  it('keeps serving pages, answers receipts 2xx or 503 with Retry-After, and loses no acknowledged receipt', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    let turn = 0;
    // The workers share one sequence of steps, so every phase of the test sees every kind of request.
    const STEPS = ['page', 'receipt', 'beacon', 'rendered', 'receipt', 'page', 'history', 'missing'] as const;
    const worker = async () => {
      while (running) {
        const n = turn++;
        const step = STEPS[n % STEPS.length]!;
        if (step === 'page') outcomes.push(await request('page', PAGES[n % PAGES.length]!));
        else if (step === 'receipt') outcomes.push(await postReceipt());
        else if (step === 'beacon') {
          outcomes.push(
            await request('beacon', '/api/metrics', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ path: '/en', locale: 'en', referrerHost: '' }) }),
          );
        } else if (step === 'history') {
          // A reader reading their own receipts: one acknowledged earlier, when there is one.
          const known = outcomes.find((o) => o.kind === 'receipt' && o.status === 201);
          outcomes.push(known ? await request('history', `/api/consent/${known.id}`) : await postReceipt());
        }
        // Rendered by Next on every request, never from the page cache: a new search each time, and a localized 404.
        else if (step === 'rendered') outcomes.push(await request('page', `/en/search?q=canada+${n}`));
        else outcomes.push(await request('page', `/en/articles/no-such-article-${n}`));
      }
    };
    const acknowledged = () => outcomes.filter((o) => o.kind === 'receipt' && o.status === 201).length;
    const unavailable = () => outcomes.filter((o) => o.kind === 'receipt' && o.status === 503).length;
    const workers = Array.from({ length: WORKERS }, () => worker());
    const started = performance.now();
    try {
      await until(() => acknowledged() >= 20, PHASE_DEADLINE_MS, '20 receipts before the outage');
      // Leaves the CMS's pool an idle connection for the restart to break (its pool had no 'error' listener).
      expect((await cmsSignIn()).status).toBe(401);
      const beforeOutage = outcomes.length;

      // An operator's restart: sessions terminated, then the database refuses connections for a while.
      await cluster!.stop('fast');
      const downFrom = outcomes.length;
      // Down for as long as it takes 30 receipt posts to be refused (polled, not slept), then started again.
      await until(() => outcomes.slice(downFrom).filter((o) => o.kind === 'receipt' && o.status === 503).length >= 30, PHASE_DEADLINE_MS, '30 receipts answered 503 while PostgreSQL is down');
      const duringOutage = outcomes.slice(downFrom);
      await cluster!.start();
      const afterRestart = outcomes.length;
      const acknowledgedBeforeRestart = acknowledged();
      await until(() => acknowledged() >= acknowledgedBeforeRestart + 20, PHASE_DEADLINE_MS, '20 receipts stored after the restart');
      running = false;
      await Promise.all(workers);
      // The CMS's own pool recovered too.
      const signIn = await cmsSignIn();

      const pages = outcomes.filter((o) => o.kind === 'page');
      const receipts = outcomes.filter((o) => o.kind === 'receipt');
      const storeCalls = outcomes.filter((o) => o.kind !== 'page');
      const cachedPages = pages.filter((o) => PAGES.includes(o.path));
      const pageErrors = pages.filter((o) => o.status === 'network-error' || o.status >= 500);
      const acknowledgedIds = receipts.filter((o) => o.status === 201).map((o) => o.id!);
      const afterRestartReceipts = outcomes.slice(afterRestart).filter((o) => o.kind === 'receipt');

      const check = new Client({ connectionString: databaseUrl });
      await check.connect();
      const { rows } = await check.query<{ stored: number }>('SELECT count(DISTINCT consent_id)::int AS stored FROM consent_receipts WHERE consent_id = ANY($1::uuid[])', [acknowledgedIds]);
      await check.end();
      const stored = rows[0]?.stored ?? -1;

      console.log(
        [
          `PostgreSQL restart during load, ${WORKERS} connections, ${((performance.now() - started) / 1000).toFixed(1)} s:`,
          `  requests: ${outcomes.length} (${pages.length} pages, ${receipts.length} receipt posts, ${storeCalls.length - receipts.length} beacons and receipt reads); ${beforeOutage} before the outage`,
          `  page errors (5xx or no answer): ${pageErrors.length}; page statuses: ${JSON.stringify(countBy(pages.map((o) => o.status)))}`,
          `  receipts: ${acknowledgedIds.length} acknowledged (201), ${stored} of them found in the database; ${unavailable()} answered 503`,
          `  while down: ${duringOutage.length} requests, ${duringOutage.filter((o) => o.kind === 'page').length} pages (statuses ${JSON.stringify(countBy(duringOutage.filter((o) => o.kind === 'page').map((o) => o.status)))})`,
          `  beacons: ${JSON.stringify(countBy(outcomes.filter((o) => o.kind === 'beacon').map((o) => o.status)))}; receipt reads: ${JSON.stringify(countBy(outcomes.filter((o) => o.kind === 'history').map((o) => o.status)))}`,
          `  slowest store answer: ${Math.max(...storeCalls.map((o) => o.ms)).toFixed(0)} ms; CMS sign-in after the restart: ${signIn.status}`,
          `  server log (stderr), distinct lines:`,
          ...[...new Set(serverErrors.split('\n').filter(Boolean))].slice(0, 15).map((line) => `    ${line.slice(0, 200)}`),
        ].join('\n'),
      );

      expect(cachedPages.length).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
      expect(cachedPages.filter((o) => o.status !== 200)).toEqual([]);
      // Pages Next rendered while the database was down: searches (200) and a 404 page, never an error.
      const renderedWhileDown = duringOutage.filter((o) => o.kind === 'page' && !PAGES.includes(o.path));
      expect(renderedWhileDown.length).toBeGreaterThan(0);
      expect(renderedWhileDown.filter((o) => o.status !== (o.path.includes('/search') ? 200 : 404))).toEqual([]);
      // Every store answer was a success or a 503 the client may retry, with a JSON reason and a Retry-After of a few seconds.
      for (const outcome of storeCalls) {
        if (outcome.status === 503) {
          expect(outcome.retryAfter).toMatch(/^[1-9]\d?$/);
          expect(outcome.errorBody).toEqual({ error: expect.any(String) });
        } else {
          expect([outcome.kind, outcome.status]).toEqual([outcome.kind, { receipt: 201, beacon: 204, history: 200, page: 200 }[outcome.kind]]);
        }
      }
      expect(unavailable()).toBeGreaterThanOrEqual(10);
      expect(afterRestartReceipts.filter((o) => o.status === 201).length).toBeGreaterThanOrEqual(20);
      // After the restart the pool recovered by itself: the last receipts were all stored.
      expect(afterRestartReceipts.slice(-10).map((o) => o.status)).toEqual(Array(10).fill(201));
      expect(stored).toBe(acknowledgedIds.length);
      expect(signIn.status).toBe(401);
      // Errors Next or Node caught and only logged (a pool without an 'error' listener throws from an idle connection).
      expect(serverErrors).not.toMatch(/uncaughtException|unhandledRejection|⨯/);
    } finally {
      running = false;
      await Promise.all(workers);
    }
  }, 4 * PHASE_DEADLINE_MS + 30_000);
});

function countBy<T extends string | number>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}
