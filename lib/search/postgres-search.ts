import type { PoolClient } from 'pg';
import type { Locale } from '@/i18n/routing';
import { withinSavepoint, type SqlClient } from '@/lib/publishing/payload-transaction';
import { createPostgresPool, migrateUnderAdvisoryLock, type PostgresMigration } from '@/lib/store/postgres-migrate';
import { bodySnippet, highlightWords } from './highlight';
import { foldText, splitWords } from './normalize';
import type { SearchDocument } from './search-document';
import { analyseQuery, foldTerm, fuzzyFor, prefixFor, RESULTS_PER_PAGE, type SearchHit, type SearchOutcome, type SearchRequest } from './search-index';
import { parseSearchParams, type RawSearchParams } from './search-params';
import { stateOf, type SearchCorpusLoader, type SearchPageModel, type SiteSearchEngine } from './site-search';

export type PostgresSearchOptions = {
  connectionString: string;
  /** Schema holding the search tables (created if missing); default: the role's search_path. */
  schema?: string;
  /** Connections per process; several instances share the server's limit. */
  poolSize?: number;
  perPage?: number;
};

const EXTENSIONS = ['unaccent', 'pg_trgm'] as const;
// Arbitrary constants: the search history's migration lock (per search_path),
// and a database-wide one for CREATE EXTENSION, which is per database and
// races when two instances run it at once.
const SEARCH_MIGRATION_LOCK_KEY = 5_050_002;
const EXTENSION_LOCK_KEY = 5_050_003;
const SEED_LOCK_KEY = 5_050_004;
const SEED_BATCH = 500;
// Never a word character of `splitWords`, so a mark cannot be confused with text.
const MARK_START = '[[';
const MARK_END = ']]';
const MARKED = /\[\[([^\]]*)\]\]/g;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The search history. `unaccent` runs before the stemmer in each language's
 * configuration, so `fédérales`, `federales` and `FÉDÉRALES` meet, and it
 * spells ligatures out (œ → oe, æ → ae, Œ → OE: checked on PostgreSQL 15).
 * French elisions (l’, d’, qu’, with ' or ’) split off in the parser and are
 * stop words of `french_stem`. `unaccent()` is STABLE (it reads a dictionary
 * named at call time), so it is wrapped with its dictionary fixed for the
 * IMMUTABLE uses: the vocabulary's folded words and any future index.
 */
function searchMigrations(schema: string, extensionSchema: string): PostgresMigration[] {
  const ext = quoteIdent(extensionSchema);
  const own = quoteIdent(schema);
  const words = 'hword, hword_part, word, asciiword, asciihword, hword_asciipart';
  return [
    {
      version: 1,
      description: 'search documents per language (weighted tsvector), typo vocabulary, seeded languages',
      sql: `
        CREATE FUNCTION ${own}.search_unaccent(text) RETURNS text
          LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
          AS $$ SELECT ${ext}.unaccent('${ext}.unaccent'::regdictionary, $1) $$;
        CREATE FUNCTION ${own}.search_fold(text) RETURNS text
          LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
          AS $$ SELECT lower(${own}.search_unaccent($1)) $$;

        CREATE TEXT SEARCH CONFIGURATION ${own}.search_en (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION ${own}.search_en ALTER MAPPING FOR ${words} WITH ${ext}.unaccent, english_stem;
        CREATE TEXT SEARCH CONFIGURATION ${own}.search_fr (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION ${own}.search_fr ALTER MAPPING FOR ${words} WITH ${ext}.unaccent, french_stem;

        CREATE TABLE ${own}.search_documents (
          locale TEXT NOT NULL CHECK (locale IN ('en', 'fr')),
          id TEXT NOT NULL,
          document JSONB NOT NULL,
          published_ms DOUBLE PRECISION NOT NULL,
          config REGCONFIG NOT NULL,
          title_words TEXT NOT NULL,
          dek_words TEXT NOT NULL,
          section_words TEXT NOT NULL,
          body_words TEXT NOT NULL,
          search TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector(config, title_words), 'A') ||
            setweight(to_tsvector(config, dek_words), 'B') ||
            setweight(to_tsvector(config, section_words), 'C') ||
            setweight(to_tsvector(config, body_words), 'D')
          ) STORED,
          PRIMARY KEY (locale, id)
        );
        CREATE INDEX search_documents_search ON ${own}.search_documents USING gin (search);

        CREATE TABLE ${own}.search_vocabulary (
          locale TEXT NOT NULL CHECK (locale IN ('en', 'fr')),
          word TEXT NOT NULL,
          PRIMARY KEY (locale, word)
        );
        CREATE INDEX search_vocabulary_trigrams ON ${own}.search_vocabulary USING gin (word ${ext}.gin_trgm_ops);

        CREATE TABLE ${own}.search_languages (
          locale TEXT PRIMARY KEY CHECK (locale IN ('en', 'fr')),
          seeded_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
      `,
    },
  ];
}

/**
 * `unaccent` and `pg_trgm` are trusted extensions (PostgreSQL 13+): a role
 * with CREATE on the database may create them. A role without it needs them
 * created beforehand by a superuser (scripts/ci/start-postgres.sh does so for
 * CI); either way their schema is looked up, not assumed.
 */
async function ensureExtensions(client: PoolClient): Promise<string> {
  const present = async () =>
    (
      await client.query<{ extname: string; nspname: string }>(
        `SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ANY($1)`,
        [EXTENSIONS],
      )
    ).rows;
  let rows = await present();
  if (rows.length < EXTENSIONS.length) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [EXTENSION_LOCK_KEY]);
      // In `public`, not the first schema of the search_path: dropping a (test) schema must not drop them.
      for (const name of EXTENSIONS) await client.query(`CREATE EXTENSION IF NOT EXISTS ${name} SCHEMA public`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(
        `PostgreSQL search needs the extensions ${EXTENSIONS.join(' and ')}; create them as a superuser (CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm;): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    rows = await present();
  }
  const schemas = new Set(rows.map((row) => row.nspname));
  if (schemas.size !== 1) throw new Error(`PostgreSQL search expects unaccent and pg_trgm in one schema, found: ${[...schemas].join(', ')}`);
  return [...schemas][0]!;
}

/** The words an index holds for a text: the in-process engine's words, so both agree on what a word is. */
function indexableWords(text: string, locale: Locale): string {
  // `<script>` would be an HTML tag to PostgreSQL's parser, and never indexed; as words it is `script`.
  return splitWords(text)
    .filter((word) => foldTerm(word, locale) !== null)
    .join(' ');
}

const configOf = (locale: Locale) => (locale === 'fr' ? 'search_fr' : 'search_en');

/** A tsquery lexeme, quoted: terms come from `splitWords`, but a vocabulary word might hold anything. */
const lexeme = (word: string) => `'${word.replace(/['\\]/g, (c) => `\\${c}`)}'`;

/** Levenshtein distance of at most one, as the in-process engine's typo tolerance. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.length === long.length ? short.slice(i + 1) === long.slice(i + 1) : short.slice(i) === long.slice(i + 1);
}

type Change = { kind: 'upsert'; document: SearchDocument } | { kind: 'remove'; locale: Locale; id: string };
type LanguageSlot = { pending: Promise<{ topics: string[] }>; loaded: { topics: string[] } | null; queued: Change[] };

type MatchRow = { total: number; document: SearchDocument | null; score: number | null; marked: string | null };

/**
 * Site search in PostgreSQL full-text search, with the interface of
 * `createSiteSearch` (docs/architecture/0009-postgres-search-and-change-channel.md).
 * The index lives in the database, shared by every instance: a language is
 * seeded from `loadCorpus` only the first time any instance searches it (or
 * after `reset()`), never on each start. The loader is still read once per
 * process and language for its suggested topics.
 */
export function createPostgresSiteSearch(loadCorpus: SearchCorpusLoader, options: PostgresSearchOptions) {
  const { connectionString, schema, poolSize = 10, perPage: defaultPerPage = RESULTS_PER_PAGE } = options;
  const pool = createPostgresPool({ connectionString, schema, poolSize, label: 'search' });

  let extensionSchema = 'public';
  let migrated: Promise<void> | null = null;
  function ready(): Promise<void> {
    migrated ??= (async () => {
      const client = await pool.connect();
      try {
        extensionSchema = await ensureExtensions(client);
        const own = schema ?? (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s;
        if (!own) throw new Error('PostgreSQL search: no schema to create its tables in (empty search_path)');
        await migrateUnderAdvisoryLock(client, {
          lockKey: SEARCH_MIGRATION_LOCK_KEY,
          versionTable: 'search_schema_version',
          migrations: searchMigrations(own, extensionSchema),
          schema,
        });
      } finally {
        client.release();
      }
    })();
    // A failed migration is not remembered: the next call tries again.
    migrated.catch(() => {
      migrated = null;
    });
    return migrated;
  }

  // Writes run one at a time, in order; a search waits for the writes made before it (read your writes).
  let writes: Promise<void> = Promise.resolve();
  function enqueue(write: () => Promise<void>): Promise<void> {
    const run = writes.then(async () => {
      await ready();
      await write();
    });
    writes = run.catch((error: unknown) => console.error('[search] PostgreSQL write failed:', error));
    return run;
  }

  async function writeDocuments(client: SqlClient, documents: readonly SearchDocument[]) {
    for (let start = 0; start < documents.length; start += SEED_BATCH) {
      const batch = documents.slice(start, start + SEED_BATCH);
      const column = <T>(pick: (d: SearchDocument) => T) => batch.map(pick);
      await client.query(
        `INSERT INTO search_documents (locale, id, document, published_ms, config, title_words, dek_words, section_words, body_words)
          SELECT l, i, d, p, c::regconfig, t, k, s, b
            FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS u(l, i, d, p, c, t, k, s, b)
          ON CONFLICT (locale, id) DO UPDATE SET document = EXCLUDED.document, published_ms = EXCLUDED.published_ms,
            config = EXCLUDED.config, title_words = EXCLUDED.title_words, dek_words = EXCLUDED.dek_words,
            section_words = EXCLUDED.section_words, body_words = EXCLUDED.body_words`,
        [
          column((d) => d.locale),
          column((d) => d.id),
          column((d) => JSON.stringify(d)),
          column((d) => Date.parse(d.published) || 0),
          column((d) => configOf(d.locale)),
          column((d) => indexableWords(d.title, d.locale)),
          column((d) => indexableWords(d.dek, d.locale)),
          column((d) => indexableWords(d.sectionLabel, d.locale)),
          column((d) => indexableWords(d.body, d.locale)),
        ],
      );
      for (const locale of new Set(batch.map((d) => d.locale))) {
        const words = new Set(
          batch
            .filter((d) => d.locale === locale)
            .flatMap((d) => [d.title, d.dek, d.sectionLabel, d.body].flatMap((text) => indexableWords(text, locale).split(' ')))
            .filter(Boolean),
        );
        // Words are never taken out: a stale one only offers a correction that no document holds.
        await client.query(
          `INSERT INTO search_vocabulary (locale, word) SELECT DISTINCT $1, search_fold(w) FROM unnest($2::text[]) AS w
            ON CONFLICT DO NOTHING`,
          [locale, [...words]],
        );
      }
    }
  }

  async function apply(change: Change, client: SqlClient = pool) {
    if (change.kind === 'upsert') await writeDocuments(client, [change.document]);
    else await client.query('DELETE FROM search_documents WHERE locale = $1 AND id = $2', [change.locale, change.id]);
  }

  /** Replaces a language's documents with the loader's corpus, once across instances unless forced. */
  async function seed(locale: Locale, documents: readonly SearchDocument[], force: boolean) {
    const client = await pool.connect();
    let reseeded = false;
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_setting('search_path') || $2))", [SEED_LOCK_KEY, locale]);
      const seeded = (await client.query('SELECT 1 FROM search_languages WHERE locale = $1', [locale])).rowCount ?? 0;
      reseeded = force || seeded === 0;
      if (reseeded) {
        await client.query('DELETE FROM search_documents WHERE locale = $1', [locale]);
        await writeDocuments(
          client,
          documents.filter((d) => d.locale === locale),
        );
        await client.query(
          'INSERT INTO search_languages (locale) VALUES ($1) ON CONFLICT (locale) DO UPDATE SET seeded_at = now()',
          [locale],
        );
      }
      await client.query('COMMIT');
      if (reseeded) {
        // Statistics now, not whenever autovacuum comes: planned with the empty tables' estimates,
        // queries skipped the GIN and trigram indexes (161 ms instead of 0.5 ms at 10,000 articles).
        await client.query('ANALYZE search_documents');
        await client.query('ANALYZE search_vocabulary');
      }
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  let closing: Promise<void> | null = null;
  const slots = new Map<Locale, LanguageSlot>();
  // Languages whose stored documents a reset declared stale: the next load replaces them.
  const stale = new Set<Locale>();

  function load(locale: Locale): Promise<{ topics: string[] }> {
    const existing = slots.get(locale);
    if (existing) return existing.pending;
    const slot: LanguageSlot = {
      loaded: null,
      queued: [],
      pending: loadCorpus(locale).then(async ({ documents, topics }) => {
        const force = stale.delete(locale);
        await enqueue(() => seed(locale, documents, force));
        // The loader may have read the content before these changes: they go in after its corpus.
        // Logged by `enqueue`; the search that follows must not fail for it.
        for (const change of slot.queued) enqueue(() => apply(change)).catch(() => undefined);
        slot.queued = [];
        slot.loaded = { topics };
        return slot.loaded;
      }),
    };
    slot.pending.catch(() => {
      if (slots.get(locale) === slot) slots.delete(locale);
    });
    slots.set(locale, slot);
    return slot.pending;
  }

  function change(locale: Locale, what: Change, within?: SqlClient | null): Promise<void> {
    if (within) {
      // In the CMS's transaction: committed with the editor's save or not at all. After the writes
      // queued before it, so an older change cannot land on top of it.
      return (async () => {
        await ready();
        await writes;
        await withinSavepoint(within, 'news_search', () => apply(what, within));
        const slot = slots.get(locale);
        if (slot && !slot.loaded) slot.queued.push(what);
      })();
    }
    // Written at once, loaded here or not: the index is shared with other instances, and a load
    // that fails must not lose the change.
    const written = enqueue(() => apply(what));
    const slot = slots.get(locale);
    if (slot && !slot.loaded) {
      // A seed from a corpus read before this change would undo it: it is applied again after.
      slot.queued.push(what);
      return written.then(() => slot.pending.then(() => writes, () => writes));
    }
    return written;
  }

  /** Folded vocabulary words one edit away from each term (pg_trgm narrows, the edit distance decides). */
  async function typoCorrections(locale: Locale, terms: readonly string[]): Promise<Map<string, string[]>> {
    const corrections = new Map<string, string[]>();
    if (terms.length === 0) return corrections;
    const { rows } = await pool.query<{ term: string; word: string }>(
      `SELECT t.term, v.word FROM unnest($2::text[]) AS t(term)
         JOIN search_vocabulary v ON v.locale = $1 AND v.word OPERATOR(${quoteIdent(extensionSchema)}.%) t.term`,
      [locale, terms],
    );
    for (const { term, word } of rows) {
      if (word !== term && withinOneEdit(term, word)) corrections.set(term, [...(corrections.get(term) ?? []), word]);
    }
    return corrections;
  }

  async function search(locale: Locale, { query, page, perPage = defaultPerPage }: SearchRequest): Promise<SearchOutcome> {
    await ready();
    await writes;
    const { terms, termsCapped } = analyseQuery(query, locale);
    const outcome = (match: SearchOutcome['match'], total: number, hits: SearchHit[]): SearchOutcome => ({
      terms,
      termsCapped,
      match,
      total,
      page,
      perPage,
      pageCount: Math.ceil(total / perPage),
      hits,
    });
    if (terms.length === 0) return outcome('all', 0, []);
    const typos = await typoCorrections(locale, terms.filter(fuzzyFor));

    const params: unknown[] = [locale, perPage, (page - 1) * perPage];
    // A literal, not a parameter, so that each to_tsquery is a constant the planner folds and matches to the GIN index.
    const config = `'${configOf(locale)}'::regconfig`;
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // Each term: its stem, its prefix, or a vocabulary word one typo away. The prefix is taken as
    // typed ('simple'), not stemmed: `elections` stems to `elect`, whose prefix would find `électricité`.
    const perTerm = terms.map((term) => {
      const parts = [`to_tsquery(${config}, ${param(lexeme(term))})`];
      if (prefixFor(term)) parts.push(`to_tsquery('simple', ${param(`${lexeme(term)}:*`)})`);
      for (const word of typos.get(term) ?? []) parts.push(`to_tsquery(${config}, ${param(lexeme(word))})`);
      return `(${parts.join(' || ')})`;
    });

    async function run(tsquery: string): Promise<MatchRow[]> {
      const { rows } = await pool.query<MatchRow>(
        // The tsquery is written inline, not in a CTE: the planner uses the GIN index only for an
        // expression it sees (from a CTE it read and ranked all 10,000 tsvectors: ~220 ms a query).
        // Only what ranking needs is read for every match; the document and its words (large, out of
        // line) only for the page shown.
        `WITH matches AS (
            SELECT d.id, d.published_ms, ts_rank(d.search, ${tsquery}) AS score
              FROM search_documents d WHERE d.locale = $1 AND d.search @@ ${tsquery}
          ),
          shown AS (SELECT * FROM matches ORDER BY score DESC, published_ms DESC, id LIMIT $2 OFFSET $3)
          SELECT (SELECT count(*) FROM matches)::int AS total, d.document, shown.score,
                 ts_headline(d.config, concat_ws(' ', d.title_words, d.dek_words, d.section_words, d.body_words), ${tsquery},
                   'HighlightAll=true, StartSel="${MARK_START}", StopSel="${MARK_END}"') AS marked
            FROM (SELECT 1) AS one
            LEFT JOIN shown ON true
            LEFT JOIN search_documents d ON d.locale = $1 AND d.id = shown.id
            ORDER BY shown.score DESC NULLS LAST, shown.published_ms DESC, shown.id`,
        params,
      );
      return rows;
    }

    let match: SearchOutcome['match'] = 'all';
    let rows = await run(`(${perTerm.join(' && ')})`);
    if ((rows[0]?.total ?? 0) === 0 && terms.length > 1) {
      match = 'some';
      rows = await run(`(${perTerm.join(' || ')})`);
    }
    const hits = rows.flatMap((row): SearchHit[] => {
      if (!row.document) return [];
      const document = row.document;
      // ts_headline marked the article's words the query reached (stems, prefixes, typos); the page marks them as written.
      const marks = new Set([...(row.marked ?? '').matchAll(MARKED)].map((m) => foldText(m[1]!)));
      return [
        {
          document,
          score: row.score ?? 0,
          title: highlightWords(document.title, marks),
          dek: highlightWords(document.dek, marks),
          snippet: bodySnippet(document.body, marks),
        },
      ];
    });
    return outcome(match, rows[0]?.total ?? 0, hits);
  }

  async function searchPage(locale: Locale, raw: RawSearchParams): Promise<SearchPageModel> {
    const { query, queryWasCut, page } = parseSearchParams(raw);
    const { topics } = await load(locale);
    const base = { locale, query, queryWasCut, page, topics };
    if (!query) return { ...base, state: 'empty', outcome: null };
    const outcome = await search(locale, { query, page, perPage: defaultPerPage });
    return { ...base, state: stateOf(outcome), outcome };
  }

  const engine = {
    searchPage,
    /**
     * Publishes or corrects one article in one language; resolves once it is
     * searchable, or, `within` a transaction (the CMS's), once written there.
     */
    upsertDocument: (document: SearchDocument, within?: SqlClient | null): Promise<void> =>
      change(document.locale, { kind: 'upsert', document: { ...document } }, within),
    /** Takes one article in one language out of the results (in `within`'s transaction when given). */
    removeDocument: (locale: Locale, id: string, within?: SqlClient | null): Promise<void> => change(locale, { kind: 'remove', locale, id }, within),
    /** Replaces the suggested topics of a language (kept per process, as they come from the loader). */
    setTopics(locale: Locale, topics: readonly string[]): void {
      const copy = [...topics];
      const slot = slots.get(locale);
      void slot?.pending.then((loaded) => {
        loaded.topics = copy;
      });
    },
    /**
     * Everything changed (a taxonomy change): the next search in each
     * language replaces the stored documents with the loader's corpus. Call it
     * on one instance; the others only need `forgetTopics()`.
     */
    reset(): void {
      for (const locale of ['en', 'fr'] as const) stale.add(locale);
      slots.clear();
    },
    /** Reads the suggested topics again on the next search, leaving the shared index alone. */
    forgetTopics(): void {
      slots.clear();
    },
    /** One language's results for a request, as `SearchIndex.search` gives them in-process. */
    search,
    async documentCount(locale: Locale): Promise<number> {
      await ready();
      await writes;
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM search_documents WHERE locale = $1', [locale]);
      return rows[0]?.n ?? 0;
    },
    /** Runs the migration now (it otherwise runs on first use). */
    ready,
    close(): Promise<void> {
      closing ??= writes.then(() => pool.end());
      return closing;
    },
  } satisfies SiteSearchEngine & Record<string, unknown>;
  return engine;
}

export type PostgresSiteSearch = ReturnType<typeof createPostgresSiteSearch>;
