import { contentRepository } from '@/lib/content/repository';
import { siteRoutes } from '@/lib/site-routes';

const { isKnownPath } = siteRoutes(contentRepository);

describe('isKnownPath (what the proxy serves instead of a 404)', () => {
  it.each([
    '/en/articles/canada-china-reset',
    '/fr/articles/canada-chine-relance',
    '/fr/articles/canada-chine-relance/',
    '/en/section/world',
    '/fr/rubrique/monde',
    '/fr/rubrique/economie',
    '/en/tag/tariffs',
    '/fr/etiquette/droits-de-douane',
    '/en',
    '/fr/recherche',
    '/en/opengraph-image',
    '/en/articles/canada-china-reset/opengraph-image',
    '/fr/articles/canada-chine-relance/opengraph-image',
  ])('knows %s', (path) => {
    expect(isKnownPath(path)).toBe(true);
  });

  it.each([
    '/en/articles/no-such-article',
    '/en/articles/canada-chine-relance',
    '/fr/articles/canada-china-reset',
    '/en/articles/..%2f..',
    '/en/articles/canada-china-reset/extra',
    '/en/section/monde',
    '/fr/section/monde',
    '/fr/rubrique/world',
    '/en/tag/hockey',
    '/en/articles',
    '/en/articles/no-such-article/opengraph-image',
    '/fr/articles/canada-china-reset/opengraph-image',
    '/de/opengraph-image',
  ])('rejects %s', (path) => {
    expect(isKnownPath(path)).toBe(false);
  });
});
