import { describeOnPostgres } from '../support/test-database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Locale } from '@/i18n/routing';
import { createIncrementalSearchIndex } from '@/lib/search/incremental-search-index';
import { createPostgresSiteSearch, type PostgresSiteSearch } from '@/lib/search/postgres-search';
import type { SearchDocument } from '@/lib/search/search-document';
import { createSearchIndex, type SearchOutcome, type SearchRequest } from '@/lib/search/search-index';
import { createSiteSearch, type SearchCorpusLoader, type SiteSearchEngine } from '@/lib/search/site-search';

/** One language's index as the expectations see it: asynchronous, because PostgreSQL's is. */
export type IndexUnderTest = {
  search(request: SearchRequest): Promise<SearchOutcome>;
  documentCount(): Promise<number>;
  upsert(document: SearchDocument): Promise<void>;
};

export type SearchEngineUnderTest = {
  name: 'in-process' | 'PostgreSQL';
  siteSearch(load: SearchCorpusLoader, options?: { perPage?: number }): SiteSearchEngine;
  /** An index of `documents` as built once (in-process: `createSearchIndex`). */
  index(locale: Locale, documents: readonly SearchDocument[]): Promise<IndexUnderTest>;
  /** An index of `documents` that then takes changes (in-process: `createIncrementalSearchIndex`). */
  changingIndex(locale: Locale, documents: readonly SearchDocument[]): Promise<IndexUnderTest>;
  dispose(): Promise<void>;
};

function inProcessEngine(): SearchEngineUnderTest {
  return {
    name: 'in-process',
    siteSearch: (load, options) => createSiteSearch(load, options),
    async index(locale, documents) {
      const index = createSearchIndex(locale, documents);
      return {
        search: async (request) => index.search(request),
        documentCount: async () => index.documentCount,
        upsert: async () => {
          throw new Error('createSearchIndex takes no changes: use changingIndex');
        },
      };
    },
    async changingIndex(locale, documents) {
      const index = createIncrementalSearchIndex(locale, documents);
      return {
        search: async (request) => index.search(request),
        documentCount: async () => index.documentCount,
        upsert: async (document) => index.upsert(document),
      };
    },
    dispose: async () => undefined,
  };
}

/** Every site search in a fresh schema of the test database, all dropped by `dispose`, so tests never see each other's rows. */
function postgresEngine(connectionString: string): SearchEngineUnderTest {
  const opened: { schema: string; search: PostgresSiteSearch }[] = [];
  const open = (load: SearchCorpusLoader, perPage?: number) => {
    const schema = `search_test_${randomBytes(6).toString('hex')}`;
    const search = createPostgresSiteSearch(load, { connectionString, schema, perPage, poolSize: 4 });
    opened.push({ schema, search });
    return search;
  };
  const index = async (locale: Locale, documents: readonly SearchDocument[]): Promise<IndexUnderTest> => {
    const search = open(async () => ({ documents: documents.filter((d) => d.locale === locale), topics: [] }));
    // The first search of a language seeds it from the loader.
    await search.searchPage(locale, {});
    return {
      search: (request) => search.search(locale, request),
      documentCount: () => search.documentCount(locale),
      upsert: (document) => search.upsertDocument(document),
    };
  };
  return {
    name: 'PostgreSQL',
    siteSearch: (load, options) => open(load, options?.perPage),
    index,
    changingIndex: index,
    async dispose() {
      const raw = new Client({ connectionString });
      await raw.connect();
      try {
        for (const { schema, search } of opened) {
          await search.close();
          await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }
      } finally {
        await raw.end();
      }
    },
  };
}

/**
 * Runs the same expectations against the in-process engine and PostgreSQL's;
 * without TEST_DATABASE_URL the PostgreSQL half fails naming the command,
 * as every PostgreSQL suite does (../support/test-database.ts).
 */
export function describeEachEngine(define: (engine: SearchEngineUnderTest) => void): void {
  const run = (engine: SearchEngineUnderTest) => {
    afterAll(() => engine.dispose());
    define(engine);
  };
  describe('in-process engine', () => run(inProcessEngine()));
  describeOnPostgres('PostgreSQL engine', (databaseUrl) => run(postgresEngine(databaseUrl)));
}

/** Schema creation and seeding take a few hundred milliseconds on a loaded machine. */
export const POSTGRES_TEST_TIMEOUT_MS = 30_000;
