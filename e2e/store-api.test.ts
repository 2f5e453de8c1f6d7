import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { encodeConsent } from '@/lib/consent/consent-cookie';
import { BASE_URL, launchBrowser, newContext } from './support/browser';
import { aConsentRecord } from '../__tests__/support/consent-record';

// The server of the browser tests (e2e/support/global-setup.ts) runs with this token.
const METRICS_TOKEN = process.env.METRICS_TOKEN ?? 'e2e-metrics-token';
const COOKIE_MAX_AGE = 182 * 24 * 60 * 60;

function postReceipt(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(`${BASE_URL}/api/consent`, { method: 'POST', headers, body });
}

async function historyLength(id: string): Promise<number> {
  const response = await fetch(`${BASE_URL}/api/consent/${id}`);
  if (response.status === 404) return 0;
  expect(response.status).toBe(200);
  return ((await response.json()) as { receipts: unknown[] }).receipts.length;
}

describe('POST /api/consent over HTTP', () => {
  it('stores all of 200 receipts sent at once', async () => {
    const records = Array.from({ length: 200 }, () => aConsentRecord());
    const responses = await Promise.all(records.map((record) => postReceipt(JSON.stringify(record))));
    expect(responses.map((r) => r.status)).toEqual(records.map(() => 201));

    const lengths = await Promise.all(records.map((record) => historyLength(record.id)));
    expect(lengths).toEqual(records.map(() => 1));
  });

  it('answers with a Set-Cookie that re-sets the same value with the specified attributes', async () => {
    const record = aConsentRecord({ gpc: true, l: 'fr', m: 'reject_all', c: { preferences: false, analytics: false, marketing: false } });
    const response = await postReceipt(JSON.stringify(record));
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual([
      `consent=${encodeConsent(record)}; Path=/; Max-Age=${COOKIE_MAX_AGE}; SameSite=Lax`,
    ]);

    const behindTls = await postReceipt(JSON.stringify(aConsentRecord({ id: record.id })), {
      'content-type': 'application/json',
      'x-forwarded-proto': 'https',
    });
    expect(behindTls.headers.getSetCookie()[0]).toMatch(/; SameSite=Lax; Secure$/);
    expect(await historyLength(record.id)).toBe(2);
  });

  it('refuses a wrong content type (415), an oversized body (413, announced or streamed) and a bad field (400)', async () => {
    const record = aConsentRecord();
    const json = JSON.stringify(record);

    const wrongType = await postReceipt(json, { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({ error: 'Content-Type must be application/json' });

    const announced = await postReceipt(json + ' '.repeat(3000));
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ error: 'The body is larger than 2048 bytes' });

    // A chunked upload that grows past the cap: the server answers 413 as soon
    // as it has read 2 KB and closes the connection, so (like a browser) the
    // client takes the answer and ignores that the rest could not be sent.
    const streamedStatus = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${BASE_URL}/api/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      req.write(json);
      for (let i = 0; i < 4; i += 1) req.write(' '.repeat(1024));
      req.end();
    });
    expect(streamedStatus).toBe(413);

    const badField = await postReceipt(JSON.stringify({ ...record, c: { ...record.c, analytics: 'yes' } }));
    expect(badField.status).toBe(400);
    expect(await badField.json()).toMatchObject({ field: 'c.analytics' });

    expect(await historyLength(record.id)).toBe(0);
  });

  it('answers other methods with 405 JSON and Allow', async () => {
    const response = await fetch(`${BASE_URL}/api/consent`, { method: 'PUT', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('the consent cookie set by the receipt endpoint, as Chromium stores it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is host-only, readable by scripts, Lax, not Secure over http, and lives 182 days', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('/en/cookies');
      const record = aConsentRecord({ l: 'en', src: 'settings' });
      const status = await page.evaluate(async (body) => {
        const response = await fetch('/api/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return response.status;
      }, JSON.stringify(record));
      expect(status).toBe(201);

      const cookie = (await context.cookies()).find((c) => c.name === 'consent');
      expect(cookie).toMatchObject({
        value: encodeConsent(record),
        domain: '127.0.0.1',
        path: '/',
        httpOnly: false,
        secure: false,
        sameSite: 'Lax',
      });
      const lifetime = (cookie?.expires ?? 0) - Date.now() / 1000;
      expect(lifetime).toBeGreaterThan(COOKIE_MAX_AGE - 120);
      expect(lifetime).toBeLessThanOrEqual(COOKIE_MAX_AGE + 1);
      expect(await page.evaluate(() => document.cookie)).toContain(`consent=${encodeConsent(record)}`);
    } finally {
      await context.close();
    }
  });
});

describe('page-view beacon and summary over HTTP', () => {
  it('counts a text/plain beacon and reports it only to the token holder', async () => {
    const path = `/en/articles/e2e-${randomUUID()}`;
    const beacon = await fetch(`${BASE_URL}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ path, locale: 'en', referrerHost: 'example.org' }),
    });
    expect(beacon.status).toBe(204);

    const today = new Date().toISOString().slice(0, 10);
    const url = `${BASE_URL}/api/metrics/summary?from=${today}&to=${today}`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'A valid bearer token is required' });

    const wrong = await fetch(url, { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(401);

    const authorised = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(authorised.status).toBe(200);
    const summary = (await authorised.json()) as { pages: { path: string; locale: string; views: number }[] };
    expect(summary.pages).toContainEqual({ path, locale: 'en', views: 1 });
  });
});
