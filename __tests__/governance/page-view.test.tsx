import { act, render } from '@testing-library/react';
import { FeatureIslands } from '@/components/layout/FeatureIslands';
import { buildPageView, referrerHostOf } from '@/lib/analytics/page-view';
import { pageViewSchema } from '@/lib/api/page-view-endpoints';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
import { aConsentRecord } from '../support/consent-record';

describe('the page-view payload', () => {
  it.each(['en', 'fr'] as const)('holds the path, the language and the referrer host only (%s)', (locale) => {
    const view = buildPageView(`/${locale}/articles/x`, locale, 'https://www.google.com/search?q=my+private+question#frag');
    expect(view).toEqual({ path: `/${locale}/articles/x`, locale, referrerHost: 'www.google.com' });
    expect(JSON.stringify(view)).not.toMatch(/search|question|https/);
    expect(pageViewSchema.safeParse(view).success).toBe(true);
  });

  it.each([
    ['no referrer', '', ''],
    ['a referrer with credentials and a port', 'https://user:pw@News.Example.org:8443/a?b=c', 'news.example.org'],
    ['an app referrer', 'android-app://com.google.android.gm/', 'com.google.android.gm'],
    ['not a URL', 'not a url', ''],
    ['an IPv6 literal', 'http://[::1]:3000/x', ''],
    ['a file URL', 'file:///home/reader/secret.html', ''],
  ])('sends the host of %s, or nothing', (_label, referrer, host) => {
    expect(referrerHostOf(referrer)).toBe(host);
    const view = buildPageView('/en', 'en', referrer);
    expect(view?.referrerHost).toBe(host);
    expect(pageViewSchema.safeParse(view).success).toBe(true);
  });

  it.each([
    ['another language', '/fr/recherche', 'en'],
    ['no language', '/robots.txt', 'en'],
    ['a lookalike prefix', '/english/x', 'en'],
    ['an over-long path', `/en/${'a'.repeat(300)}`, 'en'],
    ['a raw space', '/en/a b', 'en'],
  ] as const)('is not sent for %s (the server would refuse it)', (_label, path, locale) => {
    expect(buildPageView(path, locale, '')).toBeNull();
    expect(pageViewSchema.safeParse({ path, locale, referrerHost: '' }).success).toBe(false);
  });

  it('keeps percent-encoded paths as the browser gives them', () => {
    const view = buildPageView('/fr/articles/%C3%A9t%C3%A9', 'fr', '');
    expect(view?.path).toBe('/fr/articles/%C3%A9t%C3%A9');
    expect(pageViewSchema.safeParse(view).success).toBe(true);
  });
});

describe('the beacon island', () => {
  const sendBeacon = jest.fn(() => true);
  const showTab = () =>
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
  const flush = () => act(async () => {});

  beforeAll(() => {
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true });
  });

  beforeEach(() => {
    sendBeacon.mockClear();
    clearCookiesAndMarks();
    runInlineConsentScript();
    showTab();
    window.history.replaceState(null, '', '/en/articles/canada-energy-trade');
  });

  // One test, in order: the module keeps "this page view was counted" for the life of the page.
  it('sends nothing undecided or refused, then one view when analytics is granted, and never twice', async () => {
    render(<FeatureIslands locale="en" />);
    await flush();
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: true } }));
    showTab();
    await flush();
    expect(sendBeacon).not.toHaveBeenCalled();

    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: false } }));
    showTab();
    // The beacon's code is fetched only now (a lazy chunk): wait for it to mount.
    for (let i = 0; i < 20 && !sendBeacon.mock.calls.length; i++) await flush();
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [url, body] = sendBeacon.mock.calls[0] as unknown as [string, string];
    expect(url).toBe('/api/metrics');
    expect(typeof body).toBe('string');
    expect(JSON.parse(body)).toEqual({ path: '/en/articles/canada-energy-trade', locale: 'en', referrerHost: '' });

    // Withdrawn and granted again on the same page: still one view.
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: false, marketing: false } }));
    showTab();
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: false } }));
    showTab();
    for (let i = 0; i < 5; i++) await flush();
    expect(sendBeacon).toHaveBeenCalledTimes(1);
  });
});
