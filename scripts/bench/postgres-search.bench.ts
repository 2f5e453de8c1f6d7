/**
 * PostgreSQL search at scale: query latency (p50/p95/p99 of the fixed queries
 * the in-process bench uses), index size on disk and the time to index one
 * article, at N synthetic articles per language (default 10,000).
 *
 *   TEST_DATABASE_URL=postgres://… npx tsx scripts/bench/postgres-search.bench.ts [articles]
 *
 * Works in a schema of its own, dropped at the end; writes
 * bench/results/postgres-search-<articles>.json (dated) and prints a table.
 */
import { percentile } from './statistics';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { Locale } from '@/i18n/routing';
import { createPostgresSiteSearch } from '@/lib/search/postgres-search';
import type { SearchDocument } from '@/lib/search/search-document';
import { fixedQueries, readTaxonomy, syntheticArticles } from './synthetic-corpus';

const LOCALES: Locale[] = ['en', 'fr'];
const QUERY_PASSES = 3;
const CORRECTIONS = 21;

const connectionString = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!connectionString) {
  console.error('Set TEST_DATABASE_URL (scripts/ci/start-postgres.sh prints one) or DATABASE_URL.');
  process.exit(1);
}
const articleCount = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(articleCount) || articleCount < 1) {
  console.error(`Not an article count: ${process.argv[2]}`);
  process.exit(1);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function corpus(): Record<Locale, SearchDocument[]> {
  const documents: Record<Locale, SearchDocument[]> = { en: [], fr: [] };
  for (const article of syntheticArticles(articleCount, readTaxonomy())) {
    documents[article.locale].push({
      id: article.id,
      locale: article.locale,
      slug: `${article.id}-${article.locale}`,
      title: article.title,
      dek: article.dek,
      // The text readers see: headings without their Markdown marks.
      body: article.markdown.replace(/^## /gm, '').replace(/\s+/g, ' ').trim(),
      sectionLabel: article.section,
      published: `${article.day}T09:00:00-05:00`,
    });
  }
  return documents;
}

async function main() {
  const schema = `search_bench_${process.pid}`;
  const documents = corpus();
  const search = createPostgresSiteSearch(async (locale) => ({ documents: documents[locale], topics: [] }), {
    connectionString: connectionString!,
    schema,
  });
  const admin = new Client({ connectionString });
  await admin.connect();
  const results: Record<string, unknown> = {};
  try {
    await search.ready();
    for (const locale of LOCALES) {
      const seedStarted = performance.now();
      await search.searchPage(locale, {});
      const seedMs = performance.now() - seedStarted;
      if ((await search.documentCount(locale)) !== articleCount) throw new Error(`${locale}: not every article was indexed`);

      const queries = fixedQueries(documents[locale], locale);
      for (const query of queries) await search.search(locale, { query, page: 1 });
      const samples: number[] = [];
      const slowest = new Map<string, { ms: number; total: number }>();
      let hits = 0;
      for (let pass = 0; pass < QUERY_PASSES; pass++) {
        for (const query of queries) {
          const started = performance.now();
          const outcome = await search.search(locale, { query, page: 1 });
          const ms = performance.now() - started;
          samples.push(ms);
          hits += outcome.hits.length;
          if (ms > (slowest.get(query)?.ms ?? 0)) slowest.set(query, { ms, total: outcome.total });
        }
      }
      samples.sort((a, b) => a - b);

      // A correction of an existing article with new words, as an editor's save sends it.
      const indexOne: number[] = [];
      for (let n = 0; n < CORRECTIONS; n++) {
        const original = documents[locale][n * 7]!;
        const started = performance.now();
        await search.upsertDocument({ ...original, title: `${original.title} correction${n}` });
        indexOne.push(performance.now() - started);
      }
      indexOne.sort((a, b) => a - b);
      results[locale] = {
        articles: articleCount,
        seedSeconds: round(seedMs / 1000),
        queries: samples.length,
        hitsShown: hits,
        queryMs: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) },
        indexOneArticleMs: { median: round(percentile(indexOne, 50)), p95: round(percentile(indexOne, 95)) },
        // What makes the tail: the query, its slowest time, and how many articles it matched.
        slowestQueries: [...slowest.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 8)
          .map(([query, { ms, total }]) => ({ query, ms: round(ms), matched: total })),
      };
    }
    await admin.query(`VACUUM ANALYZE ${schema}.search_documents`);
    const sizes = await admin.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'i') ORDER BY bytes DESC`,
      [schema],
    );
    results.diskBytes = Object.fromEntries(sizes.rows.map((row) => [row.name, Number(row.bytes)]));
  } finally {
    await search.close();
    if (!process.env.KEEP_SCHEMA) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }

  const [load1] = os.loadavg();
  const report = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage1m: Math.round((load1 ?? 0) * 10) / 10,
    note: 'Wall clock on a shared machine: provisional figures.',
    ...results,
  };
  const out = path.join(process.cwd(), 'bench', 'results', `postgres-search-${articleCount}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`PostgreSQL search, ${articleCount} articles per language, ${report.measuredAt}, load average ${report.loadAverage1m}`);
  for (const locale of LOCALES) {
    const r = results[locale] as { seedSeconds: number; queryMs: Record<string, number>; indexOneArticleMs: Record<string, number> };
    console.log(
      `${locale}: query p50 ${r.queryMs.p50} ms, p95 ${r.queryMs.p95} ms, p99 ${r.queryMs.p99} ms; index one article median ${r.indexOneArticleMs.median} ms (p95 ${r.indexOneArticleMs.p95}); seed ${r.seedSeconds} s`,
    );
  }
  for (const locale of LOCALES) {
    const r = results[locale] as { slowestQueries: { query: string; ms: number; matched: number }[] };
    console.log(`${locale} slowest: ${r.slowestQueries.map((q) => `${JSON.stringify(q.query)} ${q.ms} ms (${q.matched} matched)`).join(', ')}`);
  }
  const disk = results.diskBytes as Record<string, number>;
  for (const [name, bytes] of Object.entries(disk)) console.log(`  ${name}: ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
