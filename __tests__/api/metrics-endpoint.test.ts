/** @jest-environment node */
import * as metricsRoute from '@/app/api/metrics/route';
import * as summaryRoute from '@/app/api/metrics/summary/route';
import { MAX_BODY_BYTES } from '@/lib/api/read-json-body';
import { utcDay } from '@/lib/store/store-interface';
import { errorBody, ORIGIN, postJson, postStream, withTemporaryStore } from './api-test-support';

const store = withTemporaryStore();
const { POST } = metricsRoute;

const aView = { path: '/fr/articles/routes-de-glace', locale: 'fr', referrerHost: 'www.lapresse.ca' };

function beacon(body: unknown, contentType = 'text/plain;charset=UTF-8'): Request {
  return postJson('/api/metrics', body, { 'content-type': contentType });
}

async function expectRefused(request: Request, status: number) {
  const before = store.rowCounts();
  const response = await POST(request);
  expect(response.status).toBe(status);
  const body = await errorBody(response);
  expect(store.rowCounts()).toEqual(before);
  return body;
}

function summaryRequest(query: string, authorization?: string): Request {
  return new Request(`${ORIGIN}/api/metrics/summary${query}`, {
    headers: authorization === undefined ? {} : { authorization },
  });
}

describe('POST /api/metrics', () => {
  it.each([
    ['text/plain, as navigator.sendBeacon sends a string', 'text/plain;charset=UTF-8'],
    ['application/json', 'application/json'],
  ])('counts a view sent as %s and answers 204 with no body', async (_label, contentType) => {
    const before = store.rowCounts().views;
    const response = await POST(beacon(aView, contentType));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(store.rowCounts().views).toBe(before + 1);
  });

  it('keeps the referrer host in lower case, and an empty host for direct visits', async () => {
    process.env.METRICS_TOKEN = 'lower-case-check';
    try {
      await POST(beacon({ path: '/en/search', locale: 'en', referrerHost: 'News.Example.COM' }));
      await POST(beacon({ path: '/en/search', locale: 'en', referrerHost: '' }));
      const today = utcDay(new Date());
      const response = await summaryRoute.GET(summaryRequest(`?from=${today}&to=${today}`, 'Bearer lower-case-check'));
      const summary = (await response.json()) as { referrers: { host: string }[] };
      expect(summary.referrers.map((r) => r.host)).toEqual(expect.arrayContaining(['news.example.com', '']));
      expect(summary.referrers.map((r) => r.host)).not.toContain('News.Example.COM');
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });

  it.each([
    ['no Content-Type', ''],
    ['a form', 'application/x-www-form-urlencoded'],
    ['HTML', 'text/html'],
  ])('415 for %s', async (_label, contentType) => {
    const request = beacon(aView, contentType || 'text/plain');
    if (!contentType) request.headers.delete('content-type');
    expect((await expectRefused(request, 415)).error).toMatch(/application\/json or text\/plain/);
  });

  it('413 over 2 KB, announced or streamed', async () => {
    const big = JSON.stringify({ ...aView, path: `/en/${'a'.repeat(MAX_BODY_BYTES)}` });
    await expectRefused(postJson('/api/metrics', aView, { 'content-length': String(MAX_BODY_BYTES + 1) }), 413);
    await expectRefused(postStream('/api/metrics', [big.slice(0, 1000), big.slice(1000)], 'text/plain'), 413);
  });

  it('400 for a body that is not JSON', async () => {
    const body = await expectRefused(beacon('path=/en'), 400);
    expect(body.error).toMatch(/not valid JSON/);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a missing path', { locale: 'en', referrerHost: '' }, 'path', /Missing field path/],
    ['a path outside both languages', { ...aView, path: '/de/artikel' }, 'path', /under \/en or \/fr/],
    ['a path that only starts like a language', { ...aView, path: '/english' }, 'path', /under \/en or \/fr/],
    ['a relative path', { ...aView, path: 'fr/articles' }, 'path', /under \/en or \/fr/],
    ['a full URL', { ...aView, path: 'https://news.example/fr' }, 'path', /under \/en or \/fr/],
    ['a query string (what a reader searched for)', { ...aView, path: '/fr/recherche?q=mon+nom' }, 'path', /without query string/],
    ['a fragment', { ...aView, path: '/fr/articles#commentaires' }, 'path', /without query string/],
    ['a space', { ...aView, path: '/fr/articles/a b' }, 'path', /under \/en or \/fr/],
    ['a path over 300 characters', { ...aView, path: `/fr/${'a'.repeat(297)}` }, 'path', /at most 300/],
    ['a language other than en or fr', { ...aView, locale: 'de' }, 'locale', /Invalid locale/],
    ['a language that is not the path\u2019s', { ...aView, locale: 'en' }, 'locale', /language of path/],
    ['a full referrer URL', { ...aView, referrerHost: 'https://www.lapresse.ca/actualites' }, 'referrerHost', /host name only/],
    ['a referrer with a port', { ...aView, referrerHost: 'localhost:3000' }, 'referrerHost', /host name only/],
    ['a referrer with credentials', { ...aView, referrerHost: 'me@example.com' }, 'referrerHost', /host name only/],
    ['a missing referrer host', { path: '/fr', locale: 'fr' }, 'referrerHost', /Missing field referrerHost/],
    ['anything else about the reader', { ...aView, userAgent: 'Mozilla/5.0' }, 'userAgent', /Unknown field userAgent/],
    ['a visitor id', { ...aView, visitorId: 'abc' }, 'visitorId', /Unknown field visitorId/],
  ])('400 naming the field for %s', async (_label, payload, field, message) => {
    const body = await expectRefused(beacon(payload), 400);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(message);
  });

  it('accepts a path of exactly 300 characters', async () => {
    const response = await POST(beacon({ ...aView, path: `/fr/${'a'.repeat(296)}` }));
    expect(response.status).toBe(204);
  });

  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('%s: 405 JSON with Allow: POST', async (method) => {
    const response = metricsRoute[method](new Request(`${ORIGIN}/api/metrics`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    await errorBody(response);
  });
});

describe('GET /api/metrics/summary', () => {
  const TOKEN = 'test-metrics-token-0123456789';
  const RANGE = '?from=2020-01-01&to=2100-12-31';

  afterEach(() => {
    delete process.env.METRICS_TOKEN;
  });

  it('does not exist (404) while METRICS_TOKEN is unset, even with a token', async () => {
    delete process.env.METRICS_TOKEN;
    for (const authorization of [undefined, `Bearer ${TOKEN}`, 'Bearer ']) {
      const response = await summaryRoute.GET(summaryRequest(RANGE, authorization));
      expect(response.status).toBe(404);
      expect(await errorBody(response)).toEqual({ error: 'Not found' });
    }
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token plus one character', `Bearer ${TOKEN}x`],
    ['the token in Basic auth', `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`],
    ['the token without the scheme', TOKEN],
    ['an empty bearer', 'Bearer '],
  ])('401 with nothing else for %s', async (_label, authorization) => {
    process.env.METRICS_TOKEN = TOKEN;
    const response = await summaryRoute.GET(summaryRequest(RANGE, authorization));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorBody(response)).toEqual({ error: 'A valid bearer token is required' });
  });

  it('401 before looking at the query, so invalid parameters reveal nothing either', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const response = await summaryRoute.GET(summaryRequest('?from=yesterday'));
    expect(response.status).toBe(401);
  });

  it('answers views per path and language with the right token', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    await POST(beacon({ path: '/en/cookies', locale: 'en', referrerHost: '' }));
    await POST(beacon({ path: '/en/cookies', locale: 'en', referrerHost: 'duckduckgo.com' }));
    await POST(beacon({ path: '/fr/temoins', locale: 'fr', referrerHost: '' }));
    const today = utcDay(new Date());

    const response = await summaryRoute.GET(summaryRequest(`?from=${today}&to=${today}`, `bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const summary = (await response.json()) as { from: string; to: string; total: number; pages: unknown[] };
    expect(summary.from).toBe(today);
    expect(summary.to).toBe(today);
    expect(summary.pages).toEqual(
      expect.arrayContaining([
        { path: '/en/cookies', locale: 'en', views: 2 },
        { path: '/fr/temoins', locale: 'fr', views: 1 },
      ]),
    );
    expect(summary.total).toBe(store.rowCounts().views);

    const before = await summaryRoute.GET(summaryRequest('?from=2020-01-01&to=2020-12-31', `Bearer ${TOKEN}`));
    expect(await before.json()).toEqual({
      from: '2020-01-01',
      to: '2020-12-31',
      total: 0,
      pages: [],
      referrers: [],
      cspViolations: { total: 0, byDirectiveAndPath: [] },
    });
  });

  it.each([
    ['', 'from', /Missing field from/],
    ['?from=2026-01-01', 'to', /Missing field to/],
    ['?from=01/01/2026&to=2026-01-31', 'from', /YYYY-MM-DD/],
    ['?from=2026-02-30&to=2026-03-01', 'from', /YYYY-MM-DD/],
    ['?from=2026-03-01&to=2026-02-01', 'to', /not be before from/],
  ])('400 naming the parameter for %p', async (query, field, message) => {
    process.env.METRICS_TOKEN = TOKEN;
    const response = await summaryRoute.GET(summaryRequest(query, `Bearer ${TOKEN}`));
    expect(response.status).toBe(400);
    const body = await errorBody(response);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(message);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('%s: 405 JSON with Allow', async (method) => {
    const response = summaryRoute[method](new Request(`${ORIGIN}/api/metrics/summary`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    await errorBody(response);
  });
});
