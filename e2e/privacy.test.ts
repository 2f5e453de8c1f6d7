import type { Page } from 'playwright-core';
import { decodeConsent } from '@/lib/consent/consent-cookie';
import { axeViolations, BASE_URL, withBrowser, waitForHydration } from './support/browser';

const t = {
  en: {
    path: '/en/privacy',
    other: '/fr/confidentialite',
    policy: '/en/cookies',
    title: 'Privacy policy',
    footerLink: 'Privacy policy',
    bannerLink: 'Privacy policy',
    region: 'Cookie consent',
    customize: 'Customize',
    dialog: 'Cookie settings',
    reject: 'Reject all',
    officerMissing: /does not name the person in charge yet/,
    receiptsLink: 'Read the receipts recorded for my identifier (JSON)',
    receiptsNone: /Once you have made a choice, a link to your own receipts appears here/,
    noPage: '/en/no-such-page',
  },
  fr: {
    path: '/fr/confidentialite',
    other: '/en/privacy',
    policy: '/fr/temoins',
    title: 'Politique de confidentialité',
    footerLink: 'Politique de confidentialité',
    bannerLink: 'Politique de confidentialité',
    region: 'Consentement aux témoins',
    customize: 'Personnaliser',
    dialog: 'Paramètres des témoins',
    reject: 'Tout refuser',
    officerMissing: /ne nomme pas encore la personne responsable/,
    receiptsLink: 'Lire les reçus consignés sous mon identifiant (JSON)',
    receiptsNone: /Une fois votre choix fait, un lien vers vos propres reçus s’affiche ici/,
    noPage: '/fr/page-inexistante',
  },
} as const;
const locales = ['en', 'fr'] as const;

const { context } = withBrowser();

async function open(path: string): Promise<Page> {
  const page = await context().newPage();
  await page.goto(path);
  // The consent island is live once it has upgraded the footer's settings control.
  await waitForHydration(page);
  return page;
}

describe.each(locales)('privacy page (%s)', (locale) => {
  const n = t[locale];

  it('answers with its title, its language alternate and the notice that no officer is configured', async () => {
    const page = await open(n.path);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(n.title);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale === 'en' ? 'en-CA' : 'fr-CA');
    const alternate = await page.locator(`link[rel="alternate"][hreflang^="${locale === 'en' ? 'fr' : 'en'}"]`).first().getAttribute('href');
    expect(new URL(alternate ?? '/', BASE_URL).pathname).toBe(n.other);
    // The browser tests build without PRIVACY_OFFICER_*: the page must say so.
    await expect(page.getByText(n.officerMissing).count()).resolves.toBe(1);
  });

  it('axe finds no violations, with the banner and once a choice is made', async () => {
    const page = await open(n.path);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('region', { name: n.region }).getByRole('button', { name: n.reject }).click();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is linked from the banner and from the settings dialog', async () => {
    const page = await open(`/${locale}`);
    const banner = page.getByRole('region', { name: n.region });
    await expect(banner.getByRole('link', { name: n.bannerLink }).getAttribute('href')).resolves.toBe(n.path);
    await banner.getByRole('button', { name: n.customize }).click();
    const dialog = page.getByRole('dialog', { name: n.dialog });
    await expect(dialog.getByRole('link', { name: n.bannerLink }).getAttribute('href')).resolves.toBe(n.path);
  });

  it('is linked from the footer of every page in the sitemap, and of the 404 page', async () => {
    const sitemap = await (await fetch(`${BASE_URL}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
      .map((m) => new URL(m[1] ?? '/').pathname)
      .filter((p) => p === `/${locale}` || p.startsWith(`/${locale}/`));
    expect(paths).toEqual(expect.arrayContaining([n.path, `/${locale}`]));
    for (const path of [...paths, n.noPage]) {
      const html = await (await fetch(`${BASE_URL}${path}`)).text();
      const footer = html.slice(html.lastIndexOf('<footer'));
      expect({ path, linked: footer.includes(`href="${n.path}"`) }).toEqual({ path, linked: true });
    }
  });

  it('the cookie policy links the reader’s own receipts once they have chosen', async () => {
    const page = await open(n.policy);
    await expect(page.getByText(n.receiptsNone).count()).resolves.toBe(1);
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/consent') && r.request().method() === 'POST');
    await page.getByRole('region', { name: n.region }).getByRole('button', { name: n.reject }).click();
    expect((await posted).status()).toBe(201);
    const link = page.getByRole('link', { name: n.receiptsLink });
    await link.waitFor();
    const id = decodeConsent((await context().cookies()).find((c) => c.name === 'consent')?.value)?.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/consent/${id}`);
    const history = await page.request.get(href ?? '');
    expect(history.status()).toBe(200);
    expect(await history.json()).toMatchObject({ receipts: [expect.objectContaining({ method: 'reject_all' })] });
  });
});
