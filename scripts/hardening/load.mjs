#!/usr/bin/env node
// @ts-check
// Load and soak suite (`npm run test:load`, issue 7).
//
// Starts the production server from an existing build (empty SQLite store),
// warms it up, then drives a mixed load of routes (home, articles, sections,
// tags, search with a few queries, cookie policy, 404s, a locale redirect,
// both languages, some with brotli/gzip) at 50 connections with autocannon
// for 60 s (15 s with --short). Checks: no connection errors, no timeouts,
// every route answers with its intended status (only the 404 routes may
// answer 4xx), the server's resident memory after the run is within 20 % of
// what it was after the warm-up, and /en still answers normally.
//
//   NEXT_DIST_DIR=.next-hardening node scripts/hardening/load.mjs [--short]
//
// Environment: LOAD_SECONDS (60; 15 with --short or LOAD_SHORT=1),
// LOAD_WARMUP_REQUESTS (at least 2000 warm-up requests, 1000 short; the
// warm-up goes on until memory settles), LOAD_WARMUP_MAX_SECONDS (120; 60
// short), LOAD_CONNECTIONS (50), LOAD_PORT (first free port from 3450),
// NEXT_DIST_DIR (.next). Memory is compared after a forced full GC: the
// server runs with --expose-gc and gc-on-signal.mjs preloaded.
// @ts-expect-error -- autocannon ships no types
import autocannon from 'autocannon';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  assertBuildExists,
  cpuSeconds,
  delay,
  distDirFromEnv,
  findFreePort,
  residentKiB,
  runBounded,
  sampleResidentKiB,
  SetupError,
  simpleGet,
  startServer,
} from './server-process.mjs';

const NAME = 'load';
const argv = process.argv.slice(2);
const SHORT = argv.includes('--short') || process.env.LOAD_SHORT === '1';
const SECONDS = positiveInt(process.env.LOAD_SECONDS, SHORT ? 15 : 60);
/** Warm-up: 10-s slices until this many requests were sent and memory stopped growing (see main), at most WARMUP_MAX_SECONDS. */
const WARMUP_REQUESTS = positiveInt(process.env.LOAD_WARMUP_REQUESTS, SHORT ? 1000 : 2000);
const WARMUP_MAX_SECONDS = positiveInt(process.env.LOAD_WARMUP_MAX_SECONDS, SHORT ? 60 : 120);
const WARMUP_SLICE_SECONDS = 10;
/** Growth of the settled RSS over one slice below which the server counts as warm. */
const WARM_GROWTH = 0.05;
const CONNECTIONS = positiveInt(process.env.LOAD_CONNECTIONS, 50);
/** autocannon's per-request timeout, seconds. */
const TIMEOUT_SECONDS = 10;
/** Resident memory may grow at most this much between after-warm-up and after-run. */
const RSS_TOLERANCE = 0.2;

/** @param {string | undefined} value @param {number} fallback */
function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/**
 * @typedef {{ label: string, path: string, headers: Record<string, string>, expect: 'page' | 'redirect' | 'not-found' }} Route
 */

/**
 * The public path of an internal route path (`/fr/section/x` is served at
 * `/fr/rubrique/x`), from the build's own rewrites.
 * @param {{ source: string, destination: string }[]} rewrites
 * @param {string} internal
 */
function publicPath(rewrites, internal) {
  for (const { source, destination } of rewrites) {
    /** @type {string[]} */
    const names = [];
    const pattern = destination.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(internal);
    if (!match) continue;
    return source.replace(/:(\w+)/g, (_, name) => match[names.indexOf(name) + 1] ?? '');
  }
  return internal;
}

/**
 * The route mix, from what this build actually contains: prerendered pages
 * from prerender-manifest.json (so articles, sections and tags follow the
 * content), public paths from the build's rewrites.
 * @param {string} distDir
 * @returns {{ routes: Route[], notes: string[] }}
 */
function routeMix(distDir) {
  /** @param {string} file */
  const read = (file) => {
    const path = join(distDir, file);
    if (!existsSync(path)) throw new SetupError(`${path} is missing: is ${distDir} a complete production build?`);
    return JSON.parse(readFileSync(path, 'utf8'));
  };
  const prerendered = Object.keys(read('prerender-manifest.json').routes ?? {});
  const appRoutes = Object.values(read('app-path-routes-manifest.json') ?? {});
  const rewrites = read('routes-manifest.json').rewrites?.beforeFiles ?? [];
  /** @type {string[]} */
  const notes = [];
  /** @type {Route[]} */
  const routes = [];
  const br = { 'Accept-Encoding': 'br' };
  const gzip = { 'Accept-Encoding': 'gzip, deflate' };
  /** @param {Route['expect']} expect @param {string} label @param {string} path @param {Record<string, string>} [headers] */
  const add = (expect, label, path, headers = {}) => {
    const encoding = headers['Accept-Encoding']?.split(',')[0];
    const language = headers['Accept-Language']?.split(',')[0];
    const full = `${label.padEnd(16)} ${path}${encoding ? ` [${encoding}]` : ''}${language ? ` [${language}]` : ''}`;
    routes.push({ label: full, path, headers, expect });
  };

  for (const locale of ['en', 'fr']) {
    const pick = (/** @type {RegExp} */ re, /** @type {number} */ n) =>
      prerendered.filter((p) => p.startsWith(`/${locale}/`) && re.test(p)).slice(0, n);
    add('page', `home ${locale}`, `/${locale}`);
    add('page', `home ${locale}`, `/${locale}`, br);
    add('page', `home ${locale}`, `/${locale}`, gzip);
    const articles = pick(/^\/\w\w\/articles\/[^/]+$/, 3);
    if (articles.length === 0) notes.push(`no prerendered article pages for ${locale} in this build`);
    articles.forEach((p, i) => add('page', `article ${locale}`, publicPath(rewrites, p), i === 0 ? br : i === 1 ? gzip : {}));
    const sections = pick(/^\/\w\w\/section\/[^/]+$/, 2);
    if (sections.length === 0) notes.push(`no prerendered section pages for ${locale} in this build`);
    sections.forEach((p, i) => add('page', `section ${locale}`, publicPath(rewrites, p), i === 0 ? br : {}));
    pick(/^\/\w\w\/tag\/[^/]+$/, 1).forEach((p) => add('page', `tag ${locale}`, publicPath(rewrites, p), gzip));
    if (appRoutes.includes('/[locale]/cookies')) add('page', `cookie policy ${locale}`, publicPath(rewrites, `/${locale}/cookies`), br);
    else notes.push('no cookie policy page in this build');
  }
  if (appRoutes.includes('/[locale]/search')) {
    // Searches are a few percent of a news site's page views and the only
    // pages rendered per request: one hit and one miss per language already
    // weigh them well above their real share.
    const queries = { en: ['canola', 'zzzz-no-result'], fr: ['énergie', 'zzzz-aucun'] };
    for (const [locale, words] of Object.entries(queries)) {
      const base = publicPath(rewrites, `/${locale}/search`);
      words.forEach((q, i) => add('page', `search ${locale}`, `${base}?q=${encodeURIComponent(q)}`, i % 2 === 0 ? br : {}));
    }
  } else {
    notes.push('no search page in this build');
  }
  // The intended 404s: localized not-found pages, answered by the proxy.
  add('not-found', '404 en', '/en/no-such-page');
  add('not-found', '404 fr', '/fr/page-introuvable', br);
  add('not-found', '404 article en', '/en/articles/no-such-article');
  add('not-found', '404 rubrique fr', '/fr/rubrique/aucune', gzip);
  // Locale negotiation at /: a redirect, both ways.
  add('redirect', 'locale redirect', '/', { 'Accept-Language': 'fr-CA,fr;q=0.9' });
  add('redirect', 'locale redirect', '/', { 'Accept-Language': 'en-CA,en;q=0.9' });
  return { routes, notes };
}

/** @param {Route['expect']} expect @param {number} status */
function statusFits(expect, status) {
  if (expect === 'page') return status === 200;
  if (expect === 'redirect') return status >= 300 && status < 400;
  return status === 404;
}

/**
 * @param {string} origin
 * @param {Route[]} routes
 * @param {number} seconds
 * @param {Map<string, Map<number, number>>} statuses filled per route label
 * @param {Map<string, number[]>} latencies filled per route label (ms, measured from the request's setup)
 * @returns {Promise<any>} autocannon's result
 */
function runLoad(origin, routes, seconds, statuses, latencies) {
  // One round-robin over the routes shared by all connections: whatever the
  // speed of each route, the mix of requests sent is the list's (a fixed
  // list per connection would send mostly its first entries).
  let next = 0;
  /** Requests sent and not answered yet, by sequence number. */
  /** @type {Map<number, { label: string, started: number }>} */
  const pending = new Map();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            method: 'GET',
            setupRequest: (/** @type {any} */ request, /** @type {any} */ context) => {
              const route = /** @type {Route} */ (routes[next % routes.length]);
              next += 1;
              context.label = route.label;
              context.started = performance.now();
              context.seq = next;
              pending.set(next, { label: route.label, started: context.started });
              return { ...request, method: 'GET', path: route.path, headers: route.headers };
            },
            onResponse: (/** @type {number} */ status, /** @type {unknown} */ _body, /** @type {any} */ context) => {
              const byStatus = statuses.get(context.label) ?? new Map();
              byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
              statuses.set(context.label, byStatus);
              pending.delete(context.seq);
              const times = latencies.get(context.label) ?? [];
              times.push(performance.now() - context.started);
              latencies.set(context.label, times);
            },
          },
        ],
      },
      (/** @type {Error | null} */ error, /** @type {any} */ result) => {
        if (error) return reject(error);
        // Requests still unanswered that were sent more than the timeout
        // before the end are the ones autocannon gave up on: which routes.
        const cutoff = performance.now() - TIMEOUT_SECONDS * 1000;
        /** @type {Map<string, number>} */
        const lost = new Map();
        for (const { label, started } of pending.values()) if (started < cutoff) lost.set(label, (lost.get(label) ?? 0) + 1);
        result.lostByRoute = lost;
        resolve(result);
      },
    );
  });
}

/** @param {string} label */
function truncateLabel(label) {
  return label.length > 64 ? `${label.slice(0, 63)}…` : label;
}

/** @param {number | null} kib */
function mib(kib) {
  return kib === null ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`;
}

async function main() {
  const started = performance.now();
  const distDir = distDirFromEnv();
  assertBuildExists(distDir);
  const { routes, notes } = routeMix(distDir);
  const port = process.env.LOAD_PORT ? positiveInt(process.env.LOAD_PORT, 3450) : await findFreePort(3450, 3499);
  console.log(
    `load: ${CONNECTIONS} connections, warm-up ≥ ${WARMUP_REQUESTS} requests (≤ ${WARMUP_MAX_SECONDS} s), run ${SECONDS} s${SHORT ? ' (short form)' : ''}, ${routes.length} routes, build ${distDir}`,
  );
  for (const note of notes) console.log(`  note: ${note}`);

  /** What the server printed after each forced full GC (gc-on-signal.mjs). */
  /** @type {{ forced: boolean, rss: number, heapUsed: number, external: number }[]} */
  const gcReports = [];
  let pending = '';
  const server = await startServer({
    port,
    distDir,
    label: 'load',
    env: { METRICS_TOKEN: 'load-metrics-token' },
    nodeArgs: ['--expose-gc', '--import', pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'gc-on-signal.mjs')).href],
    onStdout: (text) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^\[hardening-gc\] (\{.*\})$/.exec(line.trim());
        if (m?.[1]) gcReports.push(JSON.parse(m[1]));
      }
    },
  });

  /**
   * Memory in a comparable state: the load is stopped, a full GC runs in the
   * server, then RSS is read (median of 5). Returns RSS (KiB) and the live JS
   * heap (MiB) the server reported.
   */
  const settledMemory = async () => {
    const seen = gcReports.length;
    process.kill(server.pid, 'SIGUSR2');
    const deadline = Date.now() + 5000;
    while (gcReports.length === seen && Date.now() < deadline) await delay(50);
    await delay(300);
    const rss = await sampleResidentKiB(server.pid, 5, 100);
    const report = gcReports.length > seen ? gcReports[gcReports.length - 1] : undefined;
    return { rss, heapMiB: report && report.forced ? report.heapUsed / 1048576 : null };
  };
  console.log(`load: production server pid ${server.pid} on ${server.origin}`);

  /** @type {[string, string[]][]} */
  const checks = [];

  // Every route once, on its own, before any load: a wrong route list or a
  // broken page is reported as such, not as a load failure.
  /** @type {string[]} */
  const preflight = [];
  for (const route of routes) {
    const res = await fetch(`${server.origin}${route.path}`, { headers: route.headers, redirect: 'manual' });
    await res.arrayBuffer();
    if (!statusFits(route.expect, res.status)) preflight.push(`${route.label}: GET ${route.path} → ${res.status}, expected ${route.expect}`);
  }
  checks.push(['every route answers as intended on its own', preflight]);

  // Warm-up matters for the memory check: before it, Next has not loaded the
  // routes' code (it does so on first request), the static page cache and
  // Next's own caches have not filled, V8 has not optimised the hot paths and
  // has not sized its heap for this load. All that is one-time growth that a
  // "before" sample on a cold server would count as a leak. And memory is
  // always read in the same state (load stopped, after a forced full GC):
  // under load V8 lets garbage pile up to a limit it keeps adjusting (150 to
  // 200 MB of a ~55 MB live heap here), so a raw RSS sample depends on where
  // the collection cycle happens to be. The warm-up runs the same load in
  // 10-s slices until WARMUP_REQUESTS requests were sent and the settled RSS
  // grew less than 5 % over the last slice. Memory that never settles within
  // WARMUP_MAX_SECONDS fails the check: a leak must not be waited out.
  /** @type {string[]} */
  const warmSeries = [];
  let warmSeconds = 0;
  let warmRequests = 0;
  /** @type {number | null} */
  let previous = null;
  /** @type {{ rss: number | null, heapMiB: number | null }} */
  let before = await settledMemory();
  warmSeries.push(`cold ${mib(before.rss)}`);
  let warmedUp = false;
  while (warmSeconds < WARMUP_MAX_SECONDS) {
    const warm = await runLoad(server.origin, routes, WARMUP_SLICE_SECONDS, new Map(), new Map());
    warmSeconds += WARMUP_SLICE_SECONDS;
    warmRequests += warm.requests.total;
    before = await settledMemory();
    warmSeries.push(`${warmSeconds}s ${mib(before.rss)}`);
    const settled = previous !== null && before.rss !== null && (before.rss - previous) / previous < WARM_GROWTH;
    if (settled && warmRequests >= WARMUP_REQUESTS) {
      warmedUp = true;
      break;
    }
    previous = before.rss;
  }
  console.log(
    `load: warm-up ${warmSeconds} s (${warmRequests} requests)${warmedUp ? '' : ', memory still growing'}; settled RSS ${warmSeries.join(', ')}`,
  );

  /** @type {Map<string, Map<number, number>>} */
  const statuses = new Map();
  /** @type {Map<string, number[]>} */
  const latencies = new Map();
  // RSS every 5 s during the run: a leak climbs steadily, a warm heap plateaus.
  /** @type {string[]} */
  const series = [];
  const runStarted = performance.now();
  // Server CPU per second of the run: a server starved by other processes
  // (a busy CI machine) shows little CPU while its answers are slow; one
  // that blocks shows a full core.
  /** @type {number[]} */
  const cpuPerSecond = [];
  let lastCpu = cpuSeconds(server.pid);
  const clientCpuStart = process.cpuUsage();
  let ticks = 0;
  const sampler = setInterval(() => {
    const cpu = cpuSeconds(server.pid);
    if (cpu !== null && lastCpu !== null) cpuPerSecond.push(cpu - lastCpu);
    lastCpu = cpu;
    ticks += 1;
    if (ticks % 5 === 0) series.push(`${((performance.now() - runStarted) / 1000).toFixed(0)}s ${mib(residentKiB(server.pid))}`);
  }, 1000);
  const result = await runLoad(server.origin, routes, SECONDS, statuses, latencies).finally(() => clearInterval(sampler));
  const clientCpu = process.cpuUsage(clientCpuStart);
  const clientShare = (clientCpu.user + clientCpu.system) / 1e6 / SECONDS;
  const after = await settledMemory();
  const rssBefore = before.rss;
  const rssAfter = after.rss;
  const alive = server.alive();
  const en = await simpleGet(`${server.origin}/en`, 10_000);
  await server.stop();

  // ------------------------------------------------------------------ report
  const latency = result.latency;
  console.log(`\nThroughput: ${result.requests.average.toFixed(0)} req/s average (${result.requests.total} requests in ${SECONDS} s, ${(result.throughput.average / 1024 / 1024).toFixed(1)} MiB/s)`);
  console.log(`Latency: p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  console.log(`Errors: ${result.errors}, timeouts: ${result.timeouts}, resets: ${result.resets ?? 0}, non-2xx: ${result.non2xx}`);
  console.log(`Server RSS during the run (raw, garbage included): ${series.join(', ')}`);
  const avgCpu = cpuPerSecond.length ? cpuPerSecond.reduce((a, b) => a + b, 0) / cpuPerSecond.length : null;
  if (avgCpu !== null) {
    const avg = avgCpu;
    const idle = cpuPerSecond.filter((c) => c < 0.2).length;
    console.log(
      `Server CPU: ${(avg * 100).toFixed(0)} % of a core on average; ${idle} of ${cpuPerSecond.length} seconds under 20 %; ` +
        `load generator (autocannon, this process) ${(clientShare * 100).toFixed(0)} % ` +
        `(machine load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
    );
  }
  const pct = rssBefore && rssAfter ? ` (${rssAfter >= rssBefore ? '+' : ''}${(((rssAfter - rssBefore) / rssBefore) * 100).toFixed(1)} %)` : '';
  console.log(`Server RSS after a full GC: ${mib(rssBefore)} after the warm-up, ${mib(rssAfter)} after the run${pct}`);
  const heap = (/** @type {number | null} */ v) => (v === null ? 'n/a' : `${v.toFixed(1)} MiB`);
  console.log(`Live JS heap after a full GC: ${heap(before.heapMiB)} after the warm-up, ${heap(after.heapMiB)} after the run`);
  console.log('\nResponses per route (latency as seen by one connection, queueing included):');
  /** @type {string[]} */
  const wrongStatus = [];
  const byLabel = new Map(routes.map((r) => [r.label, r.expect]));
  for (const [label, counts] of [...statuses].sort(([a], [b]) => a.localeCompare(b))) {
    const detail = [...counts].map(([status, n]) => `${status}×${n}`).join(' ');
    const times = (latencies.get(label) ?? []).sort((a, b) => a - b);
    const pct = (/** @type {number} */ p) => (times.length ? (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(0) : '-');
    console.log(`  ${truncateLabel(label).padEnd(64)} ${detail.padEnd(10)} p50 ${pct(0.5).padStart(5)} ms  p99 ${pct(0.99).padStart(5)} ms`);
    const expect = byLabel.get(label) ?? 'page';
    for (const [status, n] of counts) if (!statusFits(expect, status)) wrongStatus.push(`${label}: ${n} × ${status} (expected ${expect})`);
  }
  for (const route of routes) if (!statuses.has(route.label)) wrongStatus.push(`${route.label}: never answered during the run`);

  checks.push([`no connection errors (${result.errors})`, result.errors === 0 ? [] : [`${result.errors} errors`]]);
  /** @type {Map<string, number>} */
  const lostByRoute = result.lostByRoute;
  const lostDetail = [...lostByRoute].map(([label, n]) => `${n} × ${label.replace(/\s+/g, ' ')}`);
  checks.push([
    `no timeouts (${result.timeouts})`,
    result.timeouts === 0
      ? []
      : [
          `${result.timeouts} requests got no answer within ${TIMEOUT_SECONDS} s` +
            (avgCpu !== null && avgCpu < 0.5
              ? ` while the server used only ${(avgCpu * 100).toFixed(0)} % of a core: starved by other processes on this machine, not busy`
              : ''),
          ...lostDetail,
        ],
  ]);
  checks.push(['only 2xx/3xx, except the intended 404 routes', wrongStatus]);
  /** @type {string[]} */
  const rssProblems = [];
  if (!warmedUp) {
    rssProblems.push(
      `memory never settled during ${WARMUP_MAX_SECONDS} s of warm-up (${warmSeries.join(', ')}): ` +
        'a leak, or a machine too slow for the warm-up (LOAD_WARMUP_MAX_SECONDS)',
    );
  }
  if (rssBefore === null || rssAfter === null) rssProblems.push('could not read VmRSS from /proc/<pid>/status');
  else if (rssAfter > rssBefore * (1 + RSS_TOLERANCE)) {
    rssProblems.push(`grew from ${mib(rssBefore)} to ${mib(rssAfter)}, more than ${RSS_TOLERANCE * 100} %`);
  }
  checks.push([`resident memory (after a full GC) flat within ${RSS_TOLERANCE * 100} % after the warm-up`, rssProblems]);
  /** @type {string[]} */
  const health = [];
  if (!alive) health.push(`the server process ${server.pid} exited during the run`);
  if (en.status !== 200 || !en.body.includes('<html lang="en-CA"')) health.push(`GET /en afterwards: ${en.status}`);
  checks.push(['the server still serves /en normally afterwards', health]);

  let passed = 0;
  let failed = 0;
  console.log('\nChecks:');
  for (const [label, problems] of checks) {
    if (problems.length === 0) {
      passed += 1;
      console.log(`  ✔ ${label}`);
    } else {
      failed += 1;
      console.log(`  ✘ ${label}`);
      for (const p of problems.slice(0, 20)) console.log(`    - ${p}`);
    }
  }
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`load: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// Warm-up + run + start-up and reports, with room to spare.
runBounded(NAME, (WARMUP_MAX_SECONDS + WARMUP_SLICE_SECONDS + SECONDS + 180) * 1000, main);
