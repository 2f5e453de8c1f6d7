// Request bodies for the write endpoints: one step away from valid, junk,
// oversized.
import fc from 'fast-check';
import type { ConsentRecord } from '../types';
import { utf8 } from './arbitraries';

type Mutable = Record<string, unknown>;
const DAY = 24 * 3600;

/** Each makes a valid receipt invalid in one way; all must be refused (and not stored). */
const RECEIPT_MUTATIONS: ((r: Mutable, base: ConsentRecord, now: number) => void)[] = [
  (r) => (r.rev = 2),
  (r) => (r.v = 2),
  (r, base) => (r.id = base.id.replace(/^(.{14})4/, '$11')), // a UUID v1
  (r) => (r.id = 'not-a-uuid'),
  (r, base) => (r.id = `${base.id}0`),
  (r) => (r.id = ''),
  (r, base) => (r.ts = base.upd + 10),
  (r, _, now) => (r.upd = now + 3 * DAY),
  (r, _, now) => ((r.ts = now - 400 * DAY), (r.upd = now - 200 * DAY)),
  (r) => (r.extra = 'field'),
  (r) => delete r.src,
  (r) => delete r.c,
  (r) => (r.c = { preferences: true, analytics: true, marketing: true, sale: true }),
  (r) => (r.c = { preferences: 'yes', analytics: true, marketing: true }),
  (r) => (r.m = 'accept'),
  (r) => (r.l = 'de'),
  (r) => (r.src = 'popup'),
  (r) => (r.gpc = 'true'),
  (r) => (r.ts = 1.5),
  (r) => (r.ts = -5),
  (r) => (r.upd = 1e300),
  (r) => (r.upd = '1700000000'),
  (r) => (r.id = { $ne: null }),
  (r) => (r.id = "'; DROP TABLE consent_receipts; --"),
  // An own "__proto__" key, as JSON.parse creates it (see below).
  (r) => (r.proto = true),
  (r) => (r.l = null),
];

export function nearValidReceipt(base: ConsentRecord, nowSeconds: number): fc.Arbitrary<string> {
  return fc.constantFrom(...RECEIPT_MUTATIONS).map((mutate) => {
    const r = JSON.parse(JSON.stringify(base)) as Mutable;
    mutate(r, base, nowSeconds);
    const json = JSON.stringify(r);
    // Assigning __proto__ in JS would only change the prototype (and vanish from
    // the JSON, leaving a valid receipt): write the key into the text instead.
    return 'proto' in r ? json.replace('"proto":true', '"__proto__":{"rev":1,"admin":true}') : json;
  });
}

/** Each makes a valid page-view beacon invalid in one way. */
const VIEW_MUTATIONS: ((v: Mutable) => void)[] = [
  (v) => (v.path = '/de/page'),
  (v) => (v.path = '/en?q=secret'),
  (v) => (v.path = '/en#x'),
  (v) => (v.path = 'en'),
  (v) => (v.path = `/en/${'a'.repeat(400)}`),
  (v) => (v.path = '/en/<script>'),
  (v) => (v.path = '/en/\u0000'),
  (v) => (v.locale = 'fr'),
  (v) => (v.locale = 'de'),
  (v) => (v.referrerHost = 'https://news.google.com/'),
  (v) => (v.referrerHost = 'news.google.com:443'),
  (v) => (v.referrerHost = 'user@evil.example'),
  (v) => (v.referrerHost = 'a'.repeat(300)),
  (v) => (v.referrerHost = 42),
  (v) => (v.referrer = 'https://x.example/a'),
  (v) => (v.userAgent = 'Mozilla/5.0'),
  (v) => delete v.path,
  (v) => delete v.referrerHost,
  (v) => (v.path = ['/en']),
];

export const nearValidView: fc.Arbitrary<string> = fc.constantFrom(...VIEW_MUTATIONS).map((mutate) => {
  const v: Mutable = { path: '/en', locale: 'en', referrerHost: '' };
  mutate(v);
  return JSON.stringify(v);
});

/** Not JSON, the wrong JSON, or a valid body wrapped wrongly (`valid`). */
const JUNK_BODIES: ((valid: string) => string)[] = [
  () => '{',
  () => '{"a":',
  () => '{"v":1,}',
  () => "{'v':1}",
  () => 'null',
  () => '[]',
  () => '0',
  () => '"string"',
  () => 'true',
  () => '',
  () => ' ',
  (valid) => `${valid}garbage`,
  (valid) => `${valid}${valid}`,
  // A BOM may be ignored (RFC 8259), so BOM + valid JSON would be a valid write: BOM + junk.
  () => '\uFEFF{"v":1}',
  (valid) => '\uFEFF\uFEFF' + valid,
  () => '['.repeat(1500),
  () => '{"a":'.repeat(300) + '1' + '}'.repeat(300),
  () => JSON.stringify({ a: 'x'.repeat(1900) }),
  () => '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
  () => '{"v":1e999999}',
  () => '{"v":NaN}',
  () => '\u0000\u0001\u0002',
  () => 'v=1&rev=1&id=x',
];

export function junkBody(valid: string): fc.Arbitrary<Buffer> {
  return fc.constantFrom(...JUNK_BODIES).map((make) => utf8(make(valid)));
}

/** JSON of about `size` bytes (at least), padded with one of a few fillers. */
export function oversizedBody(size: number | fc.Arbitrary<number>): fc.Arbitrary<Buffer> {
  const sizes = typeof size === 'number' ? fc.constant(size) : size;
  return fc.tuple(fc.constantFrom('x', '{', '"', 'é', ' '), sizes).map(([filler, bytes]) => {
    const unit = Buffer.byteLength(JSON.stringify(filler)) - 2;
    return utf8(JSON.stringify({ v: 1, pad: filler.repeat(Math.max(0, Math.ceil((bytes - 16) / unit))) }));
  });
}
