import { type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { POLICY_REVISION } from '@/lib/consent/categories';
import { decodeConsent, encodeConsent, type ConsentRecord } from '@/lib/consent/consent-cookie';
import { axeViolations, BASE_URL, launchBrowser, layoutShiftOf, newContext, recordLayoutShifts, withBrowser, waitForHydration } from './support/browser';
import { E2E_PORT } from './support/config';
import { aConsentRecord } from '../__tests__/support/consent-record';

const t = {
  en: {
    home: '/en',
    policy: '/en/cookies',
    privacy: '/en/privacy',
    notFound: '/en/no-such-page',
    region: 'Cookie consent',
    accept: 'Accept all',
    reject: 'Reject all',
    customize: 'Customize',
    settings: 'Cookie settings',
    dialog: 'Cookie settings',
    save: 'Save my choices',
    analytics: 'Audience measurement',
    marketing: 'Marketing and embedded content',
    // The notice itself: the "Strictly necessary" text names GPC too (what a receipt keeps).
    gpc: /^Your browser sends Global Privacy Control/,
  },
  fr: {
    home: '/fr',
    policy: '/fr/temoins',
    privacy: '/fr/confidentialite',
    notFound: '/fr/page-inexistante',
    region: 'Consentement aux témoins',
    accept: 'Tout accepter',
    reject: 'Tout refuser',
    customize: 'Personnaliser',
    settings: 'Paramètres des témoins',
    dialog: 'Paramètres des témoins',
    save: 'Enregistrer mes choix',
    analytics: 'Mesure d’audience',
    marketing: 'Marketing et contenu intégré',
    gpc: /^Votre navigateur transmet le signal Global Privacy Control/,
  },
} as const;
const locales = ['en', 'fr'] as const;
const DAY = 86_400;

const { browser, context } = withBrowser();

const banner = (page: Page, locale: 'en' | 'fr') => page.getByRole('region', { name: t[locale].region });
const dialog = (page: Page, locale: 'en' | 'fr') => page.getByRole('dialog', { name: t[locale].dialog });

/** Opens a page and waits until the consent island is live (it upgrades the settings control). */
async function open(path: string, ctx: BrowserContext = context()): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(path);
  await waitForHydration(page);
  return page;
}

async function consentCookie(ctx: BrowserContext = context()): Promise<Cookie | undefined> {
  return (await ctx.cookies()).find((c) => c.name === 'consent');
}

async function storedConsent(ctx: BrowserContext = context()): Promise<ConsentRecord | null> {
  return decodeConsent((await consentCookie(ctx))?.value);
}

async function seedConsent(value: string, ctx: BrowserContext = context()) {
  await ctx.addCookies([{ name: 'consent', value, url: BASE_URL }]);
}

describe('server HTML', () => {
  it.each(locales)('has the banner right after the skip links, in the page language (%s)', async (locale) => {
    const html = await (await fetch(`${BASE_URL}${t[locale].home}`)).text();
    const head = html.slice(0, html.indexOf('<body'));
    expect(head).toContain('<script id="consent-marks">');
    const body = html.slice(html.indexOf('<body'));
    const skip = body.indexOf('class="skip-links"');
    const section = body.indexOf(`<section class="consent-banner" aria-label="${t[locale].region}" data-nosnippet=""`);
    expect(skip).toBeGreaterThan(-1);
    expect(section).toBeGreaterThan(skip);
    // Nothing focusable between the skip links and the banner.
    expect(body.slice(body.indexOf('</nav>', skip), section)).not.toMatch(/<(a|button|input)\b/);
    for (const name of [t[locale].accept, t[locale].reject, t[locale].customize]) {
      expect(body).toContain(`>${name}</button>`);
    }
  });

  it.each([
    ['garbage', 'not-a-consent-value!'],
    ['oversized', 'A'.repeat(2000)],
    ['old revision', encodeConsent(aConsentRecord({ rev: POLICY_REVISION - 1 }))],
    ['expired', encodeConsent(aConsentRecord({ ts: Math.floor(Date.now() / 1000) - 400 * DAY, upd: Math.floor(Date.now() / 1000) - 183 * DAY }))],
  ])('answers 200 with the banner whatever the cookie (%s)', async (_label, value) => {
    const res = await fetch(`${BASE_URL}/en`, { headers: { cookie: `consent=${value}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('class="consent-banner"');
  });
});

describe('first visit', () => {
  it.each(locales)('shows the banner with three buttons, Accept and Reject alike (%s)', async (locale) => {
    const page = await open(t[locale].home);
    await expect(banner(page, locale).isVisible()).resolves.toBe(true);
    const buttons = banner(page, locale).getByRole('button');
    await expect(buttons.allTextContents()).resolves.toEqual([t[locale].accept, t[locale].reject, t[locale].customize]);
    const looks = await buttons.evaluateAll((els) =>
      els.slice(0, 2).map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [r.width, r.height, s.backgroundColor, s.color, s.borderTopWidth, s.borderTopColor, s.fontSize, s.fontWeight, s.paddingTop, s.paddingLeft];
      }),
    );
    expect(looks[0]).toEqual(looks[1]);
    // Sticky, not fixed: its height stays reserved at the end of the page (issue 11).
    await expect(banner(page, locale).evaluate((el) => getComputedStyle(el).position)).resolves.toBe('sticky');
  });
});

/**
 * Installed before any page script: records whether the banner ever had a box
 * (MutationObserver at insertion, every animation frame until load, and an
 * IntersectionObserver), and whether <html> was already marked when the
 * banner was parsed.
 */
function watchBanner() {
  const w = window as unknown as { __banner: { markedAtInsert: boolean | null; framesVisible: number; intersected: boolean; frames: number } };
  w.__banner = { markedAtInsert: null, framesVisible: 0, intersected: false, frames: 0 };
  const find = () => document.querySelector('.consent-banner');
  const mo = new MutationObserver(() => {
    const el = find();
    if (!el || w.__banner.markedAtInsert !== null) return;
    w.__banner.markedAtInsert = document.documentElement.getAttribute('data-consent') === '1';
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) w.__banner.intersected = true;
    }).observe(el);
  });
  mo.observe(document, { childList: true, subtree: true });
  const frame = () => {
    w.__banner.frames += 1;
    const el = find();
    if (el && el.getClientRects().length > 0) w.__banner.framesVisible += 1;
    if (document.readyState !== 'complete' || w.__banner.frames < 10) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

type BannerWatch = { markedAtInsert: boolean | null; framesVisible: number; intersected: boolean; frames: number };

async function watched(ctx: BrowserContext, path: string) {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(path);
  await waitForHydration(page);
  await page.waitForFunction(() => (window as unknown as { __banner: BannerWatch }).__banner.frames >= 10);
  const watch = await page.evaluate(() => (window as unknown as { __banner: BannerWatch }).__banner);
  return { page, watch, problems };
}

describe.each(locales)('decisions (%s)', (locale) => {
  it('Reject all writes the specified cookie, and the banner never shows again, not for a frame', async () => {
    await context().addInitScript(watchBanner);
    // Control: on a first visit the same observers do see the banner.
    const first = await watched(context(), t[locale].home);
    expect(first.watch).toMatchObject({ markedAtInsert: false, intersected: true });
    expect(first.watch.framesVisible).toBeGreaterThan(0);

    const receipt = first.page.waitForRequest((r) => r.url().endsWith('/api/consent') && r.method() === 'POST');
    const before = Math.floor(Date.now() / 1000);
    await banner(first.page, locale).getByRole('button', { name: t[locale].reject }).click();
    const cookie = await consentCookie();
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', secure: false, httpOnly: false, domain: '127.0.0.1' });
    expect(cookie?.expires).toBeGreaterThan(before + 181 * DAY);
    expect(cookie?.expires).toBeLessThan(before + 183 * DAY);
    const record = decodeConsent(cookie?.value);
    expect(record).toMatchObject({
      v: 1,
      rev: POLICY_REVISION,
      c: { preferences: false, analytics: false, marketing: false },
      m: 'reject_all',
      gpc: false,
      l: locale,
      src: 'banner',
    });
    expect(record?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(record?.ts).toBe(record?.upd);
    const sent = await receipt;
    expect(sent.headers()['content-type']).toBe('application/json');
    expect(JSON.parse(sent.postData() ?? '')).toEqual(record);
    await expect(banner(first.page, locale).isVisible()).resolves.toBe(false);

    const again = await watched(context(), t[locale].home);
    expect(again.watch).toEqual({ markedAtInsert: true, framesVisible: 0, intersected: false, frames: again.watch.frames });
    expect(again.problems).toEqual([]);
  });

  it('Accept all grants every category', async () => {
    const page = await open(t[locale].home);
    await banner(page, locale).getByRole('button', { name: t[locale].accept }).click();
    expect(await storedConsent()).toMatchObject({
      c: { preferences: true, analytics: true, marketing: true },
      m: 'accept_all',
      src: 'banner',
      l: locale,
    });
  });

  it('Customize → audience measurement only', async () => {
    const page = await open(t[locale].home);
    await banner(page, locale).getByRole('button', { name: t[locale].customize }).click();
    const d = dialog(page, locale);
    await expect(d.isVisible()).resolves.toBe(true);
    const switches = await d.getByRole('switch').all();
    expect(switches).toHaveLength(4);
    for (const s of switches) {
      if (!(await s.isDisabled())) await expect(s.isChecked()).resolves.toBe(false);
    }
    await d.getByRole('switch', { name: t[locale].analytics }).check();
    await d.getByRole('button', { name: t[locale].save }).click();
    await expect(d.isVisible()).resolves.toBe(false);
    expect(await storedConsent()).toMatchObject({
      c: { preferences: false, analytics: true, marketing: false },
      m: 'custom',
      src: 'settings',
    });
    await expect(banner(page, locale).isVisible()).resolves.toBe(false);
  });

  it('the settings control opens the dialog from every page (home, 404, cookie policy)', async () => {
    for (const path of [t[locale].home, t[locale].notFound, t[locale].policy]) {
      const page = await open(path);
      const control = page.getByRole('contentinfo').getByRole('button', { name: t[locale].settings });
      await control.click();
      await expect(dialog(page, locale).isVisible()).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(dialog(page, locale).isVisible()).resolves.toBe(false);
      await expect(control.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await page.close();
    }
    expect(await consentCookie()).toBeUndefined();
  });
});

describe('invalid stored choices', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['garbage', () => 'garbage%21not-base64'],
    ['oversized', () => encodeConsent(aConsentRecord()) + 'A'.repeat(1100)],
    ['old revision', () => encodeConsent(aConsentRecord({ rev: POLICY_REVISION + 1 }))],
    ['expired (decided 183 days ago)', () => encodeConsent(aConsentRecord({ ts: now() - 300 * DAY, upd: now() - 183 * DAY }))],
  ])('%s: status 200 and the banner is shown', async (_label, value) => {
    await seedConsent(value());
    const page = await context().newPage();
    const res = await page.goto('/en');
    expect(res?.status()).toBe(200);
    await expect(banner(page, 'en').isVisible()).resolves.toBe(true);
    await expect(page.locator('html').getAttribute('data-consent')).resolves.toBeNull();
  });

  it('a valid stored choice hides it (control)', async () => {
    await seedConsent(encodeConsent(aConsentRecord()));
    const page = await context().newPage();
    await page.goto('/en');
    await expect(banner(page, 'en').isVisible()).resolves.toBe(false);
  });
});

describe('Global Privacy Control', () => {
  it.each(locales)('is honoured and said so (%s)', async (locale) => {
    await context().addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
    });
    const page = await open(t[locale].home);
    await expect(banner(page, locale).getByText(t[locale].gpc).isVisible()).resolves.toBe(true);
    await banner(page, locale).getByRole('button', { name: t[locale].accept }).click();
    expect(await storedConsent()).toMatchObject({ c: { preferences: true, analytics: true, marketing: false }, gpc: true });
    await page.getByRole('contentinfo').getByRole('button', { name: t[locale].settings }).click();
    const d = dialog(page, locale);
    await expect(d.getByText(t[locale].gpc).isVisible()).resolves.toBe(true);
    await expect(d.getByRole('switch', { name: t[locale].marketing }).isChecked()).resolves.toBe(false);
    await d.getByRole('switch', { name: t[locale].marketing }).check();
    await d.getByRole('button', { name: t[locale].save }).click();
    expect(await storedConsent()).toMatchObject({ c: { marketing: true }, gpc: true });
  });

  it('without the signal, no notice', async () => {
    const page = await open('/en');
    await expect(banner(page, 'en').getByText(t.en.gpc).isVisible()).resolves.toBe(false);
  });
});

describe('several tabs', () => {
  it('follow a decision made in another tab within a second', async () => {
    const [one, two] = [await open('/en'), await open('/fr/temoins')];
    await expect(banner(two, 'fr').isVisible()).resolves.toBe(true);
    await banner(one, 'en').getByRole('button', { name: t.en.reject }).click();
    await two.waitForFunction(() => document.documentElement.getAttribute('data-consent') === '1', null, { timeout: 1000 });
    await expect(banner(two, 'fr').isVisible()).resolves.toBe(false);
    await one.getByRole('contentinfo').getByRole('button', { name: t.en.settings }).click();
    await dialog(one, 'en').getByRole('switch', { name: t.en.analytics }).check();
    await dialog(one, 'en').getByRole('button', { name: t.en.save }).click();
    await two.waitForFunction(() => document.documentElement.getAttribute('data-consent-analytics') === 'granted', null, {
      timeout: 1000,
    });
  });
});

describe('keyboard only', () => {
  it.each(locales)('skip links, then the banner; the dialog traps focus, Esc restores it, Save works (%s)', async (locale) => {
    const page = await open(t[locale].home);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return { text: el?.textContent ?? '', href: el?.getAttribute('href') ?? null, inDialog: !!el?.closest('dialog'), tag: el?.tagName };
      });
    const stops: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f.href ?? f.text);
    }
    expect(stops).toEqual([
      '#main',
      '#site-nav',
      t[locale].policy,
      t[locale].privacy,
      t[locale].accept,
      t[locale].reject,
      t[locale].customize,
    ]);
    await page.keyboard.press('Enter');
    await expect(dialog(page, locale).isVisible()).resolves.toBe(true);
    await expect(focused()).resolves.toMatchObject({ inDialog: true });
    // Modal: Tab and Shift+Tab never reach the page behind (they may pass
    // through the browser's own UI, where document.activeElement is <body>).
    for (const key of [...Array(14).fill('Tab'), ...Array(14).fill('Shift+Tab')] as string[]) {
      await page.keyboard.press(key);
      const f = await focused();
      expect(f.inDialog || f.tag === 'BODY').toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog(page, locale).isVisible()).resolves.toBe(false);
    await expect(focused()).resolves.toMatchObject({ text: t[locale].customize });
    expect(await consentCookie()).toBeUndefined();

    await page.keyboard.press('Enter');
    // Focus starts on the first optional switch (preferences); the next one is audience measurement.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 10 && (await focused()).text !== t[locale].save; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await storedConsent()).toMatchObject({ c: { preferences: false, analytics: true, marketing: false } });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });
});

describe('accessibility', () => {
  it.each(locales)('axe finds no violations with the banner, nor with the dialog open (%s)', async (locale) => {
    const page = await open(t[locale].home);
    expect(await axeViolations(page)).toEqual([]);
    await banner(page, locale).getByRole('button', { name: t[locale].customize }).click();
    await expect(dialog(page, locale).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it.each(locales)('axe finds no violations on the cookie policy page (%s)', async (locale) => {
    const page = await open(t[locale].policy);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('layout stability', () => {
  it.each([
    [375, 667],
    [1280, 800],
  ])('the banner causes no layout shift at %ix%i (CLS < 0.01), and leaving moves nothing', async (width, height) => {
    for (const locale of locales) {
      const ctx = await newContext(browser(), { viewport: { width, height } });
      await recordLayoutShifts(ctx);
      const page = await open(t[locale].home, ctx);
      await expect(banner(page, locale).isVisible()).resolves.toBe(true);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const cls = await layoutShiftOf(page);
      expect(cls).toBeLessThan(0.01);
      const box = await banner(page, locale).boundingBox();
      expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(height);
      expect(box?.width).toBe(width);
      const top = () => page.locator('h1').evaluate((el) => el.getBoundingClientRect().top);
      const before = await top();
      await banner(page, locale).getByRole('button', { name: t[locale].reject }).click();
      await expect(banner(page, locale).isVisible()).resolves.toBe(false);
      await expect(top()).resolves.toBe(before);
      await ctx.close();
    }
  });
});

describe('the language cookie', () => {
  it('stays a session cookie without preferences, lives a year with it, and shortens on withdrawal', async () => {
    const page = await open('/en');
    await banner(page, 'en').getByRole('button', { name: t.en.accept }).click();
    await page.getByRole('link', { name: /Lire en français/ }).click();
    await page.waitForURL('**/fr');
    const locale = async () => (await context().cookies()).find((c) => c.name === 'NEXT_LOCALE');
    expect((await locale())?.expires).toBeGreaterThan(Date.now() / 1000 + 364 * DAY);
    await waitForHydration(page);
    await page.getByRole('contentinfo').getByRole('button', { name: t.fr.settings }).click();
    await dialog(page, 'fr').getByRole('button', { name: t.fr.reject }).click();
    expect(await locale()).toMatchObject({ value: 'fr', expires: -1 });
  });
});

describe('without JavaScript', () => {
  it('the settings control leads to the cookie policy page', async () => {
    const ctx = await newContext(browser(), { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/fr');
    await page.getByRole('contentinfo').getByRole('link', { name: t.fr.settings }).click();
    await page.waitForURL('**/fr/temoins');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Politique relative aux témoins');
    await expect(page.getByRole('table').isVisible()).resolves.toBe(true);
    await ctx.close();
  });
});

describe('withdrawal on a real domain', () => {
  // Cookies on a parent domain need a host name (Chromium ignores Domain= on
  // an IP address): map *.consent.test to the test server.
  const host = 'www.consent.test';
  const origin = `http://${host}:${E2E_PORT}`;
  let mapped: Browser;

  beforeAll(async () => {
    mapped = await launchBrowser([`--host-resolver-rules=MAP *.consent.test 127.0.0.1`]);
  });
  afterAll(async () => {
    await mapped.close();
  });

  it('switching audience measurement off deletes its cookies on the host and on .host', async () => {
    const ctx = await mapped.newContext({ baseURL: origin });
    const expires = Math.floor(Date.now() / 1000) + 30 * DAY;
    await ctx.addCookies([
      { name: '_ndx_a_host', value: '1', url: origin, expires },
      { name: '_ndx_a_www', value: '1', domain: `.${host}`, path: '/', expires },
      { name: '_ndx_a_parent', value: '1', domain: '.consent.test', path: '/', expires },
      { name: 'unrelated', value: 'keep', domain: '.consent.test', path: '/', expires },
    ]);
    const page = await open('/en', ctx);
    await banner(page, 'en').getByRole('button', { name: t.en.accept }).click();
    const names = async () => (await ctx.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
    expect(await names()).toEqual(
      expect.arrayContaining(['_ndx_a_host@www.consent.test', '_ndx_a_www@.www.consent.test', '_ndx_a_parent@.consent.test']),
    );
    await page.getByRole('contentinfo').getByRole('button', { name: t.en.settings }).click();
    await dialog(page, 'en').getByRole('switch', { name: t.en.analytics }).uncheck();
    await dialog(page, 'en').getByRole('button', { name: t.en.save }).click();
    const left = await names();
    expect(left.filter((n) => n.startsWith('_ndx_a'))).toEqual([]);
    expect(left).toContain('unrelated@.consent.test');
    expect(decodeConsent((await consentCookie(ctx))?.value)).toMatchObject({ c: { analytics: false } });
    await ctx.close();
  });
});
