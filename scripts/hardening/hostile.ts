// Hostile-input suite (`npm run test:hostile`).
//
// Starts the production server from an existing build with an empty SQLite
// store, reads which pages it serves from its sitemap, and sends a bounded
// stream of hostile requests drawn by fast-check from one seed to 127.0.0.1
// (traversal and junk paths, broken percent-encodings, huge queries, junk
// cookies and headers, every method, malformed and oversized API bodies,
// raw protocol abuse, the CMS) aimed at the real pages, French articles
// included, with a known number of valid writes interleaved. Then checks: no
// 5xx, no stack trace or file-system path in any body, every API error is
// JSON with an `error` field, the site still serves /en and /fr, and the
// store holds exactly the valid writes (public API and SQLite file).
//
//   NEXT_DIST_DIR=.next npx tsx scripts/hardening/hostile.ts [--short] [--seed <n>]
//
// Environment: HOSTILE_SEED (as --seed; default 20261128), HOSTILE_REQUESTS
// (5000; 1500 with --short or HOSTILE_SHORT=1), HOSTILE_CONCURRENCY (16),
// HOSTILE_TIMEOUT_MS (15000 per request), HOSTILE_PORT (first free port from
// 3410), HOSTILE_SHOW (offenders listed per check, 25), HOSTILE_TRACE (file:
// one line per request with its timing), NEXT_DIST_DIR (.next),
// CMS_DATA_TEMPLATE (the CMS database the build was made from).
import { localeTags, locales } from '@/i18n/routing';
import { distDirFromEnv, findFreePort, httpGet, startProductionServer, type ServerHandle } from '../support/processes';
import { check, report, runSuite, type Check } from '../support/report';
import { fetchSitePages, type SitePages } from '../support/site-pages';
import { deadlineMs, PORT_RANGE, readConfig, type HostileConfig } from './hostile/config';
import { buildPlan, type Plan } from './hostile/generators/plan';
import { prepareEditor, requestEveryPage, targetsOf } from './hostile/setup';
import { checkEditorLockout, checkSqliteFile, checkThroughApi } from './hostile/store-checks';
import { runStorm, type StormResult, type Watch } from './hostile/storm';
import { truncate } from './hostile/transport';

const NAME = 'hostile';

/** Requests to a real article, by language: proof the suite aims at pages that exist. */
function articleWatch(site: SitePages): Watch {
  const byPath = new Map(locales.flatMap((l) => site.ofKind('article', l).map((p) => [p, `${l} article`] as const)));
  return (r) => (r.raw ? null : (byPath.get(r.path.split('?')[0] ?? '') ?? null));
}

async function healthAfter(server: ServerHandle, timeoutMs: number): Promise<string[]> {
  const problems: string[] = [];
  if (!server.alive()) problems.push(`the server process ${server.pid} exited during the run`);
  for (const locale of locales) {
    const home = await httpGet(`${server.origin}/${locale}`, timeoutMs);
    if (home.status !== 200 || !home.body.includes(`<html lang="${localeTags[locale].html}"`)) {
      problems.push(`GET /${locale} afterwards: ${home.status}, ${JSON.stringify(home.body.slice(0, 200))}`);
    }
  }
  return problems;
}

const detail = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ');
const sumOf = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

function printFigures(storm: StormResult, plan: Plan, serverOutput: string, sqliteSummary: string) {
  console.log(`\nhostile: ${storm.done} requests in ${storm.seconds.toFixed(1)} s (${(storm.done / storm.seconds).toFixed(0)} req/s), slowest ${storm.slowestMs.toFixed(0)} ms`);
  console.log('\nResponses per status:');
  for (const [status, n] of [...storm.byStatus].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${status.padEnd(10)} ${n}`);
  console.log(`\nResponses per category (${storm.byCategory.size} categories):`);
  for (const [category, statuses] of [...storm.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${category.padEnd(16)} ${String(sumOf(statuses)).padStart(5)}  ${detail(statuses)}`);
  }
  console.log('\nRequests to real articles (path from the sitemap, any category):');
  for (const [label, statuses] of [...storm.watched].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${label.padEnd(16)} ${String(sumOf(statuses)).padStart(5)}  ${detail(statuses)}`);
  const { acceptedReceipts, acceptedViews } = storm.findings;
  console.log(`\nValid writes: ${acceptedReceipts.length}/${plan.writes.receipts.length} consent receipts, ${acceptedViews.length}/${plan.writes.views.length} page views accepted`);
  if (sqliteSummary) console.log(`SQLite file: ${sqliteSummary}`);
  const errorLines = serverOutput.split('\n').filter((l) => /error/i.test(l));
  if (errorLines.length) console.log(`Server output: ${errorLines.length} line(s) mentioning "error" (last: ${truncate(errorLines[errorLines.length - 1] ?? '', 200)})`);
}

type AfterStorm = { pages: string[]; health: string[]; api: string[]; lockout: string[]; sqlite: string[] };

function checksOf(config: HostileConfig, site: SitePages, storm: StormResult, after: AfterStorm): Check[] {
  const f = storm.findings;
  const french = site.ofKind('article', 'fr').length;
  return [
    check(`every page of the sitemap answers 200 before the storm (${site.pages.length} pages, ${french} French articles)`, after.pages),
    check(`at least ${config.total} requests sent`, storm.done >= config.total && f.notSent.length === 0 ? [] : [`${storm.done} answered of ${config.total}`, ...f.notSent]),
    check('no response with status >= 500', f.serverErrors),
    check('no stack trace, file-system path or secret in any body', f.leaks),
    check('every API error (>= 400 under /api/) is JSON with an "error" field', f.apiErrors),
    check('no redirect leaves the site (open redirect)', f.openRedirects),
    check('no injected header or reflected markup', f.injections),
    check('every HTTP request got an answer within the timeout', f.lost),
    check('every valid write accepted (201 + same consent cookie / 204)', f.validRefused),
    check('the server still serves /en and /fr normally afterwards', after.health),
    check('GET /api/consent/<id> and the metrics summary show exactly the valid writes', after.api),
    check('the SQLite file holds exactly the valid writes', after.sqlite),
    check('the flooded editor account is locked and its right password refused meanwhile', after.lockout),
  ];
}

async function main(config: HostileConfig): Promise<number> {
  const started = performance.now();
  const distDir = distDirFromEnv();
  const port = config.port ?? (await findFreePort(PORT_RANGE));
  console.log(`hostile: seed ${config.seed} (replay with --seed ${config.seed}), ${config.total} requests${config.short ? ' (short form)' : ''}, concurrency ${config.concurrency}, build ${distDir}`);
  const server = await startProductionServer({ port, distDir, label: 'hostile', env: { METRICS_TOKEN: config.metricsToken } });
  console.log(`hostile: production server pid ${server.pid} on ${server.origin}, DATA_DIR ${server.dataDir}`);
  const site = await fetchSitePages(server.origin);
  const plan = buildPlan(targetsOf(site, config), { receipts: config.validReceipts, views: config.validViews, withdrawals: config.withdrawals }, config.total, config.seed);
  console.log(`hostile: ${site.pages.length} pages in the sitemap (${locales.map((l) => `${site.ofKind('article', l).length} ${l} articles`).join(', ')}), plan of ${plan.requests.length} requests drawn`);
  await prepareEditor(server.origin, server.dataDir, config.editor);
  const pages = await requestEveryPage(server.origin, site, config.requestTimeoutMs);

  const storm = await runStorm(plan.requests, server, config, articleWatch(site));
  const health = await healthAfter(server, config.requestTimeoutMs);
  const accepted = { receipts: storm.findings.acceptedReceipts, views: storm.findings.acceptedViews };
  const api = await checkThroughApi(server.origin, accepted, { token: config.metricsToken, timeoutMs: config.requestTimeoutMs });
  const lockout = await checkEditorLockout(server.origin, server.dataDir, config.editor);
  const sqlite = checkSqliteFile(server.dataDir, accepted.receipts, accepted.views);
  const output = server.proc.output();
  await server.stop();

  printFigures(storm, plan, output, sqlite.summary);
  const checks = checksOf(config, site, storm, { pages, health, api, lockout, sqlite: sqlite.problems });
  console.log(`\nseed ${config.seed}, ${storm.done} requests, total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return report(NAME, checks, { show: config.show, showAllHint: 'HOSTILE_SHOW=<n>' });
}

const argv = process.argv.slice(2);
runSuite(NAME, deadlineMs(argv, process.env), () => main(readConfig(argv, process.env)));
