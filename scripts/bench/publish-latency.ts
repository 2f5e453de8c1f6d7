// Publish-to-live latency (issue 10): how long after an editor's write readers
// see the change, while other readers keep loading pages.
//
//   npx tsx scripts/bench/publish-latency.ts --origin http://127.0.0.1:3000 --data-dir data
//   (or BENCH_ORIGIN and DATA_DIR in the environment; --changes N, default 20)
//
// Against a running production server (server/production-server.mjs) whose
// CMS database is the SQLite file in the data folder: the script adds an
// editor there (editor:add), signs in over REST, starts 10 connections loading
// reader pages (both home pages and the first article each links to), then
// makes N publishes (a new bilingual article, created as a draft then
// published) and N updates (a new title for the article just published, one
// write per language). From each write's answer it polls, every 25 ms and for
// 10 s at most, the article page, the home page and a search for a word only
// the new title holds, in each language the write changed. Prints one JSON
// object (PublishLatencyResult) on stdout; progress goes to stderr. The
// articles it adds stay in that database: run it against a copy (run-bench
// does).
import { percentile } from './statistics';
import { randomBytes, randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { AutocannonOptions, AutocannonResult } from '../support/autocannon';
import { typescriptWorker } from './typescript-worker';
import { z } from 'zod';
import { localizedPath } from '../../i18n/paths';
import { locales, type Locale } from '../../i18n/routing';
import { searchHref } from '../../lib/search/search-urls';
import { CmsClient, editorAdd, fetchText, waitUntil } from '../../e2e/support/cms';

const POLL_INTERVAL_MS = 25;
const LIVE_TIMEOUT_MS = 10_000;
const READER_CONNECTIONS = 10;
/** The background load stops when the changes are done; this only bounds a run that hangs. */
const LOAD_BOUND_SECONDS_PER_CHANGE = 2 * (LIVE_TIMEOUT_MS / 1000) + 5;

export const TARGETS = ['article', 'home', 'search'] as const;
export type Target = (typeof TARGETS)[number];
export type ChangeKind = 'publish' | 'update';

/** Percentiles in ms; a probe that was not live within the timeout counts as the timeout. */
export interface LatencyFigures {
  p50: number;
  p99: number;
  samples: number;
  notLive: number;
}

export interface ReaderLoad {
  paths: string[];
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface NotLive {
  change: ChangeKind;
  index: number;
  target: Target;
  locale: Locale;
  path: string;
}

export interface PublishLatencyResult {
  date: string;
  origin: string;
  seconds: number;
  settings: { publishes: number; updates: number; pollMs: number; timeoutMs: number; locales: readonly Locale[] };
  /** Every sample: one per change, target and language the change touched. */
  latency: Record<Target, LatencyFigures>;
  byChange: Record<ChangeKind, Record<Target, LatencyFigures>>;
  readerLoad: ReaderLoad;
  notLive: NotLive[];
}

interface Sample {
  change: ChangeKind;
  index: number;
  target: Target;
  locale: Locale;
  path: string;
  /** null: not live within LIVE_TIMEOUT_MS. */
  ms: number | null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

const cliInput = z.object({
  origin: z.url({ protocol: /^https?$/, error: '--origin (or BENCH_ORIGIN) must be an http(s) URL, e.g. http://127.0.0.1:3000' }).transform((u) => u.replace(/\/+$/, '')),
  dataDir: z.string({ error: '--data-dir (or DATA_DIR) must name the server’s data folder (its cms.sqlite)' }).min(1),
  changes: z.coerce.number().int().min(1).max(200),
});

function readOptions() {
  const { values } = parseArgs({
    options: { origin: { type: 'string' }, 'data-dir': { type: 'string' }, changes: { type: 'string' } },
    strict: true,
  });
  const parsed = cliInput.safeParse({
    origin: values.origin ?? process.env.BENCH_ORIGIN,
    dataDir: values['data-dir'] ?? process.env.DATA_DIR,
    changes: values.changes ?? process.env.PUBLISH_LATENCY_CHANGES ?? 20,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) log(issue.message);
    process.exit(2);
  }
  return parsed.data;
}

/** Nearest rank: below 100 samples p99 is the slowest one, the reader who waited longest. */
function figures(samples: Sample[]): LatencyFigures {
  const ms = samples.map((s) => s.ms ?? LIVE_TIMEOUT_MS).sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), samples: samples.length, notLive: samples.filter((s) => s.ms === null).length };
}

function figuresByTarget(samples: Sample[]): Record<Target, LatencyFigures> {
  return Object.fromEntries(TARGETS.map((t) => [t, figures(samples.filter((s) => s.target === t))])) as Record<Target, LatencyFigures>;
}

/**
 * Searchable and unique: letters only, so that no tokenizer splits it, and
 * random enough that the fuzzy match of one run's word never hits another's.
 */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return Array.from({ length: 11 }, () => letters[randomInt(letters.length)]).join('');
}

/** The first article each home page links to: a real reader page that exists whatever the seed holds. */
async function readerPaths(origin: string): Promise<string[]> {
  const paths: string[] = [];
  for (const locale of locales) {
    const home = localizedPath(locale, '/');
    const { status, text } = await fetchText(home, { origin, timeoutMs: 30_000 });
    if (status !== 200) throw new Error(`${home} answered ${status}`);
    const prefix = localizedPath(locale, '/articles/[slug]', { slug: '' });
    const article = new RegExp(`href="(${prefix.replace(/[/]/g, '\\/')}[^"#?]+)"`).exec(text)?.[1];
    if (!article) throw new Error(`${home} links to no article`);
    paths.push(home, article);
  }
  return paths;
}

/** What reader-load-worker.ts posts back. */
type ReaderLoadMessage = { result: AutocannonResult } | { error: string };

/**
 * 10 connections looping over the reader pages until stopped, in a worker
 * thread (reader-load-worker.ts) so that the load it generates does not
 * delay this thread's polls.
 */
function startReaderLoad(origin: string, paths: string[], maxSeconds: number): { stop: () => Promise<ReaderLoad> } {
  const options: AutocannonOptions = {
    url: origin,
    connections: READER_CONNECTIONS,
    duration: maxSeconds,
    timeout: 10,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: paths.map((path) => ({ method: 'GET', path })),
  };
  const worker = typescriptWorker(new URL('./reader-load-worker.ts', import.meta.url), { workerData: options });
  const finished = new Promise<AutocannonResult>((resolve, reject) => {
    worker.once('message', (message: ReaderLoadMessage) => ('error' in message ? reject(new Error(message.error)) : resolve(message.result)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the reader load thread exited (${code}) without a result`)));
  });
  // Read in stop(); until then a failed thread must not end the process as an unhandled rejection.
  finished.catch(() => undefined);
  return {
    async stop() {
      worker.postMessage('stop');
      const r = await finished.finally(() => worker.terminate());
      return {
        paths,
        connections: READER_CONNECTIONS,
        seconds: r.duration,
        requests: r.requests.total,
        rps: r.duration > 0 ? r.requests.total / r.duration : 0,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      };
    },
  };
}

interface Probe {
  target: Target;
  locale: Locale;
  path: string;
  /** What the page holds once the change is live. */
  expect: string;
}

/** Polls every probe at once; each sample is the time from the write's answer (just before this call) until its page shows the change. */
async function timeUntilLive(origin: string, change: ChangeKind, index: number, probes: Probe[]): Promise<Sample[]> {
  return Promise.all(
    probes.map(async ({ target, locale, path, expect }): Promise<Sample> => {
      const live = async () => {
        try {
          const res = await fetchText(path, { origin, timeoutMs: LIVE_TIMEOUT_MS });
          return res.status === 200 && res.text.includes(expect);
        } catch {
          // A request cut by its timeout is "not yet"; waitUntil owns the deadline.
          return false;
        }
      };
      try {
        return { change, index, target, locale, path, ms: await waitUntil(live, LIVE_TIMEOUT_MS, path, POLL_INTERVAL_MS) };
      } catch {
        return { change, index, target, locale, path, ms: null };
      }
    }),
  );
}

type Titles = Record<Locale, { title: string; slug: string }>;

function probesFor(locale: Locale, { title, slug }: Titles[Locale], word: string): Probe[] {
  const articlePath = localizedPath(locale, '/articles/[slug]', { slug });
  return [
    { target: 'article', locale, path: articlePath, expect: title },
    { target: 'home', locale, path: localizedPath(locale, '/'), expect: title },
    // Titles in results carry <mark> around the matched word: the link to the article is what proves the hit.
    { target: 'search', locale, path: searchHref(locale, word), expect: `href="${articlePath}"` },
  ];
}

const idSchema = z.union([z.number(), z.string()]);
/** What a new article borrows from a published one: a valid section, tags and hero image, whatever the seed holds. */
const templateSchema = z.object({
  docs: z
    .array(
      z.object({
        section: idSchema,
        tags: z.array(idSchema).nullish(),
        hero: z.object({ src: z.string(), width: z.number(), height: z.number(), credit: z.string() }),
      }),
    )
    .min(1, { error: 'the CMS holds no published article to borrow a section and a hero image from' }),
});
const createdSchema = z.object({ doc: z.object({ id: idSchema }) });

async function expectOk(label: string, pending: Promise<{ status: number; body: unknown }>): Promise<unknown> {
  const { status, body } = await pending;
  if (status < 200 || status > 299) throw new Error(`${label}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { origin, dataDir, changes } = readOptions();
  const runId = Date.now().toString(36);

  // A new editor for this run, with a password nobody types.
  const email = `bench-${runId}@example.org`;
  const password = randomBytes(24).toString('base64url');
  const added = editorAdd(email, password, dataDir);
  if (added.status !== 0) throw new Error(`editor:add failed (exit ${added.status}): ${added.output.trim().slice(-1000)}`);
  const cms = await CmsClient.login(email, password, origin);

  const template = templateSchema.parse(
    await expectOk('reading a published article', cms.call('GET', '/articles?locale=en&depth=0&limit=1&where[_status][equals]=published')),
  ).docs[0];
  if (!template) throw new Error('unreachable: templateSchema requires one article');

  const paths = await readerPaths(origin);
  log(`publish latency: ${changes} publishes and ${changes} updates on ${origin}, ${READER_CONNECTIONS} connections loading ${paths.join(' ')}`);
  const load = startReaderLoad(origin, paths, changes * 2 * LOAD_BOUND_SECONDS_PER_CHANGE);
  const samples: Sample[] = [];
  let readerLoad: ReaderLoad;
  try {
    for (let index = 0; index < changes; index += 1) {
      const word = uniqueWord();
      const story: Titles = {
        en: { title: `Harbour trial extends night shipping ${word}`, slug: `bench-${runId}-${index}` },
        fr: { title: `Le port prolonge son essai de navigation nocturne ${word}`, slug: `banc-${runId}-${index}` },
      };
      const created = createdSchema.parse(
        await expectOk(
          `draft ${index} (en)`,
          cms.call('POST', '/articles?locale=en&draft=true', {
            ...story.en,
            dek: 'A benchmark article: the port extends its night shipping trial.',
            body: 'The port extended its night shipping trial on Monday.\n\nThe trial runs until spring.',
            hero: { ...template.hero, alt: 'An abstract illustration.', caption: 'A benchmark article.' },
            section: template.section,
            tags: template.tags ?? [],
            authors: [{ name: 'Northern Dispatch staff', organization: true }],
            published: new Date().toISOString(),
            _status: 'draft',
          }),
        ),
      );
      const id = created.doc.id;
      await expectOk(
        `draft ${index} (fr)`,
        cms.call('PATCH', `/articles/${id}?locale=fr&draft=true`, {
          ...story.fr,
          dek: 'Un article du banc d’essai : le port prolonge son essai de navigation nocturne.',
          body: 'Le port a prolongé lundi son essai de navigation nocturne.\n\nL’essai dure jusqu’au printemps.',
          hero: { alt: 'Une illustration abstraite.', caption: 'Un article du banc d’essai.' },
          _status: 'draft',
        }),
      );

      // Publishing one language publishes the document: both languages go live from this answer.
      await expectOk(`publish ${index}`, cms.call('PATCH', `/articles/${id}?locale=en`, { _status: 'published' }));
      const published = await timeUntilLive(origin, 'publish', index, [
        ...probesFor('en', story.en, word),
        ...probesFor('fr', story.fr, word),
      ]);
      samples.push(...published);

      // A new title, one write per language, one after the other; each
      // language is timed from its own write's answer, its polls running
      // while the next write goes out.
      const newWord = uniqueWord();
      const polls: Promise<Sample[]>[] = [];
      for (const locale of locales) {
        const title = locale === 'en' ? `Harbour night shipping trial made permanent ${newWord}` : `Le port rend permanent son essai nocturne ${newWord}`;
        await expectOk(`update ${index} (${locale})`, cms.call('PATCH', `/articles/${id}?locale=${locale}`, { title }));
        polls.push(timeUntilLive(origin, 'update', index, probesFor(locale, { title, slug: story[locale].slug }, newWord)));
      }
      for (const updated of await Promise.all(polls)) samples.push(...updated);

      const slowest = (kind: ChangeKind) => {
        const ms = samples.filter((s) => s.index === index && s.change === kind).map((s) => s.ms);
        return ms.includes(null) ? `NOT within ${LIVE_TIMEOUT_MS} ms` : `in ${Math.max(...(ms as number[]))} ms`;
      };
      log(`  ${index + 1}/${changes}: published, live everywhere ${slowest('publish')}; updated, ${slowest('update')}`);
    }
  } finally {
    readerLoad = await load.stop();
  }

  const result: PublishLatencyResult = {
    date: new Date(started).toISOString(),
    origin,
    seconds: (Date.now() - started) / 1000,
    settings: { publishes: changes, updates: changes, pollMs: POLL_INTERVAL_MS, timeoutMs: LIVE_TIMEOUT_MS, locales },
    latency: figuresByTarget(samples),
    byChange: {
      publish: figuresByTarget(samples.filter((s) => s.change === 'publish')),
      update: figuresByTarget(samples.filter((s) => s.change === 'update')),
    },
    readerLoad,
    notLive: samples.filter((s) => s.ms === null).map(({ change, index, target, locale, path }) => ({ change, index, target, locale, path })),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  // Keep-alive sockets of fetch would hold the process open for a while.
  () => process.exit(0),
  (error: unknown) => {
    // fetch() says only "fetch failed": the reason (refused, reset, timeout) is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    log(`publish latency failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}`);
    process.exit(1);
  },
);
