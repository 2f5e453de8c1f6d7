/** @jest-environment node */
import { randomUUID } from 'node:crypto';
import { GET as getHistory, POST as postToHistory } from '@/app/api/consent/[id]/route';
import * as consentRoute from '@/app/api/consent/route';
import { encodeConsent, type ConsentRecord } from '@/lib/consent/consent-cookie';
import { closeStore } from '@/lib/store/get-store';
import { MAX_BODY_BYTES } from '@/lib/api/read-json-body';
import { errorBody, ORIGIN, postJson, postStream, withTemporaryStore } from './api-test-support';
import { aConsentRecord } from '../support/consent-record';

const store = withTemporaryStore();
const { POST } = consentRoute;

function historyOf(id: string) {
  return getHistory(new Request(`${ORIGIN}/api/consent/${id}`), { params: Promise.resolve({ id }) });
}

/** Expects the request to be refused with `status`, a JSON error, and nothing stored. */
async function expectRefused(request: Request, status: number) {
  const before = store.rowCounts();
  const response = await POST(request);
  expect(response.status).toBe(status);
  expect(response.headers.get('set-cookie')).toBeNull();
  const body = await errorBody(response);
  expect(store.rowCounts()).toEqual(before);
  return body;
}

describe('POST /api/consent with a valid receipt', () => {
  it('stores it with the server time and answers 201 with the stored receipt', async () => {
    const record = aConsentRecord({ gpc: true, l: 'en', m: 'reject_all', src: 'banner', c: { preferences: false, analytics: false, marketing: false } });
    const before = Date.now();
    const response = await POST(postJson('/api/consent', record));

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/consent/${record.id}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('server-timing')).toMatch(/^store;dur=\d+\.\d{2}$/);
    const { receipt } = (await response.json()) as { receipt: Record<string, unknown> };
    expect(receipt).toMatchObject({
      consentId: record.id,
      policyRevision: 1,
      categories: { preferences: false, analytics: false, marketing: false },
      method: 'reject_all',
      language: 'en',
      source: 'banner',
      gpc: true,
      clientDecidedAt: new Date(record.upd * 1000).toISOString(),
    });
    const receivedAt = Date.parse(String(receipt.receivedAt));
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('re-sets the consent cookie with the same value and the specified attributes, without Secure over http', async () => {
    const record = aConsentRecord();
    const response = await POST(postJson('/api/consent', record));
    const cookie = response.headers.get('set-cookie');

    expect(cookie).toBe(`consent=${encodeConsent(record)}; Path=/; Max-Age=15724800; SameSite=Lax`);
    expect(cookie).not.toMatch(/HttpOnly|Domain=|Secure/i);
  });

  it.each([
    ['X-Forwarded-Proto: https from the proxy', 'http://127.0.0.1:3000', { 'x-forwarded-proto': 'https' }],
    ['an https request URL', 'https://news.example', {}],
  ])('adds Secure for %s', async (_label, origin, headers) => {
    const record = aConsentRecord();
    const request = new Request(`${origin}/api/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(record),
    });
    const response = await POST(request);
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toBe(
      `consent=${encodeConsent(record)}; Path=/; Max-Age=15724800; SameSite=Lax; Secure`,
    );
  });

  it('accepts a charset parameter and a body of exactly 2 KB', async () => {
    const json = JSON.stringify(aConsentRecord());
    const padded = json + ' '.repeat(MAX_BODY_BYTES - json.length);
    const response = await POST(postJson('/api/consent', padded, { 'content-type': 'Application/JSON; charset=utf-8' }));
    expect(response.status).toBe(201);
  });

  it('keeps a withdrawal as a new receipt with the same id', async () => {
    const granted = aConsentRecord({ m: 'accept_all', c: { preferences: true, analytics: true, marketing: true } });
    const withdrawn: ConsentRecord = { ...granted, m: 'custom', src: 'settings', c: { ...granted.c, analytics: false } };
    expect((await POST(postJson('/api/consent', granted))).status).toBe(201);
    expect((await POST(postJson('/api/consent', withdrawn))).status).toBe(201);

    const response = await historyOf(granted.id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { consentId: string; receipts: { method: string; categories: { analytics: boolean } }[] };
    expect(body.consentId).toBe(granted.id);
    expect(body.receipts.map((r) => [r.method, r.categories.analytics])).toEqual([
      ['accept_all', true],
      ['custom', false],
    ]);
  });
});

describe('POST /api/consent refuses bad input, stores nothing, and says why', () => {
  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a look-alike type', 'application/jsonp'],
  ])('415 for %s', async (_label, contentType) => {
    const request = new Request(`${ORIGIN}/api/consent`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body: JSON.stringify(aConsentRecord()),
    });
    if (!contentType) request.headers.delete('content-type');
    const body = await expectRefused(request, 415);
    expect(body.error).toMatch(/application\/json/);
  });

  it('413 when Content-Length announces more than 2 KB, before reading', async () => {
    const request = postJson('/api/consent', aConsentRecord(), { 'content-length': String(MAX_BODY_BYTES + 1) });
    const body = await expectRefused(request, 413);
    expect(body.error).toMatch(/2048 bytes/);
  });

  it('413 when a body without Content-Length turns out larger than 2 KB', async () => {
    const json = JSON.stringify(aConsentRecord());
    const chunks = [json, ' '.repeat(1000), ' '.repeat(1000)];
    expect(chunks.join('').length).toBeGreaterThan(MAX_BODY_BYTES);
    await expectRefused(postStream('/api/consent', chunks), 413);
  });

  it('413 when the body is one byte over, even if Content-Length understates it', async () => {
    const json = JSON.stringify(aConsentRecord());
    const oversized = json + ' '.repeat(MAX_BODY_BYTES + 1 - json.length);
    await expectRefused(postJson('/api/consent', oversized, { 'content-length': '10' }), 413);
  });

  it.each([
    ['empty', '', /empty/],
    ['not JSON', '{"v":1,', /not valid JSON/],
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /UTF-8/],
  ])('400 for a body that is %s', async (_label, raw, message) => {
    const request = new Request(`${ORIGIN}/api/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    const body = await expectRefused(request, 400);
    expect(body.error).toMatch(message);
    expect(body.field).toBeUndefined();
  });

  it.each([['an array', []], ['null', null], ['a string', 'consent'], ['a number', 1]])(
    '400 for a body that is %s instead of an object',
    async (_label, value) => {
      const body = await expectRefused(postJson('/api/consent', JSON.stringify(value)), 400);
      expect(body.error).toMatch(/expected object/);
      expect(body.field).toBeUndefined();
    },
  );

  const now = Math.floor(Date.now() / 1000);
  const withoutKey = (key: keyof ConsentRecord) => {
    const record: Partial<ConsentRecord> = aConsentRecord();
    delete record[key];
    return record;
  };
  it.each<[string, unknown, string, RegExp]>([
    ['missing id', withoutKey('id'), 'id', /Missing field id/],
    ['an id that is not a UUID', aConsentRecord({ id: 'reader-42' }), 'id', /Invalid id/],
    ['a UUID that is not v4', aConsentRecord({ id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }), 'id', /Invalid id/],
    ['another cookie version', { ...aConsentRecord(), v: 2 }, 'v', /Invalid v/],
    ['another policy revision', aConsentRecord({ rev: 2 }), 'rev', /Invalid rev/],
    ['missing categories', withoutKey('c'), 'c', /Missing field c/],
    ['a category that is not a boolean', { ...aConsentRecord(), c: { preferences: true, analytics: 'yes', marketing: false } }, 'c.analytics', /Invalid c\.analytics.*boolean/],
    ['a missing category', { ...aConsentRecord(), c: { preferences: true, analytics: true } }, 'c.marketing', /Missing field c\.marketing/],
    ['an unknown category', { ...aConsentRecord(), c: { preferences: true, analytics: true, marketing: true, ads: true } }, 'c.ads', /Unknown field c\.ads/],
    ['an unknown method', { ...aConsentRecord(), m: 'maybe' }, 'm', /Invalid m/],
    ['an unknown language', { ...aConsentRecord(), l: 'de' }, 'l', /Invalid l/],
    ['an unknown source', { ...aConsentRecord(), src: 'popup' }, 'src', /Invalid src/],
    ['a GPC flag that is a string', { ...aConsentRecord(), gpc: 'true' }, 'gpc', /Invalid gpc/],
    ['a fractional timestamp', aConsentRecord({ ts: now - 0.5 }), 'ts', /Invalid ts/],
    ['a negative timestamp', aConsentRecord({ ts: -1 }), 'ts', /Invalid ts/],
    ['a first decision after the last', aConsentRecord({ ts: now, upd: now - 10 }), 'ts', /first decision/],
    ['a decision dated two days ahead', aConsentRecord({ ts: now, upd: now + 2 * 86_400 }), 'upd', /future/],
    ['a decision older than 182 days', aConsentRecord({ ts: now - 200 * 86_400, upd: now - 183 * 86_400 }), 'upd', /182 days/],
    ['an extra field about the reader', { ...aConsentRecord(), ip: '203.0.113.7' }, 'ip', /Unknown field ip/],
  ])('400 naming the field for %s', async (_label, payload, field, message) => {
    const body = await expectRefused(postJson('/api/consent', payload), 400);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(message);
  });
});

describe('other methods on /api/consent', () => {
  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('%s: 405 JSON with Allow: POST', async (method) => {
    const handler = consentRoute[method];
    const response = handler(new Request(`${ORIGIN}/api/consent`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await errorBody(response)).error).toMatch(new RegExp(`${method}.*POST`));
  });
});

describe('GET /api/consent/<id>', () => {
  it('400 naming the field for an id that is not a UUID v4', async () => {
    for (const id of ['42', 'not-a-uuid', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', `${randomUUID()}x`]) {
      const response = await historyOf(id);
      expect(response.status).toBe(400);
      expect(await errorBody(response)).toEqual({ error: 'Invalid id: expected a UUID v4', field: 'id' });
    }
  });

  it('404 for an id nobody has used', async () => {
    const response = await historyOf(randomUUID());
    expect(response.status).toBe(404);
    expect((await errorBody(response)).field).toBeUndefined();
  });

  it("answers that id's history only, uncached, whatever the case of the id", async () => {
    const mine = aConsentRecord();
    await POST(postJson('/api/consent', mine));
    await POST(postJson('/api/consent', aConsentRecord()));

    const response = await historyOf(mine.id.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { consentId: string; receipts: { consentId: string }[] };
    expect(body.consentId).toBe(mine.id);
    expect(body.receipts.map((r) => r.consentId)).toEqual([mine.id]);
  });

  it('405 JSON with Allow for other methods', async () => {
    const response = postToHistory(new Request(`${ORIGIN}/api/consent/${randomUUID()}`, { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    await errorBody(response);
  });
});

describe('when the store fails', () => {
  afterEach(async () => {
    jest.restoreAllMocks();
    await closeStore();
  });

  it('answers 503 JSON without internals, for a write and a read', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const workingPath = process.env.SQLITE_PATH;
    await closeStore();
    // A "folder" below a regular file cannot be created: opening the store fails.
    process.env.SQLITE_PATH = '/dev/null/cannot/site.sqlite';
    try {
      for (const response of [await POST(postJson('/api/consent', aConsentRecord())), await historyOf(randomUUID())]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('set-cookie')).toBeNull();
        const text = await response.text();
        expect(JSON.parse(text)).toEqual({ error: 'The store is unavailable; try again later' });
        expect(text).not.toMatch(/dev\/null|ENOTDIR|at .*\.ts/);
      }
      expect(logged).toHaveBeenCalled();
    } finally {
      process.env.SQLITE_PATH = workingPath;
    }
  });
});
