import type { Page } from 'playwright-core';
import { localizedPath } from '@/i18n/paths';
import { locales, type Locale } from '@/i18n/routing';
import { withBrowser } from './support/browser';
import { CmsClient, cmsTargets, EDITOR_PASSWORD, editorAdd, fetchText, itRunsOnPostgresInCi, LIVE_WITHIN_MS, signInToAdmin, waitUntil } from './support/cms';

// The editor's journey of the newsroom issue, through the admin's form rather than
// REST (e2e/publishing.test.ts covers corrections, slugs, unpublishing and schedules
// over REST): write an article in English, switch the admin to French, write it
// again, publish, and find it where readers look, in both languages, within 5 s.
jest.setTimeout(180_000);

const password = EDITOR_PASSWORD;
const targets = cmsTargets();

itRunsOnPostgresInCi(targets);

const { context } = withBrowser();

/**
 * The admin's date field reads what an editor types, in the format it shows
 * (`MMM d, yyyy h:mm a`) and the browser's time zone: built from the browser's
 * own clock, an hour ago.
 */
function anHourAgoAsTyped(page: Page): Promise<string> {
  return page.evaluate(() => {
    const at = new Date(Date.now() - 60 * 60_000);
    const month = at.toLocaleString('en-US', { month: 'short' });
    const hour = at.getHours() % 12 === 0 ? 12 : at.getHours() % 12;
    const minutes = String(at.getMinutes()).padStart(2, '0');
    return `${month} ${at.getDate()}, ${at.getFullYear()} ${hour}:${minutes} ${at.getHours() < 12 ? 'AM' : 'PM'}`;
  });
}

describe.each(targets)('the editor’s journey in the admin on $name', (target) => {
  const email = `journey-${target.name.toLowerCase()}-${Date.now()}@example.org`;
  const stamp = `${Date.now().toString(36)}${target.name === 'SQLite' ? 'j' : 'k'}`;
  const story = {
    en: {
      title: `Port of Montreal dockworkers vote on a new contract ${stamp}`,
      slug: `montreal-dockworkers-vote-${stamp}`,
      dek: 'The vote ends a year of talks over scheduling and automation.',
      body: 'Dockworkers at the Port of Montreal vote this week on a new contract.\n\nThe result is expected on Friday.',
      hero: { alt: 'An abstract illustration of shipping containers.', caption: 'Containers at a port.' },
    },
    fr: {
      title: `Les débardeurs du port de Montréal votent sur un nouveau contrat ${stamp}`,
      slug: `debardeurs-montreal-vote-${stamp}`,
      dek: 'Le vote met fin à un an de négociations sur les horaires et l’automatisation.',
      body: 'Les débardeurs du port de Montréal votent cette semaine sur un nouveau contrat.\n\nLe résultat est attendu vendredi.',
      hero: { alt: 'Une illustration abstraite de conteneurs.', caption: 'Des conteneurs dans un port.' },
    },
  };
  const paths = { en: `/en/articles/${story.en.slug}`, fr: `/fr/articles/${story.fr.slug}` };
  const sections = { en: '/en/section/politics', fr: '/fr/rubrique/politique' };
  const searchPath = (locale: Locale) => `${localizedPath(locale, '/search')}?q=${stamp}`;
  const read = (path: string) => fetchText(path, { origin: target.origin, timeoutMs: 5000 });
  const shows = async (path: string, text: string) => {
    const res = await read(path);
    return res.status === 200 && res.text.includes(text);
  };

  let cms: CmsClient;
  let articleId: number | undefined;

  beforeAll(async () => {
    expect(editorAdd(email, password, target.dataDir, target.databaseUrl).status).toBe(0);
    cms = await CmsClient.login(email, password, target.origin);
  });

  // Other suites share this server: hand it back with the seed content only (the
  // news sitemap and the lists are checked against it) and its page cache serving again.
  afterAll(async () => {
    // Found by its key (the first slug), in case the form saved it but the test stopped before reading its id.
    const { body } = await cms.call<{ docs: { id: number }[] }>('GET', `/articles?where[key][equals]=${story.en.slug}&draft=true&depth=0`);
    for (const { id } of body.docs) expect((await cms.call('DELETE', `/articles/${id}`)).status).toBe(200);
    await waitUntil(async () => !(await read('/news-sitemap.xml')).text.includes(stamp), LIVE_WITHIN_MS, 'test article gone');
    for (const path of ['/en', '/fr']) {
      await waitUntil(async () => (await fetch(`${target.origin}${path}`)).headers.get('cache-control')?.includes('s-maxage') === true, 10_000, `${path} cached again`);
    }
  });

  it('an editor writes it in English, switches the admin to French, writes it again and publishes it', async () => {
    const page = await context().newPage();
    await signInToAdmin(page, target.origin, email, password);
    await page.goto(`${target.origin}/admin/collections/articles/create?locale=en`);
    const title = page.locator('#field-title');
    await title.waitFor();
    await expect(page.locator('label[for="field-title"]').innerText()).resolves.toMatch(/English/);

    // The new row's fields come from the server; a change of another field while
    // that request runs can leave the row empty for good, so the row comes first.
    await page.locator('#field-authors .array-field__add-row').click();
    await page.locator('#field-authors__0__name').fill('Northern Dispatch staff');
    const en = story.en;
    await title.fill(en.title);
    await page.locator('#field-slug').fill(en.slug);
    await page.locator('#field-dek').fill(en.dek);
    await page.locator('#field-body').fill(en.body);
    await page.locator('#field-section .rs__control').click();
    await page.locator('#field-section .rs__option', { hasText: 'Politics' }).click();
    await page.locator('#field-tags .rs__control').click();
    await page.locator('#field-tags .rs__option', { hasText: 'Trade' }).click();
    await page.keyboard.press('Escape');
    await page.locator('#field-published input').fill(await anHourAgoAsTyped(page));
    await page.keyboard.press('Escape');
    await page.locator('#field-hero__src').fill('/images/how-tariffs-work.svg');
    await page.locator('#field-hero__width').fill('1200');
    await page.locator('#field-hero__height').fill('675');
    await page.locator('#field-hero__alt').fill(en.hero.alt);
    await page.locator('#field-hero__caption').fill(en.hero.caption);
    await page.locator('#field-hero__credit').fill('Illustration: Northern Dispatch');

    // Saved as a draft first: the locale switch reloads the form from the server.
    await page.locator('#action-save-draft').click();
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/);
    articleId = Number(/\/articles\/(\d+)/.exec(new URL(page.url()).pathname)?.[1]);
    expect(Number.isInteger(articleId)).toBe(true);
    expect((await read(paths.en)).status).toBe(404);

    await page.locator('.localizer .popup-button').click();
    await page.locator('.popup-button-list__button:has([data-locale="fr"])').click();
    await page.waitForURL(/[?&]locale=fr\b/);
    await waitUntil(async () => /Français/.test(await page.locator('label[for="field-title"]').innerText()), 10_000, 'admin in French');
    // The French version starts empty: no fallback from one language to the other.
    await expect(title.inputValue()).resolves.toBe('');

    const fr = story.fr;
    await title.fill(fr.title);
    await page.locator('#field-slug').fill(fr.slug);
    await page.locator('#field-dek').fill(fr.dek);
    await page.locator('#field-body').fill(fr.body);
    await page.locator('#field-hero__alt').fill(fr.hero.alt);
    await page.locator('#field-hero__caption').fill(fr.hero.caption);
    await page.locator('#action-save').click();
    await waitUntil(async () => /Published|Publié/.test(await page.locator('.status__value').innerText()), 10_000, 'admin says published');

    // Both languages were saved, and the shared fields once.
    for (const locale of locales) {
      const { status, body } = await cms.call<{ title: string; slug: string; _status: string; section: { key: string }; published: string }>(
        'GET',
        `/articles/${articleId}?locale=${locale}&depth=1`,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ title: story[locale].title, slug: story[locale].slug, _status: 'published', section: { key: 'politics' } });
      // Typed to the minute, an hour ago.
      expect(Math.abs(Date.parse(body.published) - (Date.now() - 60 * 60_000))).toBeLessThan(10 * 60_000);
    }
  });

  it('readers find it on its page, the home page, its section and in search, in both languages, within 5 s', async () => {
    expect(articleId).toBeDefined();
    for (const locale of locales) {
      await waitUntil(() => shows(paths[locale], story[locale].title), LIVE_WITHIN_MS, `${paths[locale]} live`);
      await waitUntil(() => shows(`/${locale}`, `href="${paths[locale]}"`), LIVE_WITHIN_MS, `/${locale} lists it`);
      await waitUntil(() => shows(sections[locale], `href="${paths[locale]}"`), LIVE_WITHIN_MS, `${sections[locale]} lists it`);
      // Results highlight the words searched for, so the link is what to look for.
      await waitUntil(() => shows(searchPath(locale), `href="${paths[locale]}"`), LIVE_WITHIN_MS, `search finds it (${locale})`);
      const { text } = await read(paths[locale]);
      expect(text).toContain(story[locale].hero.caption);
    }
    // Each language's page points at the other (language switcher).
    expect((await read(paths.en)).text).toContain(`href="${paths.fr}"`);
    expect((await read(paths.fr)).text).toContain(`href="${paths.en}"`);
  });
});
