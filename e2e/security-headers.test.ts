import type { Browser } from 'playwright-core';
import { BASE_URL, launchBrowser, newContext } from './support/browser';

const pages = ['/en', '/fr', '/en/cart', '/fr/panier'];

async function head(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE_URL}${path}`, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  return res;
}

describe('security headers', () => {
  it.each([...pages, '/fr/recherche?q=canola', '/en/no-such-page', '/api/consent/not-a-uuid'])('%s carries the baseline headers', async (path) => {
    const res = await head(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/frame-src https:\/\/[^;]+/);
    expect(csp).not.toMatch(/frame-src[^;]*\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sends HSTS only when the request came over https', async () => {
    expect((await head('/en')).headers.get('strict-transport-security')).toBeNull();
    const https = await head('/en', { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });
});

describe('caching', () => {
  it.each(pages)('%s can be cached by a CDN and revalidated by browsers', async (path) => {
    const first = await head(path);
    expect(first.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await head(path, { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
  });

  it('serves pages compressed', async () => {
    const res = await fetch(`${BASE_URL}/fr`, { headers: { 'accept-encoding': 'br' } });
    await res.arrayBuffer();
    // fetch decodes transparently; the header says what went over the wire.
    expect(['br', 'gzip']).toContain(res.headers.get('content-encoding'));
  });

  it.each(['/en/search', '/fr/recherche'])('lets a CDN keep a %s results page by its URL (the same for every reader), with a validator', async (searchPath) => {
    const path = `${searchPath}?q=canola&e2e=${Date.now()}`;
    const first = await fetch(`${BASE_URL}${path}`);
    expect(await first.text()).toContain('canola');
    const res = await head(path);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600, stale-while-revalidate=86400');
    // The server's internal mark is never sent to readers.
    expect(res.headers.get('x-cache-per-url')).toBeNull();
    const again = await head(path, { 'if-none-match': res.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
  });

  it('never lets a CDN cache API answers', async () => {
    const res = await head('/api/consent/00000000-0000-4000-8000-000000000000');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });
});

describe('the policy in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(pages)('%s runs without a single CSP violation', async (path) => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    expect(violations).toEqual([]);
    await context.close();
  });
});
