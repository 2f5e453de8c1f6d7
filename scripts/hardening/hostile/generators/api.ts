// The site's own API (consent receipts, page views, the metrics summary) and
// every method on every path.
import fc from 'fast-check';
import { API_POST, METHODS, ODD_METHODS, VALID_VIEW_JSON } from '../corpus';
import type { ConsentRecord, Targets } from '../types';
import { chance, JSON_TYPE, pickOne, request, utf8, uuidV4, type Generator } from './arbitraries';
import { junkBody, nearValidReceipt, nearValidView, oversizedBody } from './bodies';

const readMethod = fc.constantFrom('GET', 'GET', 'HEAD');

function methodBody(method: string, path: string, receipt: ConsentRecord) {
  // A valid body with the wrong method must not be stored either (POST with
  // a valid body would be a genuine write: those get junk).
  const writes = method === 'POST' && API_POST.includes(path);
  const valid = utf8(path.startsWith('/api/metrics') ? VALID_VIEW_JSON : JSON.stringify(receipt));
  return fc.record({
    body: writes ? junkBody('{}') : fc.oneof(fc.constant(valid), junkBody('{}')),
    type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
  });
}

export const methods = (targets: Targets): Generator => {
  const apiPath = pickOne('/api/consent', '/api/metrics', '/api/metrics/summary', fc.constantFrom(...targets.receipts).map((r) => `/api/consent/${r.id.toLowerCase()}`), '/_next/static/chunks/x.js');
  return () =>
    fc
      .record({
        method: fc.oneof({ arbitrary: fc.constantFrom(...METHODS), weight: 85 }, { arbitrary: fc.constantFrom(...ODD_METHODS), weight: 15 }),
        receipt: fc.constantFrom(...targets.receipts),
        // About five reader pages for one API path.
        path: fc.oneof({ arbitrary: fc.constantFrom(...targets.pages), weight: 5 }, { arbitrary: apiPath, weight: 1 }),
        withBody: chance(0.7),
      })
      .chain(({ method, receipt, path, withBody }) => {
        if (['GET', 'HEAD', 'TRACE'].includes(method) || !withBody) return fc.constant(request('methods', method, path));
        return methodBody(method, path, receipt).map(({ body, type }) => request('methods', method, path, { body, headers: { 'Content-Type': type } }));
      });
};

function apiBodies(path: string, receipt: ConsentRecord, nowSeconds: number) {
  const isConsent = path === '/api/consent';
  const validJson = isConsent ? JSON.stringify(receipt) : VALID_VIEW_JSON;
  const post = (body: Buffer, headers: Record<string, string>, chunked?: boolean) => request('api-body', 'POST', path, { body, headers, chunked });
  const wrongTypes = ['text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/jsonx', 'application/json-patch+json', ...(isConsent ? ['text/plain'] : []), 'JSON', ''];
  const nearValid = isConsent ? nearValidReceipt(receipt, nowSeconds) : nearValidView;
  return fc.oneof(
    { weight: 3, arbitrary: nearValid.map((body) => post(utf8(body), JSON_TYPE)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(junkBody(validJson), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'))
        .map(([body, type]) => post(body, { 'Content-Type': type })),
    },
    // A valid body with a type no endpoint accepts: 415, not stored.
    { weight: 2, arbitrary: fc.constantFrom(...wrongTypes).map((type) => post(utf8(validJson), type === '' ? {} : { 'Content-Type': type })) },
    // Invalid UTF-8 inside a JSON string.
    { weight: 1, arbitrary: fc.constant(post(Buffer.concat([utf8('{"path":"/en/'), Buffer.from([0xc0, 0xaf, 0xff, 0xfe]), utf8('","locale":"en","referrerHost":""}')]), JSON_TYPE)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(oversizedBody(fc.constantFrom(2049, 2100, 4096, 16 * 1024, 32 * 1024, 64 * 1024)), chance(0.5))
        .map(([body, chunked]) => post(body, JSON_TYPE, chunked)),
    },
  );
}

export const apiBody =
  (targets: Targets): Generator =>
  () =>
    fc.tuple(fc.constantFrom(...API_POST), fc.constantFrom(...targets.receipts)).chain(([path, receipt]) => apiBodies(path, receipt, targets.nowSeconds));

function consentIds(receipt: ConsentRecord): fc.Arbitrary<string> {
  return pickOne(
    'not-a-uuid',
    uuidV4(),
    uuidV4().map((id) => id.toUpperCase()),
    '00000000-0000-0000-0000-000000000000',
    `${receipt.id}%00`,
    `${receipt.id}/..`,
    '..%2f..%2fmetrics%2fsummary',
    '%2e%2e',
    `'%20OR%201=1--`,
    'a'.repeat(5000),
    '%FF%FE',
    encodeURIComponent('😀'),
    '__proto__',
    'constructor',
    receipt.id.replace(/-/g, ''),
    `{${receipt.id}}`,
  );
}

function summaryRequest(token: string) {
  const auths: (string | string[] | undefined)[] = [
    undefined,
    '',
    'Bearer',
    'Bearer ',
    `Bearer ${token}x`,
    `Bearer ${token.slice(0, -1)}`,
    `bearer ${token}`,
    `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`,
    `Bearer ${token} extra`,
    `Bearer ${token}`,
    `Bearer ${token}`,
    `Bearer \u00e9\u00e9`,
    ['Bearer a', `Bearer ${token}`],
  ];
  const queries = ['', '?from=2026-01-01&to=2026-12-31', '?from=2026-12-31&to=2026-01-01', '?from=x&to=y', '?from=2026-02-30&to=2026-03-01', '?from=0000-00-00&to=9999-99-99', '?from=1970-01-01&to=9999-12-31', '?to=2026-01-01', '?from=2026-01-01&to=2026-01-01&from=x'];
  return fc
    .tuple(readMethod, fc.constantFrom(...auths), fc.constantFrom(...queries))
    .map(([method, auth, q]) => request('api-get', method, `/api/metrics/summary${q}`, { headers: auth === undefined ? {} : { Authorization: auth } }));
}

export const apiGet =
  (targets: Targets): Generator =>
  () =>
    fc.oneof(
      {
        weight: 55,
        arbitrary: fc
          .constantFrom(...targets.receipts)
          .chain((receipt) => fc.tuple(readMethod, consentIds(receipt)))
          .map(([method, id]) => request('api-get', method, `/api/consent/${id}`)),
      },
      { weight: 45, arbitrary: summaryRequest(targets.metricsToken) },
    );

export const unknownApi: Generator = () =>
  fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'DELETE'),
      fc.constantFrom('/api', '/api/', '/api/nope', '/api/consent/x/y', '/api/metrics/summary/x', '/api/metrics/', '/api/consent/', '/api/CONSENT', '/api//consent', '/api/consent.json', '/api/%2e%2e/%2e%2e/etc/passwd'),
    )
    .map(([method, path]) => request('unknown-api', method, path));
