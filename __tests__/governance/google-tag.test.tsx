import { renderToStaticMarkup } from 'react-dom/server';
import { GoogleTagScript } from '@/components/analytics/GoogleTagScript';
import { googleConsentFor, GOOGLE_CONSENT_DEFAULTS } from '@/lib/analytics/google-consent';
import { googleTagId, googleTagSnippet } from '@/lib/analytics/google-tag';
import type { ConsentReaderWindow } from '@/lib/consent/document-marks';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
import { aConsentRecord } from '../support/consent-record';

type GtagWindow = Window & { dataLayer?: IArguments[]; gtag?: unknown };
const win = window as GtagWindow;

/** dataLayer entries as plain arrays: gtag pushes `arguments` objects. */
const entries = () => (win.dataLayer ?? []).map((args) => Array.from(args));
/** What the consent store does after a decision: re-read the cookie, re-mark <html>. */
const reread = () => (window as ConsentReaderWindow).__readConsent?.();
const mutationsDelivered = () => new Promise<void>((resolve) => queueMicrotask(resolve));

let appended: { src: string; dataLayerAtInsert: unknown[][] }[];
// Each test runs the snippet as a fresh page would; the previous "page's"
// observer must not outlive it.
const observers: MutationObserver[] = [];
const NativeMutationObserver = window.MutationObserver;

beforeEach(() => {
  window.MutationObserver = class extends NativeMutationObserver {
    constructor(callback: MutationCallback) {
      super(callback);
      observers.push(this);
    }
  };
  clearCookiesAndMarks();
  delete win.dataLayer;
  delete win.gtag;
  document.head.innerHTML = '';
  appended = [];
  // Record what the snippet inserts, and what dataLayer held at that moment
  // (jsdom does not fetch scripts: nothing from Google runs here).
  const append = document.head.appendChild.bind(document.head);
  jest.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
    if (node instanceof HTMLScriptElement) appended.push({ src: node.src, dataLayerAtInsert: entries() });
    return append(node);
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  observers.splice(0).forEach((observer) => observer.disconnect());
  window.MutationObserver = NativeMutationObserver;
});

/** The head as the layout renders it: the consent script first, then the Google snippet. */
function runHead(id = 'G-TEST12345') {
  runInlineConsentScript();
  new Function(googleTagSnippet(id))();
}

describe('the Google tag id', () => {
  it('is off when NEXT_PUBLIC_GA_ID is unset or empty', () => {
    expect(googleTagId(undefined)).toBeNull();
    expect(googleTagId('')).toBeNull();
    expect(googleTagId('  ')).toBeNull();
  });

  it.each(['G-ABC123XYZ9', 'GT-ABCD1234', 'AW-123456789'])('accepts %s', (id) => {
    expect(googleTagId(` ${id} `)).toBe(id);
  });

  it.each(['G-1"});alert(1)//', 'not-an-id', 'G-', 'https://evil.example/gtag.js'])('stops the build on %s', (id) => {
    expect(() => googleTagId(id)).toThrow(/NEXT_PUBLIC_GA_ID .* is not a Google tag id/);
  });
});

describe('the Consent Mode v2 snippet', () => {
  it('pushes all four signals denied before gtag.js is inserted, then loads gtag.js once', () => {
    runHead();
    expect(appended).toHaveLength(1);
    expect(appended[0]!.src).toBe('https://www.googletagmanager.com/gtag/js?id=G-TEST12345');
    const [first] = appended[0]!.dataLayerAtInsert;
    expect(first).toEqual([
      'consent',
      'default',
      { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' },
    ]);
    expect(appended[0]!.dataLayerAtInsert.map((e) => e[0])).toEqual(['consent', 'set', 'js', 'config']);
    expect(entries().find((e) => e[0] === 'config')).toEqual(['config', 'G-TEST12345']);
    expect(entries().some((e) => e[1] === 'update')).toBe(false);
  });

  it('applies a choice stored on an earlier visit before gtag.js is inserted', () => {
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: false } }));
    runHead();
    const beforeLoad = appended[0]!.dataLayerAtInsert;
    expect(beforeLoad.filter((e) => e[1] === 'update')).toEqual([
      ['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' }],
    ]);
    expect(beforeLoad.findIndex((e) => e[1] === 'update')).toBeLessThan(beforeLoad.findIndex((e) => e[0] === 'config'));
  });

  it('follows every later decision, including a withdrawal, with an update', async () => {
    runHead();
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: true, marketing: true } }));
    reread();
    await mutationsDelivered();
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: false } }));
    reread();
    await mutationsDelivered();
    expect(entries().filter((e) => e[1] === 'update')).toEqual([
      ['consent', 'update', googleConsentFor({ analytics: true, marketing: true })],
      ['consent', 'update', googleConsentFor({ analytics: false, marketing: false })],
    ]);
  });

  it('maps analytics to analytics_storage and marketing to the three advertising signals', () => {
    expect(googleConsentFor({ analytics: true, marketing: false })).toEqual({ ...GOOGLE_CONSENT_DEFAULTS, analytics_storage: 'granted' });
    expect(googleConsentFor({ analytics: false, marketing: true })).toEqual({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'denied',
    });
  });

  it('is rendered by the head component with the id set, as one inline script', () => {
    const html = renderToStaticMarkup(<GoogleTagScript id="G-TEST12345" />);
    expect(html.startsWith('<script id="google-tag">')).toBe(true);
    expect(html).toContain('"consent","default"');
    expect(html).toContain('googletagmanager.com/gtag/js?id=G-TEST12345');
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});

describe('the cookie registry', () => {
  const load = (gaId: string | undefined) => {
    const previous = process.env.NEXT_PUBLIC_GA_ID;
    if (gaId === undefined) delete process.env.NEXT_PUBLIC_GA_ID;
    else process.env.NEXT_PUBLIC_GA_ID = gaId;
    try {
      let registry!: typeof import('@/lib/consent/cookie-registry');
      jest.isolateModules(() => {
        registry = jest.requireActual('@/lib/consent/cookie-registry');
      });
      return registry;
    } finally {
      if (previous === undefined) delete process.env.NEXT_PUBLIC_GA_ID;
      else process.env.NEXT_PUBLIC_GA_ID = previous;
    }
  };

  it('lists Google’s cookies, deleted on refusal, only when the tag is on', () => {
    const names = (r: ReturnType<typeof load>) => r.cookieRegistry.map((e) => e.name);
    expect(names(load(undefined))).not.toEqual(expect.arrayContaining(['_ga']));
    const on = load('G-TEST12345');
    expect(on.findRegistryEntry('_ga')).toMatchObject({ category: 'analytics', party: { kind: 'first' } });
    expect(on.findRegistryEntry('_ga_TEST12345')).toMatchObject({ category: 'analytics' });
    expect(on.findRegistryEntry('_gcl_au')).toMatchObject({ category: 'marketing' });
    expect(on.withdrawalRules().map((r) => r.name)).toEqual(expect.arrayContaining(['_ga', '_ga_*', '_gcl_*']));
  });
});
