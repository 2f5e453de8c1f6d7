// Turns the bench results into Markdown: a summary (stdout and docs/benchmarks.md's
// Performance section) and a full report (bench/results/latest.md), with the
// figures set against the goals of issues 7 and 10.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import type { LoadResult } from './http-load';
import type { LcpElement } from './lcp-element';
import type { PhoneTiming } from './phone-timing';
import type { LighthouseRun } from './lighthouse-runs';
import type { PageBytes } from './page-bytes';
import type { PublishLatencyResult } from './publish-latency';
import { median } from './statistics';

export interface Route {
  id: string;
  label: string;
  kind: 'home' | 'article' | 'search';
  path: string;
}
export interface LoadSeries {
  median: { rps: number; p50: number; p99: number };
  rounds: LoadResult[];
}
export interface LoadComparison {
  ours: LoadSeries;
  floor: LoadSeries;
  ratio: number;
}
export interface GoalRow {
  goal: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
}
export interface SearchScaleOutcome {
  script: string | null;
  ok: boolean;
  seconds: number;
  stdout: string;
  stderr: string;
  /** What the search-scale bench wrote (another script's JSON: read field by field). */
  json: unknown;
  note: string;
}
export interface BenchResults {
  date: string;
  wallSeconds: number;
  command: string;
  settings: { seconds: number; rounds: number; connections: number; warmupSeconds: number; acceptEncoding: string };
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; next: string; react: string; os: string };
  builds: Record<string, { ok: boolean; seconds: number; attempts: number }>;
  routes: (Route & { status: number | null; measured: boolean; closesConnection: boolean })[];
  load: Record<string, LoadComparison>;
  blankLoad: LoadComparison | null;
  bytes: Record<string, PageBytes>;
  blankBytes: PageBytes | null;
  lighthouse: LighthouseRun[];
  blankLighthouseUrl?: string | null;
  lcpElements?: Record<string, LcpElement | null>;
  /** Real (not simulated) loads on Lighthouse's mobile network and CPU, by URL. */
  phoneTiming?: Record<string, PhoneTiming>;
  searchScale: SearchScaleOutcome;
  publishLatency?: PublishLatencyResult | null;
  timings: { measureSeconds: number };
  notMeasured: string[];
  contention: { loadPhaseOtherCores: number | null; maxOtherCores: number | null };
  goals?: GoalRow[];
}

export const KB = 1024;
const GOALS = {
  floorRatio: 0.5,
  p99Ms: 50,
  articleHtmlBytes: 14 * KB,
  articleJsOverBlankBytes: 8 * KB,
  consentJsBytes: 5 * KB,
  lighthouseMobile: 100,
  cls: 0,
  // Issue 10: readers see a publish, update or takedown within 5 s.
  publishLiveMs: 5000,
  tbtOverBlankMs: 50,
  lcpMs: 1500,
};

const PUBLISH_TARGETS: { id: 'article' | 'home' | 'search'; label: string }[] = [
  { id: 'article', label: 'Article page' },
  { id: 'home', label: 'Home page' },
  { id: 'search', label: 'Search for its title' },
];

/**
 * Mobile Lighthouse runs grouped per page (ours, then the blank page), with
 * medians of what the goals read.
 */
export function mobileLighthouseByPage(r: BenchResults) {
  const runs = r.lighthouse.filter((l) => l.preset === 'mobile');
  const byUrl = new Map<string, LighthouseRun[]>();
  for (const run of runs) byUrl.set(run.url, [...(byUrl.get(run.url) ?? []), run]);
  return [...byUrl.entries()].map(([url, all]) => {
    const ok = all.filter((l) => !l.error && l.scores.performance != null);
    const med = (pick: (l: LighthouseRun) => number | null | undefined) =>
      median(ok.map(pick).filter((v): v is number => v != null && Number.isFinite(v)));
    const path = new URL(url).pathname;
    const route = r.routes.find((rt) => url.endsWith(rt.path));
    const fromBrowser = r.lcpElements?.[url];
    const elements = ok.map((l) => l.lcpElement).filter((e): e is string => e != null);
    const commonest =
      elements.sort((a, b) => elements.filter((e) => e === b).length - elements.filter((e) => e === a).length)[0] ??
      (fromBrowser ? `${fromBrowser.element} (${fromBrowser.kind}${fromBrowser.text ? `: “${fromBrowser.text}…”` : ''})` : null);
    return {
      url,
      label: url === r.blankLighthouseUrl ? 'Blank Next.js page' : (route?.label ?? path),
      blank: url === r.blankLighthouseUrl,
      runs: all,
      ok,
      median: {
        performance: med((l) => l.scores.performance ?? null),
        accessibility: med((l) => l.scores.accessibility ?? null),
        bestPractices: med((l) => l.scores['best-practices'] ?? null),
        seo: med((l) => l.scores.seo ?? null),
        tbtMs: med((l) => l.tbtMs),
        lcpMs: med((l) => l.lcpMs),
        cls: med((l) => l.cls),
        mainThreadMs: med((l) => l.mainThreadMs),
        domElements: med((l) => l.domElements),
      },
      lcpElement: commonest,
    };
  });
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / KB).toFixed(1)} KB` : '—');
const num = (n: number | null | undefined, digits = 0) => (n == null || !Number.isFinite(n) ? '—' : n.toFixed(digits));
/** A Lighthouse score; a median of an even number of runs can fall between two (99.5 is not 100). */
const score = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '—');
const statusCell = (status: GoalRow['status']) => (status === 'met' ? '✅ met' : status === 'missed' ? '❌ missed' : '— not measured');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function routesOf(r: BenchResults, kinds: Route['kind'][]) {
  return r.routes.filter((route) => kinds.includes(route.kind));
}

/**
 * @param checks one per measured figure
 * @param anyMissing a figure the goal needs was not measured
 */
function combine(checks: boolean[], anyMissing: boolean): GoalRow['status'] {
  if (checks.length === 0) return 'not measured';
  if (checks.some((ok) => !ok)) return 'missed';
  return anyMissing ? 'not measured' : 'met';
}

export function evaluateGoals(r: BenchResults): GoalRow[] {
  const rows: GoalRow[] = [];
  const pages = routesOf(r, ['home', 'article']);

  {
    const measured = pages.filter((p) => r.load[p.id]);
    const checks = measured.map((p) => (r.load[p.id]?.ratio ?? 0) >= GOALS.floorRatio);
    rows.push({
      goal: `Home and article: ≥ ${GOALS.floorRatio}x the floor's req/s`,
      measured: pages.map((p) => `${p.label} ${r.load[p.id] ? times(r.load[p.id]?.ratio ?? NaN) : 'n/a'}`).join(', '),
      status: combine(checks, measured.length < pages.length),
    });
  }
  {
    const measured = pages.filter((p) => r.load[p.id]);
    const checks = measured.map((p) => (r.load[p.id]?.ours.median.p99 ?? Infinity) < GOALS.p99Ms);
    rows.push({
      goal: `Home and article: p99 < ${GOALS.p99Ms} ms at ${r.settings.connections} connections`,
      measured: pages.map((p) => `${p.label} ${r.load[p.id] ? `${num(r.load[p.id]?.ours.median.p99)} ms` : 'n/a'}`).join(', '),
      status: combine(checks, measured.length < pages.length),
    });
  }
  const articles = routesOf(r, ['article']);
  {
    const measured = articles.filter((a) => r.bytes[a.id]);
    const checks = measured.map((a) => (r.bytes[a.id]?.html.br ?? Infinity) <= GOALS.articleHtmlBytes);
    rows.push({
      goal: `Article HTML ≤ ${kb(GOALS.articleHtmlBytes)} compressed (brotli, as sent)`,
      measured: articles.map((a) => `${a.label} ${r.bytes[a.id] ? `${kb(r.bytes[a.id]?.html.br ?? NaN)} br / ${kb(r.bytes[a.id]?.html.gzip ?? NaN)} gzip` : 'n/a'}`).join(', '),
      status: combine(checks, measured.length < articles.length),
    });
  }
  {
    const blank = r.blankBytes?.jsTotal.gzip;
    const measured = blank == null ? [] : articles.filter((a) => r.bytes[a.id]);
    const checks = measured.map((a) => (r.bytes[a.id]?.jsTotal.gzip ?? Infinity) <= (blank ?? 0) + GOALS.articleJsOverBlankBytes);
    rows.push({
      goal: `Article JS ≤ blank app JS + ${kb(GOALS.articleJsOverBlankBytes)} gzip`,
      measured:
        `blank ${blank == null ? 'n/a' : kb(blank)}; ` +
        articles
          .map((a) => {
            const js = r.bytes[a.id]?.jsTotal.gzip;
            return `${a.label} ${js == null || blank == null ? 'n/a' : `${kb(js)} (${js - blank >= 0 ? '+' : '−'}${kb(Math.abs(js - blank))})`}`;
          })
          .join(', '),
      status: combine(checks, measured.length < articles.length),
    });
  }
  {
    // Whole chunks are an upper bound: a chunk can hold other islands too.
    const pagesWithBytes = Object.values(r.bytes);
    const chunkGzip = pagesWithBytes.reduce((max, b) => Math.max(max, b.consentJs.gzip), 0);
    const inlineGzip = pagesWithBytes.reduce((max, b) => Math.max(max, b.consentInlineScripts.gzip), 0);
    const chunks = new Set(pagesWithBytes.flatMap((b) => b.consentJs.chunks));
    const libraries = [...new Set(pagesWithBytes.flatMap((b) => b.consentJs.libraries))];
    const total = chunkGzip + inlineGzip;
    rows.push({
      goal: `Consent code ≤ ${kb(GOALS.consentJsBytes)} gzip`,
      measured:
        chunks.size || inlineGzip
          ? `${kb(total)}: ${chunks.size} chunk(s) ${kb(chunkGzip)} (whole chunks, an upper bound${libraries.length ? `; they hold ${libraries.join(', ')}` : ''})` +
            ` + inline script ${kb(inlineGzip)}`
          : 'no consent code found (markers: ConsentManager, the `consent` cookie name, accept_all/reject_all)',
      status: chunks.size || inlineGzip ? (total <= GOALS.consentJsBytes ? 'met' : 'missed') : 'not measured',
    });
  }
  {
    const pagesLh = mobileLighthouseByPage(r).filter((p) => !p.blank && p.ok.length);
    const blank = mobileLighthouseByPage(r).find((p) => p.blank && p.ok.length);
    const expected = routesOf(r, ['home', 'article']).length;
    const scores = (p: (typeof pagesLh)[number]) => [p.median.performance, p.median.accessibility, p.median.bestPractices, p.median.seo];
    rows.push({
      goal: 'Lighthouse mobile 100 in all four categories (median of the runs)',
      measured: pagesLh.length ? pagesLh.map((p) => `${p.label} ${scores(p).map((v) => score(v)).join('/')}`).join(', ') : 'n/a',
      status: combine(
        pagesLh.map((p) => scores(p).every((v) => v === GOALS.lighthouseMobile)),
        pagesLh.length < expected,
      ),
    });
    rows.push({
      goal: `Mobile TBT within ${GOALS.tbtOverBlankMs} ms of the blank page's (medians)`,
      measured: blank
        ? `blank ${int(blank.median.tbtMs)} ms; ${pagesLh.map((p) => `${p.label} ${int(p.median.tbtMs)} ms`).join(', ')}`
        : 'n/a (no blank page in this run)',
      status: blank ? combine(pagesLh.map((p) => p.median.tbtMs <= blank.median.tbtMs + GOALS.tbtOverBlankMs), pagesLh.length < expected) : 'not measured',
    });
    rows.push({
      goal: `Mobile LCP ≤ ${(GOALS.lcpMs / 1000).toFixed(1)} s (simulated, medians)`,
      measured: pagesLh.length ? pagesLh.map((p) => `${p.label} ${(p.median.lcpMs / 1000).toFixed(2)} s`).join(', ') : 'n/a',
      status: combine(pagesLh.map((p) => p.median.lcpMs <= GOALS.lcpMs), pagesLh.length < expected),
    });
  }
  {
    const runs = r.lighthouse.filter((l) => l.cls != null && l.url !== r.blankLighthouseUrl);
    const checks = runs.map((l) => l.cls === GOALS.cls);
    rows.push({
      goal: 'CLS 0',
      measured: runs.length ? `max ${num(Math.max(...runs.map((l) => l.cls ?? 0)), 3)} over ${runs.length} runs` : 'n/a',
      status: combine(checks, runs.length < 2 * routesOf(r, ['home', 'article']).length),
    });
  }
  {
    const p = r.publishLatency;
    rows.push({
      goal: `Publish to live: article, home and search p99 ≤ ${GOALS.publishLiveMs / 1000} s, both languages`,
      measured: p ? PUBLISH_TARGETS.map((t) => `${t.label} ${num(p.latency[t.id].p99)} ms`).join(', ') : 'n/a',
      status: p ? (PUBLISH_TARGETS.every((t) => p.latency[t.id].p99 <= GOALS.publishLiveMs && p.latency[t.id].notLive === 0) ? 'met' : 'missed') : 'not measured',
    });
    const load = p?.readerLoad;
    rows.push({
      goal: 'No reader request fails while editors publish',
      measured: load ? `${int(load.requests)} requests: ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx` : 'n/a',
      status: load ? (load.errors + load.timeouts + load.non2xx === 0 ? 'met' : 'missed') : 'not measured',
    });
  }
  return rows;
}

/** "Publish to live": p50/p99 per target and the reader load beside it. */
function publishLatencySection(r: BenchResults): string {
  const p = r.publishLatency;
  if (!p) return 'Not run (see "Not measured").';
  const pair = (f: { p50: number; p99: number }) => `${num(f.p50)} / ${num(f.p99)}`;
  const rows = PUBLISH_TARGETS.map((t) => [
    t.label,
    num(p.latency[t.id].p50),
    num(p.latency[t.id].p99),
    pair(p.byChange.publish[t.id]),
    pair(p.byChange.update[t.id]),
    String(p.latency[t.id].notLive),
  ]);
  const load = p.readerLoad;
  const lines = [
    table(['Reflects the change', 'p50 ms', 'p99 ms', 'Publishes p50 / p99 ms', 'Updates p50 / p99 ms', `Not live within ${p.settings.timeoutMs / 1000} s`], rows),
    '',
    `${p.settings.publishes} publishes (a new article in ${p.settings.locales.join(' and ')}, created as a draft then published) and ` +
      `${p.settings.updates} updates (a new title, one write per language), one change at a time. Each figure is the time from a write's answer ` +
      `until the page shows the change, polled every ${p.settings.pollMs} ms, in each language (${p.latency.article.samples} samples per target); ` +
      `a change not live within ${p.settings.timeoutMs / 1000} s counts as ${p.settings.timeoutMs / 1000} s. Search: \`/en/search?q=<a word only the new title holds>\` lists the article.`,
    '',
    `Meanwhile ${load.connections} connections loaded ${load.paths.map((path) => `\`${path}\``).join(', ')}: ${int(load.requests)} requests in ${num(load.seconds)} s ` +
      `(${int(load.rps)} req/s, p50 ${num(load.p50)} ms, p99 ${num(load.p99)} ms), **${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx**.`,
  ];
  if (p.notLive.length) {
    lines.push('', `**${p.notLive.length} page(s) did not show a change within ${p.settings.timeoutMs / 1000} s** (listed in bench/results/latest.md).`);
  }
  return lines.join('\n');
}

function lateChanges(r: BenchResults): string[] {
  const late = r.publishLatency?.notLive ?? [];
  if (!late.length) return [];
  return [
    '## Publish to live: pages that did not show a change in time',
    '',
    ...late.map((n) => `- ${n.change} ${n.index + 1}, ${n.target} (${n.locale}): \`${n.path}\``),
    '',
  ];
}

function throughputTable(r: BenchResults): string {
  const rows: string[][] = [];
  for (const route of r.routes) {
    const c = r.load[route.id];
    if (!c) {
      rows.push([route.label, `\`${route.path}\``, `not measured (status ${route.status ?? 'none'})`, '', '', '', '']);
      continue;
    }
    rows.push([
      route.label,
      `\`${route.path}\``,
      int(c.ours.median.rps),
      `${num(c.ours.median.p50)} / ${num(c.ours.median.p99)}`,
      int(c.floor.median.rps),
      `${num(c.floor.median.p50)} / ${num(c.floor.median.p99)}`,
      `**${times(c.ratio)}**`,
    ]);
  }
  if (r.blankLoad) {
    const c = r.blankLoad;
    rows.push([
      'Blank Next.js page (`next start`)',
      '`/`',
      int(c.ours.median.rps),
      `${num(c.ours.median.p50)} / ${num(c.ours.median.p99)}`,
      int(c.floor.median.rps),
      `${num(c.floor.median.p50)} / ${num(c.floor.median.p99)}`,
      `**${times(c.ratio)}**`,
    ]);
  }
  return table(['Route', 'Path', 'Ours req/s', 'Ours p50 / p99 ms', 'Floor req/s', 'Floor p50 / p99 ms', 'Ours / floor'], rows);
}

function bytesTable(r: BenchResults): string {
  const blankJs = r.blankBytes?.jsTotal.gzip;
  const rows: string[][] = [];
  const row = (label: string, b: PageBytes, isBlank: boolean) => [
    label,
    kb(b.html.raw),
    `${kb(b.html.br)}${b.html.sentBr ? '' : '*'}`,
    `${kb(b.html.gzip)}${b.html.sentGzip ? '' : '*'}`,
    String(b.js.length),
    kb(b.jsTotal.gzip),
    kb(b.jsTotal.br),
    isBlank || blankJs == null ? '—' : `${b.jsTotal.gzip - blankJs >= 0 ? '+' : '−'}${kb(Math.abs(b.jsTotal.gzip - blankJs))}`,
    b.css.length ? kb(b.cssTotal.gzip) : '—',
    b.rscPayload ? kb(b.rscPayload.gzip) : '—',
    b.htmlElements == null ? '—' : int(b.htmlElements),
  ];
  for (const route of r.routes) {
    const b = r.bytes[route.id];
    if (b) rows.push(row(route.label, b, false));
  }
  if (r.blankBytes) rows.push(row('Blank Next.js page', r.blankBytes, true));
  return table(
    ['Page', 'HTML raw', 'HTML br', 'HTML gzip', 'JS files', 'JS gzip', 'JS br', 'JS gzip vs blank', 'CSS gzip', 'RSC payload gzip (in the HTML)', 'Elements in the HTML'],
    rows,
  );
}

function mobileLighthouseTable(r: BenchResults): string {
  const pages = mobileLighthouseByPage(r);
  const ms = (v: number | null) => (v == null || !Number.isFinite(v) ? '—' : `${int(v)} ms`);
  const summary = table(
    ['Page (mobile)', 'Runs', 'Perf / A11y / BP / SEO', 'TBT', 'LCP', 'CLS', 'Main-thread work', 'DOM elements', 'LCP element'],
    pages.map((p) => [
      p.blank ? `**${p.label}**` : p.label,
      `${p.ok.length}/${p.runs.length}`,
      [p.median.performance, p.median.accessibility, p.median.bestPractices, p.median.seo].map((v) => score(v)).join(' / '),
      ms(p.median.tbtMs),
      ms(p.median.lcpMs),
      num(p.median.cls, 3),
      ms(p.median.mainThreadMs),
      num(p.median.domElements),
      p.lcpElement ? `\`${p.lcpElement.replaceAll('|', '/').replaceAll('`', "'")}\`` : '—',
    ]),
  );
  const everyRun = table(
    ['Page (mobile)', 'Every run: performance, TBT, LCP, main-thread work'],
    pages.map((p) => [
      p.label,
      p.runs
        .map((l) => (l.error ? `failed (${l.error.replaceAll('|', '/').slice(0, 60)})` : `${num(l.scores.performance)}, ${ms(l.tbtMs)}, ${ms(l.lcpMs)}, ${ms(l.mainThreadMs)}`))
        .join('; '),
    ]),
  );
  return `Medians of the runs (each round runs every page once, the blank Next.js page included, in rotating order):\n\n${summary}\n\n${everyRun}`;
}

function phoneTimingTable(r: BenchResults): string | null {
  const rows = mobileLighthouseByPage(r)
    .map((p) => [p, r.phoneTiming?.[p.url]] as const)
    .filter((row): row is readonly [(typeof row)[0], PhoneTiming] => row[1] !== undefined && row[1].runs > 0);
  if (!rows.length) return null;
  const cell = (values: number[]) => (values.length ? `${int(median(values))} ms (${values.join(', ')})` : '—');
  return table(
    ['Page (observed, slow phone)', 'Largest paint', '`load`', 'Hydrated (islands answer)'],
    rows.map(([p, t]) => [p.blank ? `**${p.label}**` : p.label, cell(t.lcpMs), cell(t.loadMs), cell(t.hydratedMs)]),
  );
}

function lighthouseTable(r: BenchResults): string {
  return table(
    ['Page', 'Preset', 'Performance', 'Accessibility', 'Best practices', 'SEO', 'LCP', 'CLS', 'TBT'],
    r.lighthouse.filter((l) => l.preset === 'desktop').map((l) =>
      l.error && !Object.keys(l.scores).length
        ? [`\`${new URL(l.url).pathname}\``, l.preset, `failed: ${l.error.replaceAll('|', '/')}`, '', '', '', '', '', '']
        : [
            `\`${new URL(l.url).pathname}\``,
            l.preset,
            num(l.scores.performance),
            num(l.scores.accessibility),
            num(l.scores['best-practices']),
            num(l.scores.seo),
            l.lcpMs == null ? '—' : `${int(l.lcpMs)} ms`,
            num(l.cls, 3),
            l.tbtMs == null ? '—' : `${int(l.tbtMs)} ms`,
          ],
    ),
  );
}

type JsonObject = Record<string, unknown>;
const isJsonObject = (x: unknown): x is JsonObject => typeof x === 'object' && x !== null;

/**
 * The search-scale figures as a table when they come as JSON rows of plain
 * values (whatever the columns), else null.
 */
function searchScaleTable(r: BenchResults): string | null {
  const json = r.searchScale.json;
  const found: unknown = isJsonObject(json) ? json.rows : undefined;
  if (!Array.isArray(found) || found.length === 0 || !isJsonObject(found[0])) return null;
  const rows: unknown[] = found;
  const columns = Object.keys(found[0]).filter((k) => rows.every((row) => !isJsonObject(row) || typeof row[k] !== 'object'));
  const cell = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) || Math.abs(v) >= 100 ? int(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1)) : String(v ?? '');
  const goals = isJsonObject(json) ? json.goals : undefined;
  const goalLine = isJsonObject(goals)
    ? `\n\nGoals: ${Object.entries(goals)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')}.`
    : '';
  return `${table(columns, rows.map((row) => columns.map((c) => cell(isJsonObject(row) ? row[c] : undefined))))}${goalLine}`;
}

function searchScaleSection(r: BenchResults, full: boolean): string {
  const s = r.searchScale;
  if (!s.script) return s.note;
  const head = `From \`${s.script}\`${s.seconds ? ` (${s.ok ? 'ok' : 'failed'}, ${s.seconds.toFixed(0)} s)` : ''}${s.note ? `: **${s.note}**` : ''}.`;
  const parts = [head];
  const tableText = searchScaleTable(r);
  if (tableText) parts.push(tableText);
  const out = s.stdout.trim();
  if (out && (full || !tableText)) parts.push(/^\|.*\|\s*$/m.test(out) ? out : `\`\`\`text\n${out}\n\`\`\``);
  if (full && !s.ok && s.stderr.trim()) parts.push(`\`\`\`text\n${s.stderr.trim().slice(-3000)}\n\`\`\``);
  return parts.join('\n\n');
}

function connectionCloseNote(r: BenchResults): string[] {
  const closing = r.routes.filter((route) => route.closesConnection);
  if (!closing.length) return [];
  return [
    `**The production server answers a keep-alive request with \`Connection: close\` on ${closing.map((c) => `\`${c.path}\``).join(', ')}**: ` +
      'every request then opens a new TCP connection, which alone caps req/s and raises latency (the floor keeps connections alive).',
    '',
  ];
}

function contentionNote(r: BenchResults): string {
  const { loadPhaseOtherCores: average, maxOtherCores: max } = r.contention;
  if (average == null) return 'CPU taken by other processes during the load measurements: unknown (no /proc).';
  const lighthouse = r.lighthouse.map((l) => l.otherCores).filter((c): c is number => c != null);
  const lighthouseAverage = lighthouse.length ? lighthouse.reduce((a, b) => a + b, 0) / lighthouse.length : null;
  const figures =
    `Other processes on this machine used ${average.toFixed(2)} of its ${r.machine.cpus} cores on average during the load measurements ` +
    `(${num(max, 2)} at most in one measurement)` +
    (lighthouseAverage == null ? '' : ` and ${lighthouseAverage.toFixed(2)} during the Lighthouse runs`);
  return Math.max(average, lighthouseAverage ?? 0) > 0.25
    ? `**${figures}: the machine was shared, so req/s are lower, latencies and Lighthouse's TBT higher than on a quiet machine; ` +
        'the ratios to the floor, measured alternately under the same conditions, hold better.**'
    : `${figures}: a quiet machine.`;
}

/** The part shown on stdout and in docs/benchmarks.md. */
export function renderSummary(r: BenchResults): string {
  const m = r.machine;
  const s = r.settings;
  const lines = [
    `Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, Next ${m.next}, React ${m.react}, ${m.os}; ` +
      `\`${r.command}\` took ${(r.wallSeconds / 60).toFixed(1)} min` +
      (r.searchScale.seconds ? ` (${(r.timings.measureSeconds / 60).toFixed(1)} min before the search-scale bench).` : '.'),
    '',
    `Load: autocannon, ${s.connections} connections, ${s.seconds} s per measurement, ${s.rounds} round${s.rounds > 1 ? 's' : ''} alternating ours/floor, medians; ` +
      `\`Accept-Encoding: ${s.acceptEncoding}\`, all on 127.0.0.1. *Ours* is \`server/production-server.ts\` (bundled by the build); the *floor* is a minimal ` +
      'Node `http` server sending the same bytes and headers from memory. Sizes in KB of 1,024 bytes.',
    '',
    contentionNote(r),
    '',
    '### Goals',
    '',
    table(['Goal', 'Measured', 'Status'], (r.goals ?? []).map((g) => [g.goal, g.measured, statusCell(g.status)])),
    '',
    '### Requests per second and latency',
    '',
    throughputTable(r),
    '',
    ...connectionCloseNote(r),
    '### Publish to live',
    '',
    publishLatencySection(r),
    '',
    '### Bytes a reader downloads',
    '',
    bytesTable(r),
    '',
    'HTML br/gzip: as the server sends them (\\* = the server did not compress with that encoding; computed here at gzip -9 / brotli q11). ' +
      'JS and CSS: every chunk the page references (the `nomodule` polyfills excepted, modern browsers skip them), compressed at gzip -9 / brotli q11.',
    '',
    '### Lighthouse 12.2.3 (Chromium, headless)',
    '',
    r.lighthouse.length ? `${mobileLighthouseTable(r)}\n\nDesktop preset, one run each:\n\n${lighthouseTable(r)}` : 'Not run.',
    '',
    ...(phoneTimingTable(r)
      ? [
          'Lighthouse simulates its mobile load; the same pages loaded for real on its mobile network (150 ms round trip, 1.6 Mbit/s) and CPU (×4), ' +
            "a fresh cache each time, median (every run). *Hydrated*: the consent island has run (reader pages run the framework's chunks after " +
            'the page is loaded and painted, decision record 0011).',
          '',
          phoneTimingTable(r) ?? '',
          '',
        ]
      : []),
    '### Search at scale (issue 6)',
    '',
    searchScaleSection(r, false),
  ];
  if (r.notMeasured.length) lines.push('', '### Not measured', '', ...r.notMeasured.map((n) => `- ${n}`));
  return lines.join('\n');
}

export function renderFullReport(r: BenchResults): string {
  const details: string[] = [];
  details.push('## JavaScript chunks per page', '');
  const pages = r.routes.filter((route) => r.bytes[route.id]).map((route) => [route.label, r.bytes[route.id]] as const);
  if (r.blankBytes) pages.push(['Blank Next.js page', r.blankBytes]);
  for (const [label, b] of pages) {
    if (!b) continue;
    details.push(
      `**${label}**`,
      '',
      table(
        ['Chunk', 'Raw', 'gzip', 'br', 'Loaded by', 'Consent code'],
        [
          ...b.js.map((a) => [`\`${a.url}\``, kb(a.raw), kb(a.gzip), kb(a.br), a.viaScriptTag ? '`<script src>`' : 'RSC payload', a.consent ? 'yes' : '']),
          ...b.noModuleJs.map((a) => [`\`${a.url}\``, kb(a.raw), kb(a.gzip), kb(a.br), '`nomodule` (not counted)', '']),
          ...b.css.map((a) => [`\`${a.url}\``, kb(a.raw), kb(a.gzip), kb(a.br), 'stylesheet', '']),
          ['**JS total**', kb(b.jsTotal.raw), `**${kb(b.jsTotal.gzip)}**`, kb(b.jsTotal.br), '', ''],
        ],
      ),
      '',
      `Inline scripts: ${b.inlineScripts.count}, ${kb(b.inlineScripts.gzip)} gzip (part of the HTML)` +
        (b.consentInlineScripts.count ? `; consent code: ${b.consentInlineScripts.count}, ${kb(b.consentInlineScripts.gzip)} gzip.` : '.') +
        (b.consentJs.libraries.length ? ` Libraries recognized in the consent chunks: ${b.consentJs.libraries.join(', ')}.` : ''),
      '',
    );
  }
  const failing = r.lighthouse.filter((l) => l.failedAudits.length || l.warnings.length || l.error);
  if (failing.length) {
    details.push('## Lighthouse audits below 1 (weighted)', '');
    for (const l of failing) {
      details.push(
        `- \`${new URL(l.url).pathname}\` ${l.preset}: ` +
          [
            ...l.failedAudits.map((a) => `${a.category}/${a.id} (${num(a.score, 2)})`),
            ...l.warnings.map((w) => `warning: ${w}`),
            ...(l.error ? [`error: ${l.error}`] : []),
          ].join('; '),
      );
    }
    details.push('');
  }
  const lcpPages = mobileLighthouseByPage(r).filter((p) => p.ok.length);
  if (lcpPages.length) {
    details.push('## What the mobile LCP waits on (first successful run of each page)', '');
    for (const p of lcpPages) {
      const run = p.ok[0];
      if (!run) continue;
      const phases = run.lcpPhases ? Object.entries(run.lcpPhases).map(([k, v]) => `${k} ${int(v)} ms`).join(', ') : 'no phases from Lighthouse';
      const seen = r.lcpElements?.[p.url];
      const browserView = seen ? `; in Chromium at 412 px, CPU ×4: ${seen.element}, ${seen.kind}, painted at ${int(seen.startMs)} ms` : '';
      details.push(
        `- ${p.label}: \`${(p.lcpElement ?? '?').replaceAll('`', "'")}\`; ${phases}${browserView}; render-blocking: ${run.renderBlocking.length ? run.renderBlocking.join(', ') : 'none'}`,
      );
    }
    details.push('');
  }
  details.push('## Every round', '');
  const roundRows: string[][] = [];
  const comparisons = r.routes.filter((route) => r.load[route.id]).map((route) => [route.label, r.load[route.id]] as const);
  if (r.blankLoad) comparisons.push(['Blank Next.js page', r.blankLoad]);
  for (const [label, c] of comparisons) {
    if (!c) continue;
    for (const [target, series] of [['ours', c.ours], ['floor', c.floor]] as const) {
      roundRows.push([
        label,
        target,
        ...series.rounds.map(
          (x) =>
            `${int(x.rps)} req/s, p99 ${x.p99} ms${x.otherCores == null ? '' : `, others ${x.otherCores.toFixed(2)} cores`}` +
            `${x.errors + x.timeouts + x.non2xx ? `, ${x.errors} err ${x.timeouts} t/o ${x.non2xx} non-2xx` : ''}`,
        ),
      ]);
    }
  }
  details.push(table(['Route', 'Server', ...Array.from({ length: r.settings.rounds }, (_, i) => `Round ${i + 1}`)], roundRows), '');
  details.push(...lateChanges(r));
  details.push('## Search at scale (issue 6), full output', '', searchScaleSection(r, true), '');
  details.push(
    '## Builds',
    '',
    ...Object.entries(r.builds).map(([name, b]) => `- ${name}: ${b.ok ? 'ok' : 'failed'} in ${b.seconds.toFixed(1)} s (${b.attempts} attempt${b.attempts > 1 ? 's' : ''})`),
    '',
  );
  return `# Benchmark report\n\n${renderSummary(r)}\n\n${details.join('\n')}`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Replaces what lies between the bench markers of the file (docs/benchmarks.md);
 * adds a "## Performance" section at the end when there is none. Nothing else
 * in the file changes.
 */
export function updateReadmePerformance(readmePath: string, block: string): void {
  const text = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const marked = `${START}\n${block.trim()}\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  let next;
  if (start !== -1 && end !== -1) {
    next = text.slice(0, start) + marked + text.slice(end + END.length);
  } else {
    const heading = /^## Performance[^\n]*$/m.exec(text);
    const intro =
      '`npm run bench` builds into `.next-bench`, measures (about 6 minutes, plus the search-scale bench of issue 6) and rewrites what ' +
      'follows; the full report, with every chunk and every round, is `bench/results/latest.md` (and `.json`). Figures, not tests: it never fails on a goal.';
    if (heading) {
      const at = heading.index + heading[0].length;
      next = `${text.slice(0, at)}\n\n${marked}\n${text.slice(at)}`;
    } else {
      next = `${text.replace(/\s*$/, '')}\n\n## Performance\n\n${intro}\n\n${marked}\n`;
    }
  }
  if (next !== text) writeFileSync(readmePath, next);
}
