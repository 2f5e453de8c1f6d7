import { getContent } from '@/lib/content/live-content';
import { contentSearchCorpus } from './content-search';
import { createSiteSearch, type SiteSearch } from './site-search';

// One index per process on globalThis: the search page and the publishing
// hooks live in different route bundles, each with its own module instances.
const SEARCH_KEY = Symbol.for('northern-dispatch.site-search');
type Holder = { [SEARCH_KEY]?: SiteSearch };
const holder = globalThis as Holder;

/** The site's search over the published content, kept current by lib/publishing. */
export const siteSearch: SiteSearch = (holder[SEARCH_KEY] ??= createSiteSearch(async (locale) => contentSearchCorpus(await getContent())(locale)));
