/**
 * Search at scale: a synthetic corpus of 10,000 bilingual articles, written as
 * Markdown files in a temporary folder and read back through the real content
 * repository, then indexed at 1,000, 5,000 and 10,000 articles. Prints build time, index memory and query latency (p50/p95/p99)
 * per language against the goals in issue 6, then what one CMS change costs at 10,000 (upsert, delta
 * rebuild, background merge; docs/architecture/0007-incremental-search-index.md); asserts nothing about timing.
 *
 *   npx jest -c jest.bench.config.mjs
 *
 * Figures also go to bench/results/search-scale.json (git-ignored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Locale } from '@/i18n/routing';
import { createContentRepository } from '@/lib/content/repository';
import { articleToSearchDocument } from '@/lib/search/content-search';
import { createIncrementalSearchIndex, DELTA_MERGE_THRESHOLD } from '@/lib/search/incremental-search-index';
import type { SearchDocument } from '@/lib/search/search-document';
import { createSearchIndex, type SearchIndex } from '@/lib/search/search-index';
import { percentile } from './statistics';
import { fixedQueries, writeCorpus } from './synthetic-corpus';

const SIZES = [1_000, 5_000, 10_000];
const MEASURED_ROUNDS = 3;
const PIPELINE_SAMPLE = 150;
const GOALS = { p95Ms: 10, indexMb: 100 };
const LOCALES: Locale[] = ['en', 'fr'];
const ROOT = process.cwd();

// The heap figures need a full collection before each reading; this exposes
// `gc` without asking for a `node --expose-gc` command line.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** JavaScript heap plus typed-array storage, which lives outside the heap (the index's postings). */
function memoryUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

type Row = {
  articles: number;
  locale: Locale;
  buildMs: number;
  indexMb: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** CPU time of the process per query: what a query costs when it does not wait for a busy CPU. */
  cpuP50Ms: number;
  cpuP95Ms: number;
  cpuP99Ms: number;
  meanHits: number;
};

function measure(locale: Locale, documents: SearchDocument[], queries: string[]): Row {
  const before = memoryUsedAfterGc();
  const started = performance.now();
  const index: SearchIndex = createSearchIndex(locale, documents);
  const buildMs = performance.now() - started;
  const indexMb = (memoryUsedAfterGc() - before) / 1024 / 1024;

  // One warm-up round (JIT), then timed rounds of the full page work: search,
  // sort, highlight and snippets of the 10 results shown.
  let hits = 0;
  for (const query of queries) index.search({ query, page: 1 });
  const timings: number[] = [];
  const cpuTimings: number[] = [];
  for (let round = 0; round < MEASURED_ROUNDS; round++) {
    for (const query of queries) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      hits += index.search({ query, page: 1 }).total;
      timings.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuTimings.push((cpu.user + cpu.system) / 1000);
    }
  }
  timings.sort((a, b) => a - b);
  cpuTimings.sort((a, b) => a - b);
  return {
    articles: documents.length,
    locale,
    buildMs,
    indexMb,
    p50Ms: percentile(timings, 50),
    p95Ms: percentile(timings, 95),
    p99Ms: percentile(timings, 99),
    cpuP50Ms: percentile(cpuTimings, 50),
    cpuP95Ms: percentile(cpuTimings, 95),
    cpuP99Ms: percentile(cpuTimings, 99),
    meanHits: hits / timings.length,
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);

/** Delta sizes at which a change is timed: a fresh delta, a busy day, just under the merge threshold. */
const DELTA_SIZES = [1, 10, Math.floor(DELTA_MERGE_THRESHOLD / 2), DELTA_MERGE_THRESHOLD - 1];
/** Corrections timed per delta size (of the same article, so the delta keeps its size); the median is kept. */
const UPSERT_SAMPLES = 7;

type IncrementalRow = {
  locale: Locale;
  articles: number;
  /** Delta size (the corrected article included) → ms for `upsert` and the delta rebuild the next search does, that query's own time taken out. */
  upsertMs: Record<number, number>;
  /** The same in CPU time of the process: what it costs on a machine not shared with other work. */
  upsertCpuMs: Record<number, number>;
  /** The `upsert` call alone, with a delta of one: the rebuild waits for the next search. */
  upsertCallMs: number;
  /** Query latency with the delta just under the merge threshold, the main segment hiding as many stale copies. */
  p95WithDeltaMs: number;
  p95WithoutDeltaMs: number;
  mergeMs: number;
  /** How long a background merge runs without letting a request in (wall clock: includes GC and a busy machine). */
  medianMergeStepMs: number;
  longestMergeStepMs: number;
};

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/**
 * What an editor's change costs at scale (docs/architecture/0007-incremental-search-index.md):
 * corrections of existing articles (a title with new words), each timed with
 * the delta rebuild of the search that follows it, then a merge of the delta
 * back into the main segment.
 */
async function measureIncremental(locale: Locale, documents: SearchDocument[], queries: string[]): Promise<IncrementalRow> {
  let stepStarted = 0;
  const steps: number[] = [];
  const index = createIncrementalSearchIndex(locale, documents, {
    // Merged by hand below, so that the timed changes never start one.
    mergeThreshold: Number.POSITIVE_INFINITY,
    pause: async () => {
      steps.push(performance.now() - stepStarted);
      await new Promise<void>((resolve) => setImmediate(resolve));
      stepStarted = performance.now();
    },
  });
  const p95 = () => {
    for (const query of queries) index.search({ query, page: 1 });
    const timings = queries.map((query) => {
      const t0 = performance.now();
      index.search({ query, page: 1 });
      return performance.now() - t0;
    });
    return percentile(timings.sort((a, b) => a - b), 95);
  };
  const p95WithoutDeltaMs = p95();
  // 97 is prime to the corpus sizes: distinct articles spread over the corpus.
  const article = (n: number) => documents[(n * 97) % documents.length]!;
  const correct = (n: number, round: number) => {
    const original = article(n);
    index.upsert({ ...original, title: `${original.title} correction${n}x${round}` });
  };
  const upsertMs: Record<number, number> = {};
  const upsertCpuMs: Record<number, number> = {};
  const callMs: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1000;
  };
  let changed = 0;
  for (const size of DELTA_SIZES) {
    while (changed < size - 1) correct(++changed, 0);
    index.search({ query: 'warm', page: 1 });
    const n = ++changed;
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    for (let round = 1; round <= UPSERT_SAMPLES; round++) {
      const query = { query: `correction${n}x${round}`, page: 1 };
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      correct(n, round);
      const t1 = performance.now();
      index.search(query);
      const t2 = performance.now();
      const cpuChange = cpuMs(cpu0);
      const cpu2 = process.cpuUsage();
      index.search(query);
      const t3 = performance.now();
      samples.push(t2 - t0 - (t3 - t2));
      cpuSamples.push(cpuChange - cpuMs(cpu2));
      if (size === DELTA_SIZES[0]) callMs.push(t1 - t0);
    }
    upsertMs[size] = median(samples);
    upsertCpuMs[size] = median(cpuSamples);
  }
  const p95WithDeltaMs = p95();
  const t0 = performance.now();
  stepStarted = t0;
  await index.merge();
  const mergeMs = performance.now() - t0;
  steps.push(performance.now() - stepStarted);
  return {
    locale,
    articles: documents.length,
    upsertMs,
    upsertCpuMs,
    upsertCallMs: median(callMs),
    p95WithDeltaMs,
    p95WithoutDeltaMs,
    mergeMs,
    medianMergeStepMs: median(steps),
    longestMergeStepMs: Math.max(...steps),
  };
}

test('search at 1,000 / 5,000 / 10,000 bilingual articles', async () => {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const largest = Math.max(...SIZES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-bench-'));
  // Latency figures mean little on a busy machine: say how busy it was.
  const machine = () => `${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
  out(`\nNode ${process.version}; ${machine()}`);
  try {
    let t0 = performance.now();
    writeCorpus(dir, largest);
    out(`\nSynthetic corpus: ${largest} articles × 2 languages written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Articles are read and validated by the real content repository. Their
    // plain text comes from the real Markdown pipeline for a sample only: it
    // costs ~15 ms an article, which for 20,000 files would push the bench past
    // the 15 minutes `npm run bench` allows it. The synthetic Markdown has only
    // paragraphs and `##` headings, so stripping `## ` gives the same text; the
    // sample checks that it does.
    t0 = performance.now();
    const heapBefore = memoryUsedAfterGc();
    const repository = createContentRepository({ contentDir: dir });
    const documents = Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        repository
          .listArticles(locale)
          .map((article) =>
            articleToSearchDocument(article, repository, article.body.replace(/^## /gm, '').replace(/\s+/g, ' ').trim()),
          ),
      ]),
    ) as Record<Locale, SearchDocument[]>;
    const corpusMb = (memoryUsedAfterGc() - heapBefore) / 1024 / 1024;
    out(
      `Read and validated by lib/content in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `articles and their search documents held in memory (both languages): ${corpusMb.toFixed(0)} MB`,
    );

    t0 = performance.now();
    let sampled = 0;
    for (const locale of LOCALES) {
      for (const article of repository.listArticles(locale).slice(0, PIPELINE_SAMPLE)) {
        const real = articleToSearchDocument(article, repository).body;
        const used = documents[locale].find((d) => d.id === article.id)?.body;
        if (real !== used) throw new Error(`Plain text of ${article.id} (${locale}) differs from the Markdown pipeline's`);
        sampled += 1;
      }
    }
    const pipelineMs = (performance.now() - t0) / sampled;
    out(
      `Markdown pipeline (lib/content renderArticleBody): ${pipelineMs.toFixed(1)} ms an article on a sample of ${sampled}, ` +
        `same text as used here; for ${largest} articles in both languages that is ~${((pipelineMs * largest * 2) / 1000).toFixed(0)} s before the first index can be built.`,
    );

    const queries = Object.fromEntries(LOCALES.map((l) => [l, fixedQueries(documents[l], l)])) as Record<Locale, string[]>;
    const rows: Row[] = [];
    for (const size of SIZES) {
      for (const locale of LOCALES) rows.push(measure(locale, documents[locale].slice(0, size), queries[locale]));
    }

    out(`\nQueries: ${queries.en.length} per language, ${MEASURED_ROUNDS} timed rounds after a warm-up; latency = search + page of 10 with highlights.`);
    out(`Goals at ${largest}: p95 ≤ ${GOALS.p95Ms} ms, index ≤ ${GOALS.indexMb} MB (per language index; both together also checked).\n`);
    out('                              wall-clock latency          CPU time per query');
    out(' articles lang  build ms  index MB   p50 ms   p95 ms   p99 ms   p50 ms   p95 ms   p99 ms  mean hits');
    for (const r of rows) {
      out(
        `${String(r.articles).padStart(9)} ${r.locale.padEnd(4)}${fmt(r.buildMs, 0)}  ${fmt(r.indexMb)} ` +
          `${fmt(r.p50Ms, 2)} ${fmt(r.p95Ms, 2)} ${fmt(r.p99Ms, 2)} ${fmt(r.cpuP50Ms, 2)} ${fmt(r.cpuP95Ms, 2)} ${fmt(r.cpuP99Ms, 2)} ${fmt(r.meanHits, 0)}`,
      );
    }
    const top = rows.filter((r) => r.articles === largest);
    const worstP95 = Math.max(...top.map((r) => r.p95Ms));
    const worstCpuP95 = Math.max(...top.map((r) => r.cpuP95Ms));
    const bothIndexesMb = top.reduce((sum, r) => sum + r.indexMb, 0);
    out(
      `\nAt ${largest}: worst p95 ${worstP95.toFixed(2)} ms wall clock, ${worstCpuP95.toFixed(2)} ms CPU → ` +
        `${worstP95 <= GOALS.p95Ms ? 'within' : worstCpuP95 <= GOALS.p95Ms ? 'OVER on this machine, within in CPU time:' : 'OVER'} the ${GOALS.p95Ms} ms goal;`,
    );
    out(`both indexes ${bothIndexesMb.toFixed(1)} MB → ${bothIndexesMb <= GOALS.indexMb ? 'within' : 'OVER'} the ${GOALS.indexMb} MB goal.`);

    const incremental: IncrementalRow[] = [];
    for (const locale of LOCALES) incremental.push(await measureIncremental(locale, documents[locale].slice(0, largest), queries[locale]));
    out(
      `\nIncremental updates at ${largest} articles: a correction (upsert, then the delta rebuild of the next search, ` +
        `that query's own time taken out), median of ${UPSERT_SAMPLES}:`,
    );
    for (const r of incremental) {
      const first = DELTA_SIZES[0]!;
      out(
        `${r.locale}: upsert one document: ${r.upsertMs[first]!.toFixed(2)} ms (CPU ${r.upsertCpuMs[first]!.toFixed(2)} ms; ` +
          `the call alone ${r.upsertCallMs.toFixed(3)} ms)`,
      );
      out(
        `    delta of ${DELTA_SIZES.map((size) => `${size}: ${r.upsertMs[size]!.toFixed(1)} ms (CPU ${r.upsertCpuMs[size]!.toFixed(1)})`).join(', ')}`,
      );
      out(
        `    query p95 ${r.p95WithoutDeltaMs.toFixed(2)} ms → ${r.p95WithDeltaMs.toFixed(2)} ms with ${Math.max(...DELTA_SIZES)} changed; ` +
          `merge into the main segment ${(r.mergeMs / 1000).toFixed(1)} s in the background, ` +
          `steps median ${r.medianMergeStepMs.toFixed(1)} ms, longest ${r.longestMergeStepMs.toFixed(1)} ms`,
      );
    }
    out(`Machine at the end: ${machine()}`);
    const first = rows.filter((r) => r.articles === SIZES[0]);
    for (const locale of LOCALES) {
      const a = first.find((r) => r.locale === locale);
      const b = top.find((r) => r.locale === locale);
      if (a && b) {
        out(
          `${locale}: ×${largest / (SIZES[0] ?? 1)} articles → build ×${(b.buildMs / a.buildMs).toFixed(1)}, memory ×${(b.indexMb / a.indexMb).toFixed(1)}, ` +
            `p95 ×${(b.p95Ms / a.p95Ms).toFixed(1)} (CPU ×${(b.cpuP95Ms / a.cpuP95Ms).toFixed(1)})`,
        );
      }
    }

    const json = `${JSON.stringify(
      { date: new Date().toISOString(), node: process.version, machine: machine(), corpusMb, pipelineMsPerArticle: pipelineMs, goals: GOALS, rows, incremental },
      null,
      2,
    )}\n`;
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'search-scale.json'), json);
    // `npm run bench` (scripts/bench/run-bench.ts) names a file for the figures.
    if (process.env.BENCH_SEARCH_SCALE_JSON) fs.writeFileSync(process.env.BENCH_SEARCH_SCALE_JSON, json);
    expect(rows).toHaveLength(SIZES.length * LOCALES.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
