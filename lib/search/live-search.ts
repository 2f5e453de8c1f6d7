import { getContent } from '@/lib/content/live-content';
import type { SqlClient } from '@/lib/publishing/payload-transaction';
import type { Locale } from '@/i18n/routing';
import { orWhenUnavailable } from '@/lib/store/store-unavailable';
import { contentSearchCorpus } from './content-search';
import { createPostgresSiteSearch } from './postgres-search';
import type { SearchDocument } from './search-document';
import { createSiteSearch, type SearchCorpusLoader, type SiteSearchEngine } from './site-search';

/**
 * The site's search as lib/publishing drives it. `shared`: the index lives in
 * PostgreSQL and every instance reads the same one, so only the instance that
 * published a change writes it; otherwise each process keeps its own.
 */
export type LiveSearch = SiteSearchEngine & {
  readonly shared: boolean;
  upsertDocument(document: SearchDocument, within?: SqlClient | null): void | Promise<void>;
  removeDocument(locale: Locale, id: string, within?: SqlClient | null): void | Promise<void>;
  /** Reads the suggested topics again on the next search (another instance changed the taxonomy). */
  forgetTopics(): void;
};

const loader: SearchCorpusLoader = async (locale) => contentSearchCorpus(await getContent())(locale);

/**
 * With `DATABASE_URL`, PostgreSQL full-text search (docs/architecture/0009):
 * no index to build at start, one index for every instance. Without it, the
 * in-process index (0007), built on a language's first search.
 */
export function createLiveSearch(env: NodeJS.ProcessEnv = process.env): LiveSearch {
  const connectionString = env.DATABASE_URL?.trim();
  if (connectionString) {
    const postgres = createPostgresSiteSearch(loader, { connectionString });
    // While PostgreSQL is out of reach, the search page answers from an index of the
    // in-memory content (built on the first failed search, dropped once PostgreSQL answers again).
    let inMemory: SiteSearchEngine | null = null;
    return {
      ...postgres,
      shared: true,
      searchPage: (locale, raw) =>
        orWhenUnavailable(
          async () => {
            const model = await postgres.searchPage(locale, raw);
            inMemory = null;
            return model;
          },
          () => (inMemory ??= createSiteSearch(loader)).searchPage(locale, raw),
          'searching',
        ),
    };
  }
  const local = createSiteSearch(loader);
  // A lone process: there is no other instance whose changes it would need to re-read.
  return { ...local, shared: false, forgetTopics: local.reset };
}

// One index per process on globalThis: the search page and the publishing
// hooks live in different route bundles, each with its own module instances.
const SEARCH_KEY = Symbol.for('northern-dispatch.site-search');
type Holder = { [SEARCH_KEY]?: LiveSearch };
const holder = globalThis as Holder;

/** The site's search over the published content, kept current by lib/publishing. */
export const siteSearch: LiveSearch = (holder[SEARCH_KEY] ??= createLiveSearch());
