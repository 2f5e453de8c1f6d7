// Why is a page's Largest Contentful Paint what it is? Lighthouse mobile
// (the bench's settings: Debian's Chromium, simulated throttling) on a few
// URLs, in rotating rounds so a busy moment of a shared machine does not fall
// on one URL only, with the blank Next.js page as one of them (the floor).
// Prints, per URL, medians and every run of: performance score, FCP, LCP,
// the observed (unthrottled) LCP and how many of the page's scripts started
// running before it (what makes the simulated LCP jump, see observedOrder),
// Lighthouse's own LCP phases when it can compute them (not with Chromium
// 156), the first image's bytes and timing, and what Lighthouse counted as
// render-blocking. A probe, not a bench (docs/mobile-reading.md has what it
// found): figures from a shared machine are compared with the blank page of
// the same rounds.
//
//   npx tsx scripts/bench/lcp-probe.ts [--rounds 3] [--save dir] URL...
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS } from '../support/chromium';

type Run = {
  url: string;
  score: number | null;
  fcp: number | null;
  lcp: number | null;
  cls: number | null;
  tbt: number | null;
  phases: Record<string, number>;
  lcpResource: string | null;
  renderBlocking: string[];
  /** Scripts of the page whose evaluation started before the observed LCP (Lighthouse then counts their download and CPU in the simulated LCP). */
  scriptsBeforeLcp: number;
  /** Observed (unthrottled) LCP and first script evaluation, ms after navigation start. */
  observedLcp: number | null;
  firstScriptEval: number | null;
  error?: string;
};

type TraceEvent = {
  name: string;
  ts: number;
  pid: number;
  args?: {
    data?: {
      url?: string;
      isLoadingMainFrame?: boolean;
      documentLoaderURL?: string;
      isMainFrame?: boolean;
    };
  };
};

/**
 * Lighthouse's simulated LCP (lantern) keeps every request that ended, and
 * every script evaluated, before the LCP *observed* in the trace: a page
 * whose first frame is presented after its chunks start evaluating pays for
 * their download and their CPU time (×4) in the simulated LCP.
 */
function observedOrder(traceEvents: TraceEvent[], pageOrigin: string): Pick<Run, 'scriptsBeforeLcp' | 'observedLcp' | 'firstScriptEval'> {
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'));
  if (!nav) return { scriptsBeforeLcp: NaN, observedLcp: null, firstScriptEval: null };
  const lcp = traceEvents.filter((e) => e.name === 'largestContentfulPaint::Candidate' && e.pid === nav.pid).at(-1);
  const evals = traceEvents
    .filter((e) => e.name === 'EvaluateScript' && e.pid === nav.pid && e.args?.data?.url?.startsWith(`${pageOrigin}/_next/static/`))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const ms = (ts: number) => Math.round((ts - nav.ts) / 1000);
  return {
    scriptsBeforeLcp: lcp ? evals.filter((ts) => ts < lcp.ts).length : NaN,
    observedLcp: lcp ? ms(lcp.ts) : null,
    firstScriptEval: evals[0] === undefined ? null : ms(evals[0]),
  };
}

type AuditDetails = { type?: string; items?: Record<string, unknown>[] };

function parseArgs(argv: string[]): {
  rounds: number;
  save: string | null;
  urls: string[];
} {
  let rounds = 3;
  let save: string | null = null;
  const urls: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--rounds') rounds = Number(argv[++i]);
    else if (arg === '--save') save = argv[++i] ?? null;
    else urls.push(arg);
  }
  if (!urls.length || !Number.isInteger(rounds) || rounds < 1) {
    throw new Error('usage: npx tsx scripts/bench/lcp-probe.ts [--rounds N] [--save dir] URL...');
  }
  return { rounds, save, urls };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The phase table of the largest-contentful-paint-element audit (a list of tables in Lighthouse 12). */
function phasesOf(details: unknown): Record<string, number> {
  const d = details as { type?: string; items?: AuditDetails[] } | undefined;
  const tables = d?.type === 'list' ? (d.items ?? []) : [];
  const table = tables.find((t) => t.items?.some((i) => typeof i.phase === 'string'));
  return Object.fromEntries((table?.items ?? []).map((i) => [String(i.phase), Math.round(Number(i.timing ?? 0))]));
}

async function main(): Promise<void> {
  const { rounds, save, urls } = parseArgs(process.argv.slice(2));
  const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  process.env.CHROME_PATH = chromePath;
  if (save) mkdirSync(save, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [...CHROMIUM_FLAGS],
    logLevel: 'silent',
  });
  const runs: Run[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      const shift = round % urls.length;
      for (const url of [...urls.slice(shift), ...urls.slice(0, shift)]) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        }).catch((error: unknown) => {
          process.stderr.write(`${url}: Lighthouse failed: ${error instanceof Error ? error.message : String(error)}\n`);
          return undefined;
        });
        if (!result) continue;
        const { lhr } = result;
        const numeric = (id: string): number | null => lhr.audits[id]?.numericValue ?? null;
        const requests = ((lhr.audits['network-requests']?.details as AuditDetails | undefined)?.items ?? []) as {
          url: string;
          resourceType?: string;
          transferSize?: number;
          networkRequestTime?: number;
          networkEndTime?: number;
          priority?: string;
        }[];
        const image = requests.find((r) => r.resourceType === 'Image');
        const blocking = ((lhr.audits['render-blocking-resources']?.details as AuditDetails | undefined)?.items ?? []) as {
          url: string;
          wastedMs?: number;
        }[];
        const run: Run = {
          url,
          score: lhr.categories.performance?.score == null ? null : Math.round(lhr.categories.performance.score * 100),
          fcp: numeric('first-contentful-paint'),
          lcp: numeric('largest-contentful-paint'),
          cls: numeric('cumulative-layout-shift'),
          tbt: numeric('total-blocking-time'),
          phases: phasesOf(lhr.audits['largest-contentful-paint-element']?.details),
          lcpResource: image
            ? `${new URL(image.url).pathname} ${image.transferSize ?? '?'} B, ${image.priority ?? '?'}, observed ${Math.round(image.networkRequestTime ?? 0)}–${Math.round(image.networkEndTime ?? 0)} ms`
            : null,
          renderBlocking: blocking.map((b) => `${new URL(b.url).pathname} (${Math.round(b.wastedMs ?? 0)} ms)`),
          ...observedOrder((result.artifacts.Trace as { traceEvents: TraceEvent[] }).traceEvents, new URL(url).origin),
          ...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
        };
        runs.push(run);
        if (save) {
          const name = `${String(runs.length).padStart(2, '0')}-${new URL(url).pathname.replace(/\W+/g, '_') || 'root'}.json`;
          writeFileSync(path.join(save, name), JSON.stringify(lhr));
        }
        process.stderr.write(
          `${url}: ${run.score} FCP ${Math.round(run.fcp ?? NaN)} LCP ${Math.round(run.lcp ?? NaN)}; observed LCP ${run.observedLcp} ms, first chunk evaluated ${run.firstScriptEval} ms, ${run.scriptsBeforeLcp} before LCP\n`,
        );
      }
    }
  } finally {
    chrome.kill();
  }
  for (const url of urls) {
    const mine = runs.filter((r) => r.url === url && !r.error);
    const med = (pick: (r: Run) => number | null) => {
      const m = median(mine.map(pick).filter((v): v is number => v != null));
      return m == null ? '–' : Math.round(m);
    };
    console.log(`\n${url} (${mine.length} runs)`);
    console.log(
      `  median: score ${med((r) => r.score)}, FCP ${med((r) => r.fcp)} ms, LCP ${med((r) => r.lcp)} ms, TBT ${med((r) => r.tbt)} ms, CLS ${mine.map((r) => r.cls?.toFixed(3)).join('/')}`,
    );
    for (const r of mine) {
      console.log(
        `  run: ${r.score}, LCP ${Math.round(r.lcp ?? NaN)}, observed LCP ${r.observedLcp} ms, chunks evaluated before it ${r.scriptsBeforeLcp} (first at ${r.firstScriptEval} ms), phases ${JSON.stringify(r.phases)}; image ${r.lcpResource ?? 'none'}; blocking ${r.renderBlocking.join(', ') || 'none'}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
