// Load and soak suite (`npm run test:load`).
//
// Starts the production server from an existing build (empty SQLite store),
// takes its pages from its sitemap, warms it up, then drives a mixed load of
// routes (home, articles, sections, tags, search with a few queries, cookie
// policy, 404s, a locale redirect, both languages, some with brotli/gzip) at
// 50 connections with autocannon for 60 s (15 s with --short). Checks: no
// connection errors, no timeouts, every route answers with its intended
// status (only the 404 routes may answer 4xx), the server's resident memory
// after the run is within 20 % of what it was after the warm-up, and /en
// still answers normally.
//
//   NEXT_DIST_DIR=.next npx tsx scripts/hardening/load.ts [--short]
//
// Environment: LOAD_SECONDS (60; 15 with --short or LOAD_SHORT=1),
// LOAD_WARMUP_REQUESTS (at least 2000 warm-up requests, 1000 short; the
// warm-up goes on until memory settles), LOAD_WARMUP_MAX_SECONDS (120; 60
// short), LOAD_CONNECTIONS (50), LOAD_PORT (first free port from 3450),
// NEXT_DIST_DIR (.next), CMS_DATA_TEMPLATE. Memory is compared after a forced
// full GC: the server runs with --expose-gc and the hook of gc-on-signal.ts.
import { localeTags } from '@/i18n/routing';
import { distDirFromEnv, findFreePort, httpGet, startProductionServer, type ServerHandle } from '../support/processes';
import { report, runSuite } from '../support/report';
import { fetchSitePages } from '../support/site-pages';
import { loadChecks, printFigures, printRoutes } from './load/checks';
import { deadlineMs, PORT_RANGE, readConfig, type LoadConfig } from './load/config';
import { gcHookNodeArgs } from './gc-on-signal';
import { gcReportReader, settledMemory } from './load/memory';
import { measuredRun, preflight, warmUp } from './load/phases';
import { routeMix } from './load/routes';

const NAME = 'load';

async function healthAfter(server: ServerHandle): Promise<string[]> {
  const problems: string[] = [];
  if (!server.alive()) problems.push(`the server process ${server.pid} exited during the run`);
  const en = await httpGet(`${server.origin}/en`, 10_000);
  if (en.status !== 200 || !en.body.includes(`<html lang="${localeTags.en.html}"`)) problems.push(`GET /en afterwards: ${en.status}`);
  return problems;
}

async function main(config: LoadConfig): Promise<number> {
  const started = performance.now();
  const distDir = distDirFromEnv();
  const port = config.port ?? (await findFreePort(PORT_RANGE));
  const gc = gcReportReader();
  const server = await startProductionServer({ port, distDir, label: 'load', env: { METRICS_TOKEN: 'load-metrics-token' }, nodeArgs: gcHookNodeArgs(), onStdout: gc.onStdout });
  console.log(`load: production server pid ${server.pid} on ${server.origin}`);
  const { routes, notes } = routeMix(await fetchSitePages(server.origin));
  console.log(
    `load: ${config.connections} connections, warm-up ≥ ${config.warmupRequests} requests (≤ ${config.warmupMaxSeconds} s), run ${config.seconds} s${config.short ? ' (short form)' : ''}, ${routes.length} routes from the sitemap, build ${distDir}`,
  );
  for (const note of notes) console.log(`  note: ${note}`);

  const preflightProblems = await preflight(server.origin, routes);
  const warm = await warmUp(server, routes, config, gc.reports);
  console.log(`load: warm-up ${warm.seconds} s (${warm.requests} requests)${warm.warmedUp ? '' : ', memory still growing'}; settled RSS ${warm.series.join(', ')}`);
  const measured = await measuredRun(server, routes, config);
  const after = await settledMemory(server.pid, gc.reports);
  const health = await healthAfter(server);
  await server.stop();

  printFigures(measured, config, warm.settled, after);
  const wrongStatus = printRoutes(measured, routes);
  const checks = loadChecks(measured, config, { preflight: preflightProblems, wrongStatus, warm, after, health });
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return report(NAME, checks);
}

const config = readConfig(process.argv.slice(2), process.env);
runSuite(NAME, deadlineMs(config), () => main(config));
