import { localizedPath } from '@/i18n/paths';
import { locales, type Locale } from '@/i18n/routing';
import { withBrowser } from './support/browser';
import { cmsTargets, CmsClient, EDITOR_PASSWORD, editorAdd, fetchText, itRunsOnPostgresInCi, LIVE_WITHIN_MS, waitUntil } from './support/cms';

// Publishing reaches readers within 5 s: every wait below fails past that.
jest.setTimeout(120_000);

const password = EDITOR_PASSWORD;

/** The server on SQLite (the embedded default) and, when there is one (always in CI), the server on PostgreSQL. */
const targets = cmsTargets();

itRunsOnPostgresInCi(targets);

const { context } = withBrowser();

describe.each(targets)('publishing on $name', (target) => {
  const email = `editor-${target.name.toLowerCase()}-${Date.now()}@example.org`;
  const stamp = `${Date.now().toString(36)}${target.name === 'SQLite' ? 'a' : 'b'}`;

  const story = {
    en: {
      title: `Ottawa names a new trade envoy ${stamp}`,
      slug: `trade-envoy-${stamp}`,
      dek: 'The envoy will lead talks with Asian partners on agriculture and energy.',
      body: 'Ottawa named a new trade envoy on Monday.\n\nThe envoy starts next week.',
      hero: { alt: 'An abstract illustration of a handshake.', caption: 'A new envoy for trade talks.' },
    },
    fr: {
      title: `Ottawa nomme une nouvelle envoyée commerciale ${stamp}`,
      slug: `envoyee-commerciale-${stamp}`,
      dek: 'L’envoyée mènera les pourparlers avec les partenaires asiatiques sur l’agriculture et l’énergie.',
      body: 'Ottawa a nommé lundi une nouvelle envoyée commerciale.\n\nElle entre en fonction la semaine prochaine.',
      hero: { alt: 'Une illustration abstraite d’une poignée de main.', caption: 'Une nouvelle envoyée pour les pourparlers.' },
    },
  };
  const paths = { en: `/en/articles/${story.en.slug}`, fr: `/fr/articles/${story.fr.slug}` };
  const lists = {
    en: ['/en', '/en/section/politics', '/en/tag/trade', '/en/feed.xml', '/sitemap.xml'],
    fr: ['/fr', '/fr/rubrique/politique', '/fr/etiquette/commerce', '/fr/feed.xml', '/sitemap.xml'],
  };
  const searchPath = (locale: Locale) => `${localizedPath(locale, '/search')}?q=${stamp}`;

  let cms: CmsClient;
  let articleId: number;

  async function shows(path: string, text: string): Promise<boolean> {
    const res = await fetchText(path, { origin: target.origin, timeoutMs: 5000 });
    return res.status === 200 && res.text.includes(text);
  }

  async function gone(path: string): Promise<boolean> {
    const status = (await fetchText(path, { origin: target.origin, timeoutMs: 5000 })).status;
    return status === 404 || status === 410;
  }

  const read = (path: string) => fetchText(path, { origin: target.origin, timeoutMs: 5000 });

  describe('editor accounts', () => {
    it('editor:add refuses a short password and never prints it', () => {
      const short = 'short-pass1';
      const refused = editorAdd(email, short, target.dataDir, target.databaseUrl);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toMatch(/at least 12 characters/);
      expect(refused.output).not.toContain(short);

      const added = editorAdd(email, password, target.dataDir, target.databaseUrl);
      expect(added.status).toBe(0);
      expect(added.output).toContain(email);
      expect(added.output).not.toContain(password);
    });

    it('offers no "create first user" screen and refuses first-register', async () => {
      expect((await read('/admin/create-first-user')).status).toBe(404);
      const register = await fetch(`${target.origin}/cms/api/users/first-register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'intruder@example.org', password: 'a long enough password' }),
      });
      expect(register.status).toBe(403);
    });
  });

  describe('the editor’s journey', () => {
    beforeAll(async () => {
      cms = await CmsClient.login(email, password, target.origin);
    });

    // Other suites share this server: hand it back with the seed content only (the
    // news sitemap and the lists are checked against it) and its page cache serving
    // again (for a few seconds after a purge, pages go out uncached and `no-store`).
    afterAll(async () => {
      if (articleId !== undefined) expect((await cms.call('DELETE', `/articles/${articleId}`)).status).toBe(200);
      await waitUntil(async () => !(await read('/news-sitemap.xml')).text.includes(stamp), LIVE_WITHIN_MS, 'test article gone');
      for (const path of ['/en', '/fr']) {
        await waitUntil(async () => (await fetch(`${target.origin}${path}`)).headers.get('cache-control')?.includes('s-maxage') === true, 10_000, `${path} cached again`);
      }
    });

    it('signs in to /admin in a browser and sees the articles', async () => {
      const page = await context().newPage();
      await page.goto(`${target.origin}/admin`);
      await page.waitForURL(/\/admin\/login/);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.includes('/login'));
      await expect(page.getByRole('link', { name: /Articles/ }).first().isVisible()).resolves.toBe(true);
      const cookies = await context().cookies();
      const auth = cookies.find((c) => c.name === 'payload-token');
      expect(auth?.httpOnly).toBe(true);
      expect(auth?.sameSite).toBe('Lax');
    });

    it('a draft in both languages is never visible to readers', async () => {
      const section = await cms.termId('sections', 'politics');
      const tag = await cms.termId('tags', 'trade');
      const created = await cms.call<{ doc: { id: number } }>('POST', '/articles?locale=en&draft=true', {
        ...story.en,
        hero: { src: '/images/how-tariffs-work.svg', width: 1200, height: 675, credit: 'Illustration: Northern Dispatch', ...story.en.hero },
        section,
        tags: [tag],
        authors: [{ name: 'Northern Dispatch staff', organization: true }],
        // Published an hour ago and corrected now: the correction must move `updated` past `published`.
        published: new Date(Date.now() - 60 * 60_000).toISOString(),
        _status: 'draft',
      });
      expect(created.status).toBe(201);
      articleId = created.body.doc.id;
      const fr = await cms.call('PATCH', `/articles/${articleId}?locale=fr&draft=true`, { ...story.fr, hero: story.fr.hero, _status: 'draft' });
      expect(fr.status).toBe(200);

      for (const locale of locales) {
        expect(await gone(paths[locale])).toBe(true);
        for (const list of lists[locale]) expect((await read(list)).text).not.toContain(story[locale].slug);
        expect((await read(searchPath(locale))).text).not.toContain(`href="${paths[locale]}"`);
      }
    });

    it('publishing puts it on its page, the home page, its section and tag, the feeds, the sitemap and search, in both languages, within 5 s', async () => {
      const published = await cms.call('PATCH', `/articles/${articleId}?locale=en`, { _status: 'published' });
      expect(published.status).toBe(200);
      for (const locale of locales) {
        await waitUntil(() => shows(paths[locale], story[locale].title), LIVE_WITHIN_MS, `${paths[locale]} live`);
        for (const list of lists[locale]) {
          await waitUntil(() => shows(list, paths[locale]), LIVE_WITHIN_MS, `${list} lists ${paths[locale]}`);
        }
        // Results highlight the words searched for, so the link is what to look for.
        await waitUntil(() => shows(searchPath(locale), `href="${paths[locale]}"`), LIVE_WITHIN_MS, `search finds it (${locale})`);
      }
      // Each language's page points at the other (language switcher).
      expect((await read(paths.en)).text).toContain(`href="${paths.fr}"`);
      expect((await read(paths.fr)).text).toContain(`href="${paths.en}"`);
    });

    it('a correction shows on the article in both languages, moves its updated date and is in the JSON-LD', async () => {
      const notes = { en: `We misstated the envoy’s start date (${stamp}).`, fr: `Nous avions mal indiqué la date d’entrée en fonction (${stamp}).` };
      for (const locale of locales) {
        const res = await cms.call('PATCH', `/articles/${articleId}?locale=${locale}`, { corrections: [{ date: new Date().toISOString(), note: notes[locale] }] });
        expect(res.status).toBe(200);
      }
      for (const locale of locales) {
        await waitUntil(() => shows(paths[locale], notes[locale]), LIVE_WITHIN_MS, `correction on ${paths[locale]}`);
        const { text } = await read(paths[locale]);
        expect(text).toContain('"@type":"CorrectionComment"');
        expect(text).toMatch(locale === 'en' ? /Updated <time/ : /Mis à jour le <time/);
      }
    });

    it('a new slug keeps the old URL working with a 308', async () => {
      const newSlug = `${story.en.slug}-named`;
      const res = await cms.call('PATCH', `/articles/${articleId}?locale=en`, { slug: newSlug });
      expect(res.status).toBe(200);
      await waitUntil(async () => (await read(paths.en)).status === 308, LIVE_WITHIN_MS, 'old slug redirects');
      expect((await read(paths.en)).location).toMatch(new RegExp(`/en/articles/${newSlug}$`));
      expect((await read(`/en/articles/${newSlug}`)).status).toBe(200);
      paths.en = `/en/articles/${newSlug}`;
    });

    it('unpublishing takes it out of its page, every list, feed, sitemap and search, in both languages', async () => {
      const res = await cms.call('POST', `/articles/${articleId}/schedule`, { at: 'not a date' });
      expect(res.status).toBe(400);
      const unpublished = await cms.call('PATCH', `/articles/${articleId}?locale=en`, { _status: 'draft' });
      expect(unpublished.status).toBe(200);
      for (const locale of locales) {
        await waitUntil(() => gone(paths[locale]), LIVE_WITHIN_MS, `${paths[locale]} gone`);
        for (const list of lists[locale]) {
          await waitUntil(async () => !(await read(list)).text.includes(paths[locale]), LIVE_WITHIN_MS, `${list} no longer lists it`);
        }
        await waitUntil(async () => !(await read(searchPath(locale))).text.includes(`href="${paths[locale]}"`), LIVE_WITHIN_MS, 'search forgets it');
      }
      // A not-found answer may be kept a minute by a CDN, not a year.
      const notFound = await fetch(`${target.origin}${paths.en}`);
      expect(notFound.headers.get('cache-control')).toMatch(/s-maxage=60\b|no-store/);
    });

    it('a scheduled article appears at its time', async () => {
      const at = new Date(Date.now() + 2000).toISOString();
      const res = await cms.call('POST', `/articles/${articleId}/schedule`, { at, type: 'publish' });
      expect(res.status).toBe(201);
      expect(await gone(paths.en)).toBe(true);
      await waitUntil(() => shows(paths.en, story.en.title), 2000 + LIVE_WITHIN_MS, 'scheduled article live');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(at));
    });
  });
});
