// `npm run bench`: builds once into .next-bench, starts the production server
// on 127.0.0.1 and measures it beside the physical floor (the same bytes from
// a minimal Node server) and the framework floor (a blank Next.js app), then
// the bytes a reader downloads, Lighthouse, then how long a publish takes to
// reach readers (publish-latency.ts). Prints figures against the goals of
// issues 7 and 10; it never fails on a figure, only when something crashes.
//
// The build and the server read articles from the CMS: a temporary data
// folder gets a fresh database (scripts/cms/prepare.ts: migrations and the
// seed from content/), the build reads it, and the server runs on a copy of
// it (it writes there: consent receipts, editors, the publish bench's articles).
//
// Environment: BENCH_SECONDS (per measurement, default 3), BENCH_ROUNDS (3),
// BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (1), BENCH_SKIP_LIGHTHOUSE=1,
// BENCH_LIGHTHOUSE_RUNS (3: mobile runs per page, interleaved with the
// blank page), BENCH_SKIP_LOAD=1 (no req/s phase, for a quick Lighthouse-only
// run), BENCH_SKIP_SEARCH_SCALE=1 (reuse bench/results/search-scale.json),
// BENCH_SKIP_PUBLISH_LATENCY=1, PUBLISH_LATENCY_CHANGES (20 publishes, 20 updates),
// BENCH_SEARCH_SCALE_TIMEOUT_SECONDS (900), BENCH_NO_README=1 (leave
// docs/benchmarks.md alone), BENCH_TIMEOUT_MINUTES (35), CHROME_PATH (/usr/bin/chromium).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import {
  evaluateGoals,
  renderFullReport,
  renderSummary,
  updateReadmePerformance,
  type BenchResults,
  type LoadComparison,
  type Route,
} from './bench-report';
import { createBlankNextApp } from './blank-next-app';
import { cpuSnapshot, otherCoresBusy } from './cpu-contention';
import {
  delay,
  findFreePort,
  killAllProcessesNow,
  productionServerCommand,
  productionServerEntry,
  runToCompletion,
  startProcess,
  stopAllProcesses,
  waitForHttp,
  type ManagedProcess,
} from '../support/processes';
import type { FloorFixture } from './floor-server';
import { closesConnection, measureLoad, rawGet, type LoadResult } from './http-load';
import { measurePageBytes } from './page-bytes';
import type { PublishLatencyResult } from './publish-latency';
import { median } from './statistics';

const startedAt = Date.now();
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..', '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const nextBin = path.join(repoRoot, 'node_modules', '.bin', 'next');
const tsxBin = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const DIST_DIR = '.next-bench';
const ACCEPT_ENCODING = 'br, gzip';
const settings = {
  seconds: envNumber('BENCH_SECONDS', 3),
  rounds: Math.round(envNumber('BENCH_ROUNDS', 3)),
  connections: Math.round(envNumber('BENCH_CONNECTIONS', 50)),
  warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 1),
  acceptEncoding: ACCEPT_ENCODING,
};
const lighthouseRounds = Math.round(envNumber('BENCH_LIGHTHOUSE_RUNS', 3));
const skipLoad = process.env.BENCH_SKIP_LOAD === '1';
const chromePath = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeoutMinutes = envNumber('BENCH_TIMEOUT_MINUTES', 35);
const BUILD_TIMEOUT_MS = 6 * 60_000;
const BUILD_RETRY_WAIT_MS = 60_000;
const SEARCH_SCALE_TIMEOUT_MS = envNumber('BENCH_SEARCH_SCALE_TIMEOUT_SECONDS', 900) * 1000;
const CMS_PREPARE_TIMEOUT_MS = 3 * 60_000;
const PUBLISH_LATENCY_TIMEOUT_MS = 15 * 60_000;
/** The CMS on SQLite in a data folder of the bench's own, never an outside database. */
const CMS_ENV = { DATABASE_URL: '', SQLITE_PATH: '' };
/** Where the search-scale bench of issue 6 writes its figures. */
const SEARCH_SCALE_RESULTS = path.join(resultsDir, 'search-scale.json');

const ROUTES: Route[] = [
  { id: 'home-en', label: 'Home (en)', kind: 'home', path: '/en' },
  { id: 'home-fr', label: 'Accueil (fr)', kind: 'home', path: '/fr' },
  { id: 'article-en', label: 'Article (en)', kind: 'article', path: '/en/articles/canada-china-reset' },
  { id: 'article-fr', label: 'Article (fr)', kind: 'article', path: '/fr/articles/canada-chine-relance' },
  { id: 'search-en', label: 'Search (en)', kind: 'search', path: '/en/search?q=canola' },
  { id: 'search-fr', label: 'Recherche (fr)', kind: 'search', path: '/fr/recherche?q=canola' },
];
/** Where the floor server replays the blank app's page (its own path space). */
const BLANK_FLOOR_PATH = '/__blank-next-page';
/** A server is up once it answers anything (the floor answers 404 outside its fixtures). */
const anyAnswer = (status: number) => status > 0;

/** Progress goes to stderr; stdout carries only the Markdown summary. */
const log = (line: string) => process.stderr.write(`${line}\n`);
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`;

const cleanups: (() => void)[] = [];
function cleanUpNow() {
  killAllProcessesNow();
  while (cleanups.length) {
    try {
      cleanups.pop()?.();
    } catch {
      // Best effort on the way out.
    }
  }
}
process.on('exit', cleanUpNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping servers and removing temporary files`);
    cleanUpNow();
    process.exit(130);
  });
}
setTimeout(() => {
  log(`\nThe bench ran longer than ${timeoutMinutes} min (BENCH_TIMEOUT_MINUTES): stopping.`);
  cleanUpNow();
  process.exit(1);
}, timeoutMinutes * 60_000).unref();

/**
 * `next build` writes `<distDir>/types/**` entries into tsconfig.json's
 * "include" for every new distDir. The bench's build folder is none of the
 * project's business: take out what this build added.
 */
function guardTsconfig() {
  const file = path.join(repoRoot, 'tsconfig.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  return () => {
    if (before === null || !existsSync(file)) return;
    const after = readFileSync(file, 'utf8');
    if (after === before) return;
    const added = new Set([`${DIST_DIR}/types/**/*.ts`, `${DIST_DIR}/dev/types/**/*.ts`]);
    try {
      const parsed = JSON.parse(after) as { include?: unknown };
      if (!Array.isArray(parsed.include)) return;
      parsed.include = parsed.include.filter((entry: unknown) => typeof entry !== 'string' || !added.has(entry));
      let original: unknown;
      try {
        original = JSON.parse(before);
      } catch {
        original = undefined;
      }
      // Only our entries changed: restore the file byte for byte. Otherwise
      // someone else edited it meanwhile: remove our entries and keep theirs.
      writeFileSync(file, isDeepStrictEqual(parsed, original) ? before : `${JSON.stringify(parsed, null, 2)}\n`);
    } catch {
      log('  warning: next build changed tsconfig.json and it is not plain JSON; left as is');
    }
  };
}

async function build(name: string, cwd: string, env: Record<string, string>, attempts: number) {
  let totalSeconds = 0;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    log(`▶ ${name}: next build${attempt > 1 ? ` (attempt ${attempt})` : ''} [${elapsed()}]`);
    const restoreTsconfig = cwd === repoRoot ? guardTsconfig() : () => {};
    const result = await runToCompletion(name, nextBin, ['build'], { cwd, env, timeoutMs: BUILD_TIMEOUT_MS });
    restoreTsconfig();
    totalSeconds += result.seconds;
    if (result.ok) {
      log(`  ${name} built in ${result.seconds.toFixed(1)} s`);
      return { ok: true, seconds: totalSeconds, attempts: attempt };
    }
    log(`  ${name} build failed (exit ${result.code ?? result.signal}):\n${result.output.slice(-4000)}`);
    // Another engineer's half-written file can break the build for a moment.
    if (attempt < attempts) {
      log(`  retrying in ${BUILD_RETRY_WAIT_MS / 1000} s`);
      await delay(BUILD_RETRY_WAIT_MS);
    }
  }
  return { ok: false, seconds: totalSeconds, attempts };
}

function measure(url: string, load: { connections: number; seconds: number }) {
  return measureLoad(url, { ...load, headers: { 'accept-encoding': ACCEPT_ENCODING } });
}

/**
 * A measurement in which no request completed says "slower than the whole
 * window", not "0 ms": count its latencies as the window.
 */
function series(rounds: LoadResult[]) {
  for (const r of rounds) {
    if (r.requests === 0) {
      r.p50 = settings.seconds * 1000;
      r.p99 = settings.seconds * 1000;
    }
  }
  return {
    median: { rps: median(rounds.map((r) => r.rps)), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) },
    rounds,
  };
}

/** The search-scale bench: a Jest file (jest.bench.config.mjs), because it reuses the search suites' fixtures. */
const SEARCH_SCALE_SCRIPT = 'scripts/bench/search-scale.bench.ts';
function searchScaleCommand(): [string, string[]] {
  const jest = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
  return [process.execPath, [jest, '-c', 'jest.bench.config.mjs', '--runTestsByPath', SEARCH_SCALE_SCRIPT]];
}

/** @param since epoch ms; 0 takes any age */
function readJsonIfFresh(file: string, since: number): unknown {
  try {
    if (!existsSync(file) || statSync(file).mtimeMs < since) return null;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @param json figures of an earlier run, if any */
function lastRunNote(json: unknown): string {
  if (!json) return '; no earlier figures in bench/results/search-scale.json';
  const date = typeof json === 'object' && 'date' in json && typeof json.date === 'string' ? json.date.slice(0, 16).replace('T', ' ') : 'unknown date';
  return `; figures shown are NOT from this run but from the last completed one (bench/results/search-scale.json, ${date} UTC)`;
}

async function runSearchScale(): Promise<BenchResults['searchScale']> {
  const outcome: BenchResults['searchScale'] = { script: SEARCH_SCALE_SCRIPT, ok: false, seconds: 0, stdout: '', stderr: '', json: null, note: '' };
  const command = searchScaleCommand();
  const jsonPath = path.join(os.tmpdir(), `bench-search-scale-${process.pid}.json`);
  cleanups.push(() => rmSync(jsonPath, { force: true }));
  if (process.env.BENCH_SKIP_SEARCH_SCALE === '1') {
    outcome.json = readJsonIfFresh(SEARCH_SCALE_RESULTS, 0);
    outcome.note = `not run (BENCH_SKIP_SEARCH_SCALE=1)${lastRunNote(outcome.json)}`;
    return outcome;
  }
  const started = Date.now();
  log(`▶ search scale: ${path.basename(command[0])} ${command[1].map((a) => path.relative(repoRoot, a) || a).join(' ')} [${elapsed()}]`);
  const result = await runToCompletion('search scale', command[0], command[1], {
    cwd: repoRoot,
    env: { BENCH_SEARCH_SCALE_JSON: jsonPath, NEXT_DIST_DIR: DIST_DIR },
    timeoutMs: SEARCH_SCALE_TIMEOUT_MS,
  });
  log(`  search scale ${result.ok ? 'done' : 'failed'} in ${result.seconds.toFixed(1)} s`);
  outcome.ok = result.ok;
  outcome.seconds = result.seconds;
  outcome.stdout = result.stdout;
  outcome.stderr = result.ok ? '' : result.output;
  if (result.ok) {
    outcome.json = readJsonIfFresh(jsonPath, started) ?? readJsonIfFresh(SEARCH_SCALE_RESULTS, started);
  } else {
    // The file may have been written meanwhile by someone else's run of the
    // same bench: show it only as an earlier run, with its own date.
    outcome.json = readJsonIfFresh(SEARCH_SCALE_RESULTS, 0);
    const timedOut = result.seconds * 1000 >= SEARCH_SCALE_TIMEOUT_MS - 1000;
    outcome.note =
      `failed: exit ${result.code ?? result.signal}${timedOut ? ` (stopped after ${SEARCH_SCALE_TIMEOUT_MS / 1000} s, BENCH_SEARCH_SCALE_TIMEOUT_SECONDS)` : ''}` +
      lastRunNote(outcome.json);
  }
  return outcome;
}

/** A data folder holding a fresh CMS database: migrated, seeded from content/. */
async function prepareCmsData(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cms-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  log(`▶ CMS database (migrate, seed) in ${dir} [${elapsed()}]`);
  const result = await runToCompletion('CMS prepare', tsxBin, [path.join(repoRoot, 'scripts', 'cms', 'prepare.ts')], {
    cwd: repoRoot,
    env: { ...CMS_ENV, DATA_DIR: dir },
    timeoutMs: CMS_PREPARE_TIMEOUT_MS,
  });
  if (!result.ok) throw new Error(`scripts/cms/prepare.ts failed (exit ${result.code ?? result.signal}):\n${result.output.slice(-3000)}`);
  log(`  CMS ready in ${result.seconds.toFixed(1)} s`);
  return dir;
}

/**
 * publish-latency.ts against the running server; its last stdout line is the result.
 * @param dataDir the server's own data folder
 * @param server whose output explains a failure
 */
async function runPublishLatency(
  origin: string,
  dataDir: string,
  server: ManagedProcess,
): Promise<{ result: PublishLatencyResult | null; note: string | null }> {
  if (process.env.BENCH_SKIP_PUBLISH_LATENCY === '1') return { result: null, note: 'Publish to live: skipped (BENCH_SKIP_PUBLISH_LATENCY=1).' };
  log(`▶ publish to live [${elapsed()}]`);
  const run = await runToCompletion(
    'publish latency',
    tsxBin,
    [path.join(benchDir, 'publish-latency.ts'), '--origin', origin, '--data-dir', dataDir],
    { cwd: repoRoot, env: CMS_ENV, timeoutMs: PUBLISH_LATENCY_TIMEOUT_MS },
  );
  log(`  publish latency ${run.ok ? 'done' : 'failed'} in ${run.seconds.toFixed(1)} s`);
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '';
  if (!run.ok || !lastLine.startsWith('{')) {
    const serverState = server.child.exitCode ?? server.child.signalCode;
    log(`  publish-latency.ts said:\n${run.output.slice(-3000)}\n  the server ${serverState == null ? 'is still running' : `has exited (${serverState})`}; it said:\n${server.output().slice(-3000)}`);
    return { result: null, note: `Publish to live: \`scripts/bench/publish-latency.ts\` failed (exit ${run.code ?? run.signal}): ${run.output.trim().slice(-600).replace(/\s+/g, ' ')}` };
  }
  return { result: JSON.parse(lastLine) as PublishLatencyResult, note: null };
}

function machine() {
  const version = (pkg: string): string => {
    try {
      return String((JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      return 'unknown';
    }
  };
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.versions.node,
    next: version('next'),
    react: version('react'),
    os: `${os.type()} ${os.release()}`,
  };
}

async function main() {
  const results: BenchResults = {
    date: new Date().toISOString(),
    wallSeconds: 0,
    command: 'npm run bench',
    settings,
    machine: machine(),
    builds: {},
    routes: ROUTES.map((r) => ({ ...r, status: null, measured: false, closesConnection: false })),
    load: {},
    blankLoad: null,
    bytes: {},
    blankBytes: null,
    lighthouse: [],
    blankLighthouseUrl: null,
    lcpElements: {},
    searchScale: { script: null, ok: false, seconds: 0, stdout: '', stderr: '', json: null, note: '' },
    publishLatency: null,
    notMeasured: [],
    contention: { loadPhaseOtherCores: null, maxOtherCores: null },
    timings: { measureSeconds: 0 },
  };
  /** Process groups of the servers under test: their CPU is ours, everything else is contention. */
  const serverGroups = new Set<number>();
  const load = { connections: settings.connections, seconds: settings.seconds };
  log(`bench: ${settings.seconds} s × ${settings.rounds} rounds at ${settings.connections} connections, ${results.machine.cpus} cores, Node ${results.machine.node}`);

  // 1. Builds: ours into .next-bench (never the shared .next) from a fresh CMS database, then the blank app.
  const cmsData = await prepareCmsData();
  const ours = await build('ours', repoRoot, { NEXT_DIST_DIR: DIST_DIR, ...CMS_ENV, DATA_DIR: cmsData }, 2);
  results.builds.ours = ours;
  if (!ours.ok) throw new Error('the production build failed twice; see the output above');

  const blankApp = createBlankNextApp(repoRoot);
  cleanups.push(blankApp.remove);
  const blank = await build('blank Next.js app', blankApp.dir, {}, 1);
  results.builds['blank Next.js app'] = blank;
  if (!blank.ok) results.notMeasured.push('The blank Next.js app did not build: no framework floor in this run.');

  // 2. Servers, each in its own process group.
  const oursPort = await findFreePort();
  const oursBase = `http://127.0.0.1:${oursPort}`;
  // The server writes to its data folder (consent receipts, the CMS): a copy, so the build's stays as it was built from.
  const serverData = mkdtempSync(path.join(os.tmpdir(), 'bench-server-data-'));
  cleanups.push(() => rmSync(serverData, { recursive: true, force: true }));
  cpSync(cmsData, serverData, { recursive: true });
  const serverCommand = productionServerCommand([], productionServerEntry(DIST_DIR));
  const oursServer = startProcess('production server', serverCommand.command, serverCommand.args, {
    cwd: repoRoot,
    env: { PORT: String(oursPort), HOST: '127.0.0.1', NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production', ...CMS_ENV, DATA_DIR: serverData },
  });
  if (oursServer.child.pid) serverGroups.add(oursServer.child.pid);
  await waitForHttp(`${oursBase}/en`, oursServer, { timeoutMs: 60_000, accept: anyAnswer });
  log(`▶ production server on ${oursBase} [${elapsed()}]`);

  let blankBase = null;
  if (blank.ok) {
    const blankPort = await findFreePort();
    blankBase = `http://127.0.0.1:${blankPort}`;
    const blankServer = startProcess('blank next start', nextBin, ['start', '-H', '127.0.0.1', '-p', String(blankPort)], {
      cwd: blankApp.dir,
      env: { NODE_ENV: 'production' },
    });
    if (blankServer.child.pid) serverGroups.add(blankServer.child.pid);
    await waitForHttp(`${blankBase}/`, blankServer, { timeoutMs: 60_000, accept: anyAnswer });
    log(`▶ blank app (next start) on ${blankBase}`);
  }

  // 3. Which routes exist right now; the first answer also fills the page cache.
  for (const route of results.routes) {
    const res = await rawGet(`${oursBase}${route.path}`, { 'accept-encoding': ACCEPT_ENCODING });
    route.status = res.status;
    route.measured = res.status === 200;
    if (!route.measured) {
      const note = `${route.label} \`${route.path}\` answered ${res.status} at the time of this run: not measured.`;
      results.notMeasured.push(note);
      log(`  ${note}`);
    }
  }
  const measured = results.routes.filter((r) => r.measured);

  // 4. The physical floor replays exactly what each server sent.
  const fixtures: FloorFixture[] = [];
  for (const route of measured) {
    const res = await rawGet(`${oursBase}${route.path}`, { 'accept-encoding': ACCEPT_ENCODING });
    fixtures.push({ path: route.path, status: res.status, rawHeaders: res.rawHeaders, bodyBase64: res.body.toString('base64') });
    route.closesConnection = await closesConnection(`${oursBase}${route.path}`, { 'accept-encoding': ACCEPT_ENCODING });
    if (route.closesConnection) log(`  ${route.label}: the production server answers a keep-alive request with \`Connection: close\``);
  }
  if (blankBase) {
    await rawGet(`${blankBase}/`, { 'accept-encoding': ACCEPT_ENCODING });
    const res = await rawGet(`${blankBase}/`, { 'accept-encoding': ACCEPT_ENCODING });
    fixtures.push({ path: BLANK_FLOOR_PATH, status: res.status, rawHeaders: res.rawHeaders, bodyBase64: res.body.toString('base64') });
  }
  const fixturesDir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
  cleanups.push(() => rmSync(fixturesDir, { recursive: true, force: true }));
  const fixturesFile = path.join(fixturesDir, 'fixtures.json');
  writeFileSync(fixturesFile, JSON.stringify(fixtures));
  const floorPort = await findFreePort();
  const floorBase = `http://127.0.0.1:${floorPort}`;
  // tsx's loader inside the floor's own Node process: no wrapper process beside it.
  const floorServer = startProcess('floor server', process.execPath, ['--import', 'tsx', path.join(benchDir, 'floor-server.ts'), fixturesFile, String(floorPort)], {
    cwd: repoRoot,
  });
  if (floorServer.child.pid) serverGroups.add(floorServer.child.pid);
  await waitForHttp(`${floorBase}/`, floorServer, { timeoutMs: 10_000, accept: anyAnswer });
  for (const fixture of fixtures) {
    const res = await rawGet(`${floorBase}${fixture.path}`, { 'accept-encoding': ACCEPT_ENCODING });
    if (res.body.toString('base64') !== fixture.bodyBase64) throw new Error(`floor server does not replay ${fixture.path} byte for byte`);
  }
  log(`▶ floor server on ${floorBase} [${elapsed()}]`);

  // 5. Bytes a reader downloads.
  const assetCache = new Map<string, Promise<Buffer>>();
  for (const route of measured) results.bytes[route.id] = await measurePageBytes(oursBase, route.path, assetCache);
  if (blankBase) results.blankBytes = await measurePageBytes(blankBase, '/', new Map());

  // 6. Load: warm every target, then alternate ours/floor (order flipped each round), medians.
  const targets: { id: string; label: string; ours: string; floor: string }[] = measured.map((r) => ({ id: r.id, label: r.label, ours: `${oursBase}${r.path}`, floor: `${floorBase}${r.path}` }));
  if (blankBase) targets.push({ id: 'blank', label: 'Blank Next.js page', ours: `${blankBase}/`, floor: `${floorBase}${BLANK_FLOOR_PATH}` });
  if (skipLoad) {
    targets.length = 0;
    results.notMeasured.push('Requests per second: skipped (BENCH_SKIP_LOAD=1).');
  }
  if (targets.length) log(`▶ warming ${targets.length * 2} targets [${elapsed()}]`);
  for (const t of targets) {
    await measure(t.ours, { ...load, seconds: settings.warmupSeconds });
    await measure(t.floor, { ...load, seconds: settings.warmupSeconds });
  }
  const rounds: Record<string, { ours: LoadResult[]; floor: LoadResult[] }> = Object.fromEntries(targets.map((t) => [t.id, { ours: [], floor: [] }]));
  const phaseStart = cpuSnapshot(serverGroups);
  const contention: number[] = [];
  for (let round = 1; round <= (targets.length ? settings.rounds : 0); round += 1) {
    log(`▶ round ${round}/${settings.rounds} [${elapsed()}]`);
    for (const t of targets) {
      const order: ('ours' | 'floor')[] = round % 2 ? ['ours', 'floor'] : ['floor', 'ours'];
      for (const which of order) {
        const before = cpuSnapshot(serverGroups);
        const measurement = await measure(t[which], load);
        const result = { ...measurement, otherCores: otherCoresBusy(before, cpuSnapshot(serverGroups)) };
        if (result.otherCores != null) contention.push(result.otherCores);
        rounds[t.id]?.[which].push(result);
        const trouble = result.errors + result.timeouts + result.non2xx;
        log(
          `  ${t.label.padEnd(20)} ${which.padEnd(5)} ${Math.round(result.rps).toString().padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms` +
            `${result.otherCores == null ? '' : `  other processes ${result.otherCores.toFixed(2)} cores`}` +
            `${trouble ? `  (${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx)` : ''}`,
        );
      }
    }
  }
  results.contention = {
    loadPhaseOtherCores: otherCoresBusy(phaseStart, cpuSnapshot(serverGroups)),
    maxOtherCores: contention.length ? Math.max(...contention) : null,
  };
  for (const t of targets) {
    const r = rounds[t.id];
    if (!r) continue;
    const ours = series(r.ours);
    const floor = series(r.floor);
    const comparison: LoadComparison = { ours, floor, ratio: floor.median.rps > 0 ? ours.median.rps / floor.median.rps : Number.NaN };
    if (t.id === 'blank') results.blankLoad = comparison;
    else results.load[t.id] = comparison;
  }

  // 7. Lighthouse: home and article in both languages. Mobile: rounds in
  // which every page, the blank Next.js page included, runs once, the order
  // rotating each round, so that a busy moment of the machine does not fall
  // on one page only; medians per page. Desktop: one run each.
  const lighthousePages = measured.filter((r) => r.kind === 'home' || r.kind === 'article');
  if (process.env.BENCH_SKIP_LIGHTHOUSE === '1') {
    results.notMeasured.push('Lighthouse: skipped (BENCH_SKIP_LIGHTHOUSE=1).');
  } else if (!existsSync(chromePath)) {
    results.notMeasured.push(
      `Lighthouse: no Chromium at ${chromePath} (apt-get update && apt-get install -y --no-install-recommends chromium).`,
    );
  } else if (lighthousePages.length) {
    const mobileUrls = [...lighthousePages.map((r) => `${oursBase}${r.path}`), ...(blankBase ? [`${blankBase}/`] : [])];
    const runs: { url: string; preset: 'mobile' | 'desktop' }[] = [];
    for (let round = 0; round < lighthouseRounds; round += 1) {
      const shift = round % mobileUrls.length;
      for (const url of [...mobileUrls.slice(shift), ...mobileUrls.slice(0, shift)]) runs.push({ url, preset: 'mobile' });
    }
    for (const r of lighthousePages) runs.push({ url: `${oursBase}${r.path}`, preset: 'desktop' });
    log(`▶ Lighthouse, ${runs.length} runs (${lighthouseRounds} mobile round(s) with the blank page) [${elapsed()}]`);
    const { runLighthouse } = await import('./lighthouse-runs');
    results.lighthouse = await runLighthouse(runs, { chromePath, perRunTimeoutMs: 90_000, serverGroups, log });
    results.blankLighthouseUrl = blankBase ? `${blankBase}/` : null;
    try {
      const { findLcpElements } = await import('./lcp-element');
      results.lcpElements = await findLcpElements(mobileUrls, { chromePath });
    } catch (error) {
      results.notMeasured.push(`LCP elements: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      log(`▶ A slow phone, observed: ${lighthouseRounds} round(s) of real loads on Lighthouse's mobile network and CPU [${elapsed()}]`);
      const { measurePhoneTiming } = await import('./phone-timing');
      results.phoneTiming = await measurePhoneTiming(mobileUrls, { chromePath, rounds: lighthouseRounds, withoutIslands: blankBase ? [`${blankBase}/`] : [] });
    } catch (error) {
      results.notMeasured.push(`Phone timing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // 8. Publish to live, last: its new articles change the home pages the figures above were measured on.
  const publishLatency = await runPublishLatency(oursBase, serverData, oursServer);
  results.publishLatency = publishLatency.result;
  if (publishLatency.note) {
    results.notMeasured.push(publishLatency.note);
    log(`  ${publishLatency.note}`);
  }

  // 9. Stop every server, remove temporary files.
  await stopAllProcesses();
  cleanUpNow();
  results.timings.measureSeconds = (Date.now() - startedAt) / 1000;

  // 10. Search at scale (issue 6), when its script exists; it needs no server.
  results.searchScale = await runSearchScale();
  if (!results.searchScale.script) results.notMeasured.push('Search at scale: no `scripts/bench/search-scale*` file yet (issue 6); the hook is in place.');
  else if (!results.searchScale.ok) results.notMeasured.push(`Search at scale in this run: \`${results.searchScale.script}\` ${results.searchScale.note}.`);
  cleanUpNow();

  results.wallSeconds = (Date.now() - startedAt) / 1000;
  results.goals = evaluateGoals(results);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), `${renderFullReport(results)}\n`);
  const summary = renderSummary(results);
  if (process.env.BENCH_NO_README !== '1') updateReadmePerformance(path.join(repoRoot, 'docs', 'benchmarks.md'), summary);
  process.stdout.write(`${summary}\n`);
  log(`\nFull report: bench/results/latest.md, bench/results/latest.json${process.env.BENCH_NO_README === '1' ? '' : '; docs/benchmarks.md updated'}.`);
  log(
    `Total time: ${(results.wallSeconds / 60).toFixed(1)} min (${results.wallSeconds.toFixed(0)} s)` +
      `${results.searchScale.seconds ? `, of which search scale ${results.searchScale.seconds.toFixed(0)} s` : ''}.`,
  );
}

main().then(
  () => process.exit(0),
  async (error) => {
    log(`\nbench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopAllProcesses().catch(() => {});
    cleanUpNow();
    process.exit(1);
  },
);
