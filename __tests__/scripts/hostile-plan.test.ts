/** @jest-environment node */
import { decodeConsent, encodeConsent } from '@/lib/consent/consent-cookie';
import { TRAVERSALS } from '@/scripts/hardening/hostile/corpus';
import { buildPlan } from '@/scripts/hardening/hostile/generators/plan';
import { sitePagesOf } from '@/scripts/support/site-pages';

const sitemap = `<?xml version="1.0" encoding="UTF-8"?><urlset>
  <url><loc>https://example.org/en</loc></url><url><loc>https://example.org/fr</loc></url>
  <url><loc>https://example.org/en/cookies</loc></url><url><loc>https://example.org/fr/temoins</loc></url>
  <url><loc>https://example.org/en/articles/canada-energy-trade</loc></url>
  <url><loc>https://example.org/fr/articles/commerce-energie-canada</loc></url>
  <url><loc>https://example.org/en/section/world</loc></url><url><loc>https://example.org/fr/rubrique/monde</loc></url>
  <url><loc>https://example.org/en/tag/china</loc></url><url><loc>https://example.org/fr/etiquette/chine</loc></url>
  <url><loc>https://example.org/robots.txt</loc></url><url><loc>not a url</loc></url>
</urlset>`;
const site = sitePagesOf(sitemap);
const targets = {
  pages: site.pages.map((p) => p.path),
  articles: [...site.ofKind('article', 'en'), ...site.ofKind('article', 'fr')],
  searchPaths: [site.fixed.en.search, site.fixed.fr.search],
  cookiePages: [site.fixed.en.cookies, site.fixed.fr.cookies],
  viewPaths: ['/en', '/fr', ...site.ofKind('article', 'fr')],
  metricsToken: 'token',
  editorEmail: 'editor@example.org',
};
const counts = { receipts: 50, views: 50, withdrawals: 10 };
const NOW = Math.floor(Date.parse('2026-12-06T03:00:00Z') / 1000);
const fingerprint = (requests: { method: string; path: string; headers: object; body?: Buffer; raw?: Buffer }[]) =>
  JSON.stringify(requests.map((r) => [r.method, r.path, r.headers, r.body?.toString('base64'), r.raw?.toString('base64')]));

describe('the pages the suites request (from the sitemap)', () => {
  it('sorts the sitemap into kinds per language, with the localized paths', () => {
    expect(site.ofKind('article', 'fr')).toEqual(['/fr/articles/commerce-energie-canada']);
    expect(site.ofKind('section', 'fr')).toEqual(['/fr/rubrique/monde']);
    expect(site.ofKind('tag', 'fr')).toEqual(['/fr/etiquette/chine']);
    expect(site.ofKind('home', 'en')).toEqual(['/en']);
    expect(site.ofKind('page', 'fr')).toEqual(['/fr/temoins']);
    expect(site.fixed.fr.search).toBe('/fr/recherche');
    // Only pages of a language: robots.txt and junk are not pages.
    expect(site.pages).toHaveLength(10);
  });
});

describe('the hostile plan', () => {
  const plan = buildPlan(targets, counts, 1500, 20261128, NOW);

  it('is the same for the same seed and differs for another', () => {
    const drawn = (seed: number) => fingerprint(buildPlan(targets, counts, 600, seed, NOW).requests);
    expect(drawn(20261128)).toBe(drawn(20261128));
    expect(drawn(7)).not.toBe(drawn(20261128));
  });

  it('holds exactly the requested number, every category, and the valid writes', () => {
    expect(plan.requests).toHaveLength(1500);
    const categories = new Set(plan.requests.map((r) => r.category));
    expect([...categories].sort()).toEqual(
      ['accept-language', 'api-body', 'api-get', 'bad-encoding', 'cms', 'cookies', 'methods', 'odd-headers', 'overlong', 'query', 'random-path', 'raw-protocol', 'router-headers', 'traversal', 'unknown-api', 'valid-consent', 'valid-metrics'],
    );
    expect(plan.requests.filter((r) => r.valid?.kind === 'consent')).toHaveLength(50);
    expect(plan.requests.filter((r) => r.valid?.kind === 'metrics')).toHaveLength(50);
  });

  it('sends every traversal of the fixed list, whatever the seed', () => {
    const sent = new Set(buildPlan(targets, counts, 1500, 1, NOW).requests.filter((r) => r.category === 'traversal').map((r) => r.path));
    expect(TRAVERSALS.filter((t) => !sent.has(t))).toEqual([]);
  });

  it('aims at the real French articles of the sitemap', () => {
    const french = plan.requests.filter((r) => !r.raw && r.path.split('?')[0] === '/fr/articles/commerce-energie-canada');
    expect(french.length).toBeGreaterThan(0);
  });

  it('writes only receipts the consent codec accepts, withdrawals after their first receipt', () => {
    const receipts = plan.requests.flatMap((r) => (r.valid?.kind === 'consent' ? [r.valid.record] : []));
    expect(receipts).toHaveLength(50);
    for (const record of receipts) expect(decodeConsent(encodeConsent(record), new Date(NOW * 1000))).toEqual(record);
    const firstIndex = new Map<string, number>();
    receipts.forEach((r, i) => {
      const id = r.id.toLowerCase();
      if (r.src === 'settings') expect(firstIndex.get(id)).toBeLessThan(i);
      else firstIndex.set(id, i);
    });
    expect(receipts.filter((r) => r.src === 'settings')).toHaveLength(10);
  });
});
