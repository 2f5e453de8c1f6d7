#!/usr/bin/env node
// @ts-check
// Hostile-input suite (`npm run test:hostile`, issue 7).
//
// Starts the production server from an existing build with an empty SQLite
// store, sends a bounded, seeded stream of hostile requests to 127.0.0.1
// (traversal and junk paths, broken percent-encodings, huge queries, junk
// cookies and headers, every method, malformed and oversized API bodies, raw
// protocol abuse) with a known number of valid writes interleaved, then
// checks: no 5xx, no stack trace or file-system path in any body, every API
// error is JSON with an `error` field, the site still serves /en, and the
// store holds exactly the valid writes (public API and SQLite file).
//
//   NEXT_DIST_DIR=.next-hardening node scripts/hardening/hostile.mjs [--short]
//
// Environment: HOSTILE_SEED (default 20261128), HOSTILE_REQUESTS (default
// 5000; 1500 with --short or HOSTILE_SHORT=1), HOSTILE_CONCURRENCY (16),
// HOSTILE_TIMEOUT_MS (15000 per request), HOSTILE_PORT (first free port from
// 3410), HOSTILE_SHOW (offenders listed per check, 25), HOSTILE_TRACE (file:
// one line per request with its timing), NEXT_DIST_DIR (.next).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { distDirFromEnv, findFreePort, HOST, runBounded, simpleGet, startServer } from './server-process.mjs';

const NAME = 'hostile';
const argv = process.argv.slice(2);
const SHORT = argv.includes('--short') || process.env.HOSTILE_SHORT === '1';
const SEED = parseSeed(process.env.HOSTILE_SEED);
const TOTAL = positiveInt(process.env.HOSTILE_REQUESTS, SHORT ? 1500 : 5000);
const CONCURRENCY = positiveInt(process.env.HOSTILE_CONCURRENCY, 16);
/** Per request; answers normally take well under a second, but CI machines get busy. */
const REQUEST_TIMEOUT_MS = positiveInt(process.env.HOSTILE_TIMEOUT_MS, 15_000);
/** Offenders listed per failed check. */
const SHOW = positiveInt(process.env.HOSTILE_SHOW, 25);
/** Responses are read up to this size (a page is ~50 KB); larger is a finding. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const VALID_CONSENT_RECEIPTS = 50;
const VALID_PAGE_VIEWS = 50;
/** Consent ids that get a second receipt (a withdrawal) among the 50 receipts. */
const WITHDRAWALS = 10;
const METRICS_TOKEN = `hostile-metrics-token-${SEED}`;
/** Whole run, server start included; past it everything is stopped. */
const DEADLINE_MS = (SHORT ? 4 : 10) * 60_000;

/** @param {string | undefined} value @param {number} fallback */
function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** @param {string | undefined} value */
function parseSeed(value) {
  if (value === undefined || value === '') return 20261128;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`HOSTILE_SEED must be an integer, got ${value}`);
  return n >>> 0;
}

// ---------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same seed sends the same requests.

/** @param {number} seed */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @param {number} n */
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => /** @type {T} */ (list[int(list.length)]),
    /** @param {number} p */
    chance: (p) => next() < p,
    /** @param {number} length @param {string} alphabet */
    string: (length, alphabet) => {
      let s = '';
      for (let i = 0; i < length; i += 1) s += alphabet[int(alphabet.length)];
      return s;
    },
    uuidV4: () => {
      const hex = '0123456789abcdef';
      let s = '';
      for (let i = 0; i < 32; i += 1) s += hex[int(16)];
      const variant = '89ab'[int(4)];
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
    },
  };
}
/** @typedef {ReturnType<typeof createRandom>} Random */

// ---------------------------------------------------------------------------
// What the site serves (paths the generator aims at).

const ARTICLE_SLUGS = (() => {
  try {
    return readdirSync('content/articles', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return ['how-tariffs-work'];
  }
})();

const PAGES = [
  '/',
  '/en',
  '/fr',
  '/en/search',
  '/fr/recherche',
  '/fr/search',
  '/en/cookies',
  '/fr/temoins',
  '/en/account',
  '/fr/compte',
  '/en/cart',
  '/fr/panier',
  '/en/page-not-found',
  '/en/section/trade',
  '/fr/rubrique/commerce',
  '/en/tag/china',
  '/fr/etiquette/chine',
  ...ARTICLE_SLUGS.slice(0, 4).flatMap((slug) => [`/en/articles/${slug}`, `/fr/articles/${slug}`]),
  '/en/no-such-page',
  '/robots.bak',
  '/icon.svg',
];
const SEARCH_PATHS = ['/en/search', '/fr/recherche'];
const API_POST = ['/api/consent', '/api/metrics'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
/** Methods Node's parser knows that browsers never send (WebDAV, cache purges...). */
const ODD_METHODS = ['PROPFIND', 'PURGE', 'SEARCH', 'LOCK', 'MKCOL', 'QUERY', 'LINK', 'REPORT', 'M-SEARCH'];

// ---------------------------------------------------------------------------
// Valid writes: the only things the store may hold after the run.

/**
 * @typedef {{ v: 1, rev: 1, id: string, ts: number, upd: number,
 *   c: { preferences: boolean, analytics: boolean, marketing: boolean },
 *   m: 'accept_all' | 'reject_all' | 'custom', gpc: boolean, l: 'en' | 'fr', src: 'banner' | 'settings' }} ConsentRecord
 * @typedef {{ path: string, locale: 'en' | 'fr', referrerHost: string }} PageView
 */

/**
 * The consent cookie value the client would write for `record` (base64url of
 * the compact JSON, keys in the documented order): the receipt endpoint must
 * re-set exactly this value.
 * @param {ConsentRecord} record
 */
function encodeConsent(record) {
  const compact = {
    v: record.v,
    rev: record.rev,
    id: record.id,
    ts: record.ts,
    upd: record.upd,
    c: { preferences: record.c.preferences, analytics: record.c.analytics, marketing: record.c.marketing },
    m: record.m,
    gpc: record.gpc,
    l: record.l,
    src: record.src,
  };
  return Buffer.from(JSON.stringify(compact)).toString('base64url');
}

/**
 * @param {Random} rnd
 * @param {number} nowSeconds
 */
function makeValidWrites(rnd, nowSeconds) {
  /** @type {ConsentRecord[]} */
  const receipts = [];
  const firstCount = VALID_CONSENT_RECEIPTS - WITHDRAWALS;
  for (let i = 0; i < firstCount; i += 1) {
    const id = rnd.uuidV4();
    const ts = nowSeconds - 60 - rnd.int(30 * 24 * 3600);
    const m = rnd.pick(/** @type {const} */ (['accept_all', 'reject_all', 'custom']));
    const c =
      m === 'accept_all'
        ? { preferences: true, analytics: true, marketing: true }
        : m === 'reject_all'
          ? { preferences: false, analytics: false, marketing: false }
          : { preferences: rnd.chance(0.5), analytics: rnd.chance(0.5), marketing: rnd.chance(0.5) };
    receipts.push({
      v: 1,
      rev: 1,
      // Every 7th id in capitals: the server keeps one (lower-case) spelling per id.
      id: i % 7 === 3 ? id.toUpperCase() : id,
      ts,
      upd: ts,
      c,
      m,
      gpc: rnd.chance(0.2),
      l: rnd.pick(/** @type {const} */ (['en', 'fr'])),
      src: 'banner',
    });
  }
  for (let i = 0; i < WITHDRAWALS; i += 1) {
    const first = /** @type {ConsentRecord} */ (receipts[i]);
    receipts.push({
      ...first,
      upd: first.upd + 30,
      c: { preferences: false, analytics: false, marketing: false },
      m: 'reject_all',
      src: 'settings',
    });
  }
  /** @type {{ view: PageView, contentType: string }[]} */
  const views = [];
  const viewPaths = ['/en', '/fr', '/en/search', '/fr/recherche', ...ARTICLE_SLUGS.slice(0, 3).flatMap((s) => [`/en/articles/${s}`, `/fr/articles/${s}`])];
  for (let i = 0; i < VALID_PAGE_VIEWS; i += 1) {
    const path = rnd.pick(viewPaths);
    views.push({
      view: {
        path,
        locale: /** @type {'en' | 'fr'} */ (path.slice(1, 3)),
        // Mixed case on purpose: the store keeps host names in lower case.
        referrerHost: rnd.pick(['', '', 'news.google.com', 'Example.COM', 'duckduckgo.com']),
      },
      // sendBeacon with a string sends text/plain.
      contentType: i % 2 === 0 ? 'application/json' : 'text/plain;charset=UTF-8',
    });
  }
  return { receipts, views };
}

// ---------------------------------------------------------------------------
// The hostile generator.

/**
 * @typedef {object} HostileRequest
 * @property {string} category
 * @property {string} method
 * @property {string} path as sent on the request line
 * @property {Record<string, string | string[]>} headers
 * @property {Buffer} [body]
 * @property {boolean} [chunked] send the body without Content-Length
 * @property {Buffer} [raw] bytes written on a bare TCP socket instead
 * @property {boolean} [mayClose] closing the connection without an answer is acceptable
 * @property {{ kind: 'consent', record: ConsentRecord } | { kind: 'metrics', view: PageView }} [valid]
 */

const JUNK_ENCODINGS = ['%C0%AF', '%FF', '%00', '%', '%zz', '%E0%80', '%ED%A0%80', '%F4%90%80%80', '%C3', '%%32%65', '%u002e', '%2', '%C0%AE%C0%AE', '%EF%BB%BF', '%F0%9F%98', '%0d%0aSet-Cookie:%20x=y', '%252e%252e%252f'];
const UNICODE_BITS = ['é', 'Ça', '日本語', '😀', '\u202etxt.exe', '\u200b', 'e\u0301', 'ﬁ', 'İ', '\uFEFF', 'Ω', 'ß', '\u00ad', '𝔘𝔫𝔦'];
const SEGMENTS = ['en', 'fr', 'de', 'EN', 'Fr', '', '..', '.', '%2e%2e', '%2E%2e', 'articles', 'section', 'rubrique', 'tag', 'etiquette', 'search', 'recherche', 'api', 'consent', 'metrics', 'summary', '_next', 'static', 'chunks', 'page-not-found', 'cookies', 'temoins', 'index', 'favicon.ico', 'robots.txt', 'sitemap.xml', 'feed.xml', 'wp-admin', '.git', '.env', 'server', '_rsc'];
const SUFFIXES = ['', '', '', '/', '.json', '.txt', '.rsc', '.html', '.php', '.map', '.env', '.bak', '~', ';jsessionid=x', '#frag', '?', '??', '?&&', '.segments/_tree.segment.rsc'];

const TRAVERSALS = [
  '/en/articles/..%2f..%2fetc%2fpasswd',
  '/en/articles/..%2F..%2F..%2Fetc%2Fpasswd',
  '/fr/..',
  '/fr/../../etc/passwd',
  '/en/%2e%2e/%2e%2e/etc/passwd',
  '/en/..%5c..%5cwindows%5cwin.ini',
  '/_next/static/../../../etc/passwd',
  '/_next/static/..%2f..%2f..%2fpackage.json',
  '/_next/static/chunks/..%2f..%2f..%2f..%2fserver%2fapp%2fen.html',
  '/_next/static/%2e%2e/%2e%2e/BUILD_ID',
  '/_next/server/app/en.html',
  '/_next/BUILD_ID',
  '/.next/BUILD_ID',
  '/.next-hardening/BUILD_ID',
  '/.env',
  '/.git/config',
  '/package.json',
  '/server/production-server.mjs',
  '/node_modules/next/package.json',
  '/en/....//....//etc/passwd',
  '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/en/articles/%252e%252e%252fetc%252fpasswd',
  '/icon.svg/..%2f..%2fpackage.json',
  '/en/articles/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/api/consent/..%2f..%2fmetrics%2fsummary',
  '/api/../en',
  '/api/consent/../../en',
  '/api/metrics/..%2fsummary',
  '//etc/passwd',
  '///en',
  '/en//articles//x',
  '/\\evil.example',
  '//evil.example/%2f..',
  '/%5cevil.example',
  '/en/articles/x/../../../../../../../proc/self/environ',
  '/public/../package.json',
  '/_next/image?url=/etc/passwd&w=64&q=75',
  '/_next/image?url=%2F..%2F..%2Fpackage.json&w=64&q=75',
  '/_next/image?url=http://169.254.169.254/latest/meta-data/&w=64&q=75',
  '/_next/image?url=//evil.example/x.png&w=64&q=75',
  '/_next/image?url=/icon.svg&w=99999&q=1000',
  '/_next/data/../../package.json',
  '/_next/data/x/en.json',
  '/en/articles/..;/..;/etc/passwd',
  '/en/%00/../../etc/passwd',
  '/en/articles/%2e%2e%2f%2e%2e%2f%2e%2e%2fnext.config.ts',
  '/fr/rubrique/..%2f..%2f..%2fpackage.json',
  '/fr/etiquette/%2e%2e',
  '/en/section/..',
];

const COOKIE_JUNK = (/** @type {Random} */ rnd) => [
  `consent=${rnd.string(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`,
  `consent=${Buffer.from('{"v":1,"rev":1,"id":"x"').toString('base64url')}`,
  `consent=${Buffer.from('{"v":1,"rev":1,"id":"00000000-0000-4000-8000-000000000000","ts":1,"upd":1,"c":{},"m":"x","gpc":1,"l":"de","src":"?"}').toString('base64url')}`,
  `consent=${Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}').toString('base64url')}`,
  `consent=${Buffer.from('['.repeat(700)).toString('base64url')}`,
  `consent=${'A'.repeat(1025)}`,
  `consent=${'A'.repeat(4096)}`,
  `consent=${'x'.repeat(12_000)}`,
  'consent=',
  'consent',
  'consent=a; consent=b; consent=c',
  'consent=%FF%FE%00',
  'consent="quoted"',
  'consent=Ã©Ã©Ã©',
  'NEXT_LOCALE=de',
  'NEXT_LOCALE=',
  'NEXT_LOCALE=../../etc',
  'NEXT_LOCALE=en%00',
  'NEXT_LOCALE=<script>alert(1)</script>',
  'NEXT_LOCALE=fr; NEXT_LOCALE=en',
  `NEXT_LOCALE=${'f'.repeat(5000)}`,
  'NEXT_LOCALE=__proto__',
  'NEXT_LOCALE=constructor',
  'NEXT_LOCALE=FR',
  'NEXT_LOCALE=fr-CA',
  Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; '),
  ';;;;;====;;;',
  '=',
  `theme=${rnd.string(20, '<>"\'&;=')}`,
];

const ACCEPT_LANGUAGES = [
  '*',
  '',
  'fr',
  'FR-ca',
  'fr-CA;q=abc',
  'de-DE,xx;q=1.5',
  'en;q=0, fr;q=0',
  '*;q=0',
  'zh-Hant-TW-u-ca-chinese-x-private',
  'i-klingon',
  ',,,,;;;;==',
  'fr-CA;q=0.9,'.repeat(500),
  'a'.repeat(8000),
  'fr-Ça',
  'en-US;q=1e309',
  'fr;q=-1,en;q=NaN',
  'x-'.repeat(200),
  '__proto__',
  'en\\u0000',
  'fr; DROP TABLE consent_receipts;--',
];

/**
 * @param {Random} rnd
 * @returns {string}
 */
function randomPath(rnd) {
  const depth = 1 + rnd.int(5);
  const parts = [];
  for (let i = 0; i < depth; i += 1) {
    const kind = rnd.int(10);
    if (kind < 5) parts.push(rnd.pick(SEGMENTS));
    else if (kind < 6) parts.push(rnd.pick(UNICODE_BITS));
    else if (kind < 7) parts.push(rnd.pick(JUNK_ENCODINGS));
    else if (kind < 8) parts.push(encodeURIComponent(rnd.pick(UNICODE_BITS)));
    else parts.push(rnd.string(1 + rnd.int(24), 'abcdefghijklmnopqrstuvwxyz0123456789-_.~!$&\'()*+,;=:@%'));
  }
  const separator = rnd.pick(['/', '/', '/', '//', '/./', '\\', '/%2f', ';/']);
  return `/${parts.join(separator)}${rnd.pick(SUFFIXES)}`;
}

/**
 * A JSON body one step away from a valid receipt: every one of these must
 * be refused (and not stored).
 * @param {Random} rnd
 * @param {ConsentRecord} base
 */
function nearValidReceipt(rnd, base) {
  /** @type {Record<string, unknown>} */
  const r = JSON.parse(JSON.stringify(base));
  const nowSeconds = Math.floor(Date.now() / 1000);
  const mutations = [
    () => (r.rev = 2),
    () => (r.v = 2),
    () => (r.id = base.id.replace(/^(.{14})4/, '$11')), // a UUID v1
    () => (r.id = 'not-a-uuid'),
    () => (r.id = `${base.id}0`),
    () => (r.id = ''),
    () => (r.ts = base.upd + 10),
    () => (r.upd = nowSeconds + 3 * 24 * 3600),
    () => ((r.ts = nowSeconds - 400 * 24 * 3600), (r.upd = nowSeconds - 200 * 24 * 3600)),
    () => (r.extra = 'field'),
    () => delete r.src,
    () => delete r.c,
    () => (r.c = { preferences: true, analytics: true, marketing: true, sale: true }),
    () => (r.c = { preferences: 'yes', analytics: true, marketing: true }),
    () => (r.m = 'accept'),
    () => (r.l = 'de'),
    () => (r.src = 'popup'),
    () => (r.gpc = 'true'),
    () => (r.ts = 1.5),
    () => (r.ts = -5),
    () => (r.upd = 1e300),
    () => (r.upd = '1700000000'),
    () => (r.id = { $ne: null }),
    () => (r.id = "'; DROP TABLE consent_receipts; --"),
    // An own "__proto__" key, as JSON.parse creates it (see below).
    () => (r.proto = true),
    () => (r.l = null),
  ];
  rnd.pick(mutations)();
  const json = JSON.stringify(r);
  // Assigning __proto__ in JS would only change the prototype (and vanish from
  // the JSON, leaving a valid receipt): write the key into the text instead.
  return 'proto' in r ? json.replace('"proto":true', '"__proto__":{"rev":1,"admin":true}') : json;
}

/**
 * A beacon one step away from a valid one: all must be refused.
 * @param {Random} rnd
 */
function nearValidView(rnd) {
  /** @type {Record<string, unknown>} */
  const v = { path: '/en', locale: 'en', referrerHost: '' };
  const mutations = [
    () => (v.path = '/de/page'),
    () => (v.path = '/en?q=secret'),
    () => (v.path = '/en#x'),
    () => (v.path = 'en'),
    () => (v.path = `/en/${'a'.repeat(400)}`),
    () => (v.path = '/en/<script>'),
    () => (v.path = '/en/\u0000'),
    () => (v.locale = 'fr'),
    () => (v.locale = 'de'),
    () => (v.referrerHost = 'https://news.google.com/'),
    () => (v.referrerHost = 'news.google.com:443'),
    () => (v.referrerHost = 'user@evil.example'),
    () => (v.referrerHost = 'a'.repeat(300)),
    () => (v.referrerHost = 42),
    () => (v.referrer = 'https://x.example/a'),
    () => (v.userAgent = 'Mozilla/5.0'),
    () => delete v.path,
    () => delete v.referrerHost,
    () => (v.path = ['/en']),
  ];
  rnd.pick(mutations)();
  return JSON.stringify(v);
}

/**
 * @param {Random} rnd
 * @param {string} jsonValid a valid body, for "right body, wrong wrapping" cases
 */
function junkBody(rnd, jsonValid) {
  const kinds = [
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
    () => `${jsonValid}garbage`,
    () => `${jsonValid}${jsonValid}`,
    // A BOM may be ignored (RFC 8259), so BOM + valid JSON would be a valid write: BOM + junk.
    () => '\uFEFF{"v":1}',
    () => '\uFEFF\uFEFF' + jsonValid,
    () => '['.repeat(1500),
    () => '{"a":'.repeat(300) + '1' + '}'.repeat(300),
    () => JSON.stringify({ a: 'x'.repeat(1900) }),
    () => '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
    () => '{"v":1e999999}',
    () => '{"v":NaN}',
    () => '\u0000\u0001\u0002',
    () => 'v=1&rev=1&id=x',
  ];
  return Buffer.from(rnd.pick(kinds)(), 'utf8');
}

/** @param {Random} rnd @param {number} size bytes, at most */
function oversizedBody(rnd, size) {
  const filler = rnd.pick(['x', '{', '"', 'é', ' ']);
  const unit = Buffer.byteLength(JSON.stringify(filler)) - 2;
  const body = JSON.stringify({ v: 1, pad: filler.repeat(Math.max(0, Math.ceil((size - 16) / unit))) });
  return Buffer.from(body, 'utf8');
}

/**
 * Bytes a browser never sends, on a bare socket: request-line, header and
 * framing abuse that Node's parser or the app must refuse cleanly.
 * @param {Random} rnd
 */
function rawRequest(rnd) {
  const host = 'Host: 127.0.0.1\r\n';
  const close = 'Connection: close\r\n';
  const valid = '{"path":"/en","locale":"en","referrerHost":""}';
  const kinds = [
    () => `GET /en /x HTTP/1.1\r\n${host}${close}\r\n`,
    () => `GET /en\u0000x HTTP/1.1\r\n${host}${close}\r\n`,
    () => `GET /en\r\n\r\n`,
    () => `GET /en HTTP/1.0\r\n\r\n`,
    () => `GET /en HTTP/9.9\r\n${host}${close}\r\n`,
    () => `FOO /en HTTP/1.1\r\n${host}${close}\r\n`,
    () => `GET /en HTTP/1.1\r\n${host}NoColonHeader\r\n${close}\r\n`,
    () => `GET /en HTTP/1.1\r\n${host}X-Folded: a\r\n  b\r\n${close}\r\n`,
    () => `GET /en HTTP/1.1\n${host.replace('\r', '')}${close.replace('\r', '')}\n`,
    () => `GET http://evil.example/en HTTP/1.1\r\n${host}${close}\r\n`,
    () => `OPTIONS * HTTP/1.1\r\n${host}${close}\r\n`,
    () => `GET /en HTTP/1.1\r\nHost: evil example\r\n${close}\r\n`,
    () => `GET /en HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n${close}\r\n`,
    () => `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}${close}\r\n`,
    () => `GET /en HTTP/1.1\r\n${host}${Array.from({ length: 2500 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}${close}\r\n`,
    () =>
      `POST /api/metrics HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${valid.length}\r\nTransfer-Encoding: chunked\r\n${close}\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n${host}\r\n`,
    () => `POST /api/metrics HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 50\r\n${close}\r\n${valid}`,
    () => `POST /api/consent HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n${close}\r\nzz\r\nxx\r\n0\r\n\r\n`,
    () => `POST /api/consent HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n${close}\r\nffffffff\r\n{"v":1}`,
    () => `POST /api/consent HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: -1\r\n${close}\r\n`,
    () => `POST /api/consent HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 1e3\r\n${close}\r\n{}`,
    () => `POST /api/metrics HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 100\r\n${close}\r\n{"path":`,
    () => `POST /api/metrics HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n${close}\r\n5\r\nhello\r\n0\r\n\r\n`,
    () => `POST /api/metrics HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n${close}\r\n\u001f\u008b\u0008\u0000`,
    () => `POST /api/consent HTTP/1.1\r\n${host}Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n${close}\r\n{}`,
    () => `GET /en HTTP/1.1\r\n${host}\r\nGARBAGE\r\n\r\n`,
    () => `GET /api/metrics/summary?from=2000-01-01&to=2999-12-31 HTTP/1.1\r\n${host}Authorization: Bearer ${METRICS_TOKEN} \u0000x\r\n${close}\r\n`,
    () => `\r\n\r\n\r\n`,
    () => `${rnd.string(200, '\u0000\u0001\u00ff\r\n abc')}\r\n\r\n`,
  ];
  return Buffer.from(cycle('raw', kinds)(), 'latin1');
}

/** Fixed lists are walked in order (each entry sent, whatever the seed); the rest is random. */
const cycleCounters = new Map();
/**
 * @template T
 * @param {string} name
 * @param {readonly T[]} list
 * @returns {T}
 */
function cycle(name, list) {
  const n = cycleCounters.get(name) ?? 0;
  cycleCounters.set(name, n + 1);
  return /** @type {T} */ (list[n % list.length]);
}

/**
 * @param {Random} rnd
 * @param {{ receipts: ConsentRecord[] }} valid
 * @returns {HostileRequest}
 */
function hostileRequest(rnd, valid) {
  const sampleReceipt = /** @type {ConsentRecord} */ (rnd.pick(valid.receipts));
  const categories = [
    ['traversal', 8],
    ['random-path', 10],
    ['overlong', 3],
    ['bad-encoding', 8],
    ['query', 8],
    ['cookies', 8],
    ['accept-language', 5],
    ['methods', 12],
    ['router-headers', 5],
    ['odd-headers', 4],
    ['api-body', 16],
    ['api-get', 8],
    ['unknown-api', 2],
    ['raw-protocol', 3],
    ['cms', 12],
  ];
  const total = categories.reduce((sum, [, w]) => sum + Number(w), 0);
  let roll = rnd.int(total);
  let category = 'random-path';
  for (const [name, weight] of categories) {
    roll -= Number(weight);
    if (roll < 0) {
      category = String(name);
      break;
    }
  }
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  if (rnd.chance(0.3)) headers['Accept-Encoding'] = rnd.pick(['br', 'gzip', 'gzip, deflate, br', 'identity', '*', 'br;q=0, gzip;q=0']);
  /** @param {string} method @param {string} path @param {Partial<HostileRequest>} [extra] @returns {HostileRequest} */
  const req = (method, path, extra = {}) => ({ category, method, path, headers: { ...headers, ...(extra.headers ?? {}) }, ...extra });

  switch (category) {
    case 'traversal':
      return req(rnd.pick(['GET', 'GET', 'HEAD']), cycle('traversal', TRAVERSALS));
    case 'random-path':
      return req(rnd.pick(['GET', 'GET', 'GET', 'HEAD']), randomPath(rnd));
    case 'overlong': {
      const long = rnd.pick(['a', 'é', '%41', '../', '%C0%AF', '😀']).repeat(rnd.pick([2500, 5000, 10_000]));
      const shape = rnd.pick([`/en/articles/${long}`, `/${long}`, `/fr/rubrique/${long}`, `/api/consent/${long}`, `/en/${long}/x`]);
      // Past Node's 16 KB header limit the answer is a protocol-level 431.
      return req('GET', shape);
    }
    case 'bad-encoding': {
      const junk = Array.from({ length: 1 + rnd.int(3) }, () => rnd.pick(JUNK_ENCODINGS)).join('');
      return req(
        rnd.pick(['GET', 'GET', 'HEAD']),
        rnd.pick([`/en/${junk}`, `/${junk}`, `/fr/recherche?q=${junk}`, `/en/articles/${junk}`, `/fr/rubrique/${junk}`, `/api/consent/${junk}`, `/en/search?q=${junk}&page=${junk}`, `/${junk}/en`, `/_next/static/${junk}`]),
      );
    }
    case 'query': {
      const base = rnd.pick([...SEARCH_PATHS, '/en', '/fr', `/en/articles/${rnd.pick(ARTICLE_SLUGS)}`, '/api/metrics/summary', '/api/consent', '/']);
      const queries = [
        () => `q=${'a'.repeat(16 * 1024)}`,
        () => `q=${'%C3%A9'.repeat(1300)}`,
        () => `q=${'b'.repeat(8 * 1024)}`,
        () => Array.from({ length: 500 }, () => 'q=').join('&'),
        () => Array.from({ length: 500 }, (_, i) => `q=${i}`).join('&'),
        () => Array.from({ length: 800 }, (_, i) => `k${i}=v`).join('&'),
        () => '__proto__[polluted]=1&constructor[prototype][x]=1',
        () => 'q[]=1&q[a]=2&q[__proto__]=3',
        () => '_rsc=junk',
        () => `q=%00&q=%FF&q=${rnd.pick(JUNK_ENCODINGS)}`,
        () => 'page=-1',
        () => 'page=99999999999999999999999',
        () => 'page=NaN&q=canola',
        () => 'q=tariffs&sort=../../etc',
        () => `q=${encodeURIComponent('<script>alert(1)</script>')}`,
        () => `q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
        () => `q=${encodeURIComponent("' OR 1=1 --")}`,
        () => `q=${encodeURIComponent('*'.repeat(300))}`,
        () => `q=${encodeURIComponent('a* b~ c^2 "d" (e) [f] {g}')}`,
        () => `q=${encodeURIComponent(rnd.pick(UNICODE_BITS).repeat(200))}`,
        () => `from=0001-01-01&to=9999-12-31`,
        () => `from=2026-13-45&to=aaaa`,
        () => `from[]=1&to[$gt]=2`,
        () => '&&&&==&=&',
      ];
      /** @type {Record<string, string>} */
      const headersExtra = base === '/api/metrics/summary' && rnd.chance(0.5) ? { Authorization: `Bearer ${METRICS_TOKEN}` } : {};
      return req('GET', `${base}?${cycle('query', queries)()}`, { headers: headersExtra });
    }
    case 'cookies': {
      const cookie = rnd.chance(0.3)
        ? [rnd.pick(COOKIE_JUNK(rnd)), rnd.pick(COOKIE_JUNK(rnd))].join('; ')
        : rnd.pick(COOKIE_JUNK(rnd));
      const path = rnd.pick(['/', '/', '/en', '/fr', '/fr/recherche', '/en/cookies', '/xyz', `/en/articles/${rnd.pick(ARTICLE_SLUGS)}`, '/api/consent/' + sampleReceipt.id]);
      return req('GET', path, { headers: { Cookie: cookie } });
    }
    case 'accept-language': {
      const path = rnd.pick(['/', '/', '/robots.bak', '/search', '/articles/x', '/en', '/fr/recherche']);
      return req('GET', path, { headers: { 'Accept-Language': rnd.pick(ACCEPT_LANGUAGES) } });
    }
    case 'methods': {
      const method = rnd.chance(0.85) ? rnd.pick(METHODS) : rnd.pick(ODD_METHODS);
      const path = rnd.pick([...PAGES, '/api/consent', '/api/metrics', '/api/metrics/summary', `/api/consent/${sampleReceipt.id.toLowerCase()}`, '/_next/static/chunks/x.js']);
      const withBody = method !== 'GET' && method !== 'HEAD' && method !== 'TRACE' && rnd.chance(0.7);
      if (!withBody) return req(method, path);
      // A valid body with the wrong method must not be stored either (POST
      // with a valid body would be a genuine write: those get junk).
      const writes = method === 'POST' && (path === '/api/consent' || path === '/api/metrics');
      const body = !writes && rnd.chance(0.5)
        ? Buffer.from(path.startsWith('/api/metrics') ? '{"path":"/en","locale":"en","referrerHost":""}' : JSON.stringify(sampleReceipt))
        : junkBody(rnd, '{}');
      return req(method, path, { body, headers: { 'Content-Type': rnd.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) } });
    }
    case 'router-headers': {
      const path = rnd.pick(PAGES);
      /** @type {Record<string, string>[]} */
      const variants = [
        { RSC: '1' },
        { RSC: '1', 'Next-Router-State-Tree': '%7B' },
        { RSC: '1', 'Next-Router-State-Tree': encodeURIComponent('['.repeat(200)) },
        { RSC: '1', 'Next-Router-State-Tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true])) },
        { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/_tree' },
        { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '../../../etc/passwd' },
        { 'Next-Action': rnd.string(40, '0123456789abcdef'), 'Content-Type': 'text/plain;charset=UTF-8' },
        { 'Next-Action': 'x', 'Content-Type': 'multipart/form-data; boundary=----x' },
        { 'Next-Url': '/../../etc/passwd', RSC: '1' },
        { 'X-Middleware-Subrequest': 'proxy:proxy:proxy:proxy:proxy' },
        { 'X-Middleware-Subrequest': 'middleware:middleware:middleware:middleware:middleware' },
        { 'X-Middleware-Prefetch': '1' },
        { 'X-Nextjs-Data': '1' },
        { 'X-Invoke-Path': '/api/metrics/summary', 'X-Invoke-Query': '%7B%7D' },
        { 'X-Matched-Path': '/api/metrics/summary' },
        { 'X-Now-Route-Matches': '1=%2e%2e' },
        { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'gopher' },
        { 'Purpose': 'prefetch', 'Sec-Purpose': 'prefetch;prerender' },
        { 'If-None-Match': '*' },
        { 'If-None-Match': `"${'x'.repeat(5000)}"` },
        { 'If-Modified-Since': 'not a date' },
        { Range: 'bytes=0-0,-1,5-2,999999999-' },
      ];
      /** @type {Record<string, string>} */
      const variant = cycle('router-headers', variants);
      const method = variant['Next-Action'] ? 'POST' : 'GET';
      return req(method, path, { headers: variant, body: method === 'POST' ? Buffer.from('["$K1"]') : undefined });
    }
    case 'odd-headers': {
      const path = rnd.pick(PAGES);
      /** @type {Record<string, string>[]} */
      const variants = [
        { Host: 'evil.example' },
        { Host: '127.0.0.1:1' },
        { Host: 'a'.repeat(300) },
        { Host: '[::1]' },
        { 'X-Forwarded-For': '1.1.1.1, '.repeat(300) },
        { 'X-Forwarded-Proto': 'https' },
        { 'Content-Type': 'application/json', 'Content-Length': '0' },
        { Accept: 'application/json' },
        { Accept: 'text/x-component' },
        { Accept: '*/*;q=' + 'x'.repeat(4000) },
        { 'User-Agent': '() { :; }; echo vulnerable' },
        { 'User-Agent': 'x'.repeat(8000) },
        { Referer: 'javascript:alert(1)' },
        { Origin: 'null' },
        { 'Accept-Encoding': 'br;q=abc, gzip;q=1e400, ' + 'zstd,'.repeat(300) },
        { Authorization: 'Bearer ' + 'x'.repeat(6000) },
        { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'cross-site' },
        { 'X-HTTP-Method-Override': 'DELETE' },
        { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' },
        { 'Transfer-Encoding': 'chunked' },
      ];
      const variant = cycle('odd-headers', variants);
      // Next ends a connection that asks for a protocol upgrade on a page
      // (router-server.js upgradeHandler): no answer is its documented behaviour.
      return req(rnd.pick(['GET', 'GET', 'HEAD']), path, { headers: variant, mayClose: 'Upgrade' in variant });
    }
    case 'api-body': {
      const path = rnd.pick(API_POST);
      const isConsent = path === '/api/consent';
      const validJson = isConsent ? JSON.stringify(sampleReceipt) : '{"path":"/en","locale":"en","referrerHost":""}';
      const kind = rnd.int(10);
      if (kind < 3) {
        const body = Buffer.from(isConsent ? nearValidReceipt(rnd, sampleReceipt) : nearValidView(rnd));
        return req('POST', path, { body, headers: { 'Content-Type': 'application/json' } });
      }
      if (kind < 5) return req('POST', path, { body: junkBody(rnd, validJson), headers: { 'Content-Type': rnd.pick(['application/json', 'application/json; charset=utf-8', 'text/plain']) } });
      if (kind < 7) {
        // A valid body with a type no endpoint accepts: 415, not stored.
        const type = rnd.pick(['text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/jsonx', 'application/json-patch+json', ...(isConsent ? ['text/plain'] : []), 'JSON', '']);
        /** @type {Record<string, string>} */
        const h = type === '' ? {} : { 'Content-Type': type };
        return req('POST', path, { body: Buffer.from(validJson), headers: h });
      }
      if (kind < 8) {
        // Invalid UTF-8 inside a JSON string.
        const body = Buffer.concat([Buffer.from('{"path":"/en/'), Buffer.from([0xc0, 0xaf, 0xff, 0xfe]), Buffer.from('","locale":"en","referrerHost":""}')]);
        return req('POST', path, { body, headers: { 'Content-Type': 'application/json' } });
      }
      const size = rnd.pick([2049, 2100, 4096, 16 * 1024, 32 * 1024, 64 * 1024]);
      return req('POST', path, { body: oversizedBody(rnd, size), chunked: rnd.chance(0.5), headers: { 'Content-Type': 'application/json' } });
    }
    case 'api-get': {
      const ids = [
        'not-a-uuid',
        rnd.uuidV4(),
        rnd.uuidV4().toUpperCase(),
        '00000000-0000-0000-0000-000000000000',
        `${sampleReceipt.id}%00`,
        `${sampleReceipt.id}/..`,
        '..%2f..%2fmetrics%2fsummary',
        '%2e%2e',
        `'%20OR%201=1--`,
        'a'.repeat(5000),
        '%FF%FE',
        encodeURIComponent('😀'),
        '__proto__',
        'constructor',
        sampleReceipt.id.replace(/-/g, ''),
        `{${sampleReceipt.id}}`,
      ];
      if (rnd.chance(0.55)) return req(rnd.pick(['GET', 'GET', 'HEAD']), `/api/consent/${rnd.pick(ids)}`);
      const auth = rnd.pick([
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${METRICS_TOKEN}x`,
        `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
        `bearer ${METRICS_TOKEN}`,
        `Basic ${Buffer.from(`admin:${METRICS_TOKEN}`).toString('base64')}`,
        `Bearer ${METRICS_TOKEN} extra`,
        `Bearer ${METRICS_TOKEN}`,
        `Bearer ${METRICS_TOKEN}`,
        `Bearer \u00e9\u00e9`,
        ['Bearer a', `Bearer ${METRICS_TOKEN}`],
      ]);
      const query = rnd.pick(['', '?from=2026-01-01&to=2026-12-31', '?from=2026-12-31&to=2026-01-01', '?from=x&to=y', '?from=2026-02-30&to=2026-03-01', '?from=0000-00-00&to=9999-99-99', '?from=1970-01-01&to=9999-12-31', '?to=2026-01-01', '?from=2026-01-01&to=2026-01-01&from=x']);
      return req(rnd.pick(['GET', 'GET', 'HEAD']), `/api/metrics/summary${query}`, { headers: auth === undefined ? {} : { Authorization: auth } });
    }
    case 'cms':
      return cmsRequest(rnd, req);
    case 'unknown-api':
      return req(
        rnd.pick(['GET', 'POST', 'DELETE']),
        rnd.pick(['/api', '/api/', '/api/nope', '/api/consent/x/y', '/api/metrics/summary/x', '/api/metrics/', '/api/consent/', '/api/CONSENT', '/api//consent', '/api/consent.json', '/api/%2e%2e/%2e%2e/etc/passwd']),
      );
    default:
      return req('RAW', '(raw)', { raw: rawRequest(rnd) });
  }
}

// ---------------------------------------------------------------------------
// The CMS (Payload's admin and REST API): what a stranger can send it.

/** The editor the suite creates before the storm; login floods aim at this account. */
const CMS_EDITOR = { email: 'hostile-editor@example.org', password: `hostile-${SEED}-correct-password` };
const CMS_COLLECTIONS = ['articles', 'sections', 'tags', 'media', 'users', 'payload-jobs', 'payload-migrations', 'payload-preferences', 'nope', '..', '%2e%2e', 'ARTICLES', ''];

/**
 * @param {Random} rnd
 * @param {(method: string, path: string, extra?: Partial<HostileRequest>) => HostileRequest} req
 * @returns {HostileRequest}
 */
function cmsRequest(rnd, req) {
  const json = { 'Content-Type': 'application/json' };
  const collection = rnd.pick(CMS_COLLECTIONS);
  const shapes = [
    // Login floods: wrong passwords for the real editor, and for accounts that do not exist.
    () => req('POST', '/cms/api/users/login', { headers: json, body: Buffer.from(JSON.stringify({ email: CMS_EDITOR.email, password: `wrong-${rnd.int(1e6)}` })) }),
    () => req('POST', '/cms/api/users/login', { headers: json, body: Buffer.from(JSON.stringify({ email: `nobody${rnd.int(100)}@example.org`, password: 'x'.repeat(rnd.pick([1, 12, 5000])) })) }),
    () => req('POST', '/cms/api/users/login', { headers: json, body: junkBody(rnd, rnd.chance(0.5)) }),
    () => req('POST', '/cms/api/users/first-register', { headers: json, body: Buffer.from(JSON.stringify({ email: 'intruder@example.org', password: 'intruder-password-long' })) }),
    () => req('POST', '/cms/api/users/forgot-password', { headers: json, body: Buffer.from(JSON.stringify({ email: CMS_EDITOR.email })) }),
    // Writes without a session, malformed and oversized bodies, odd content types.
    () => req(rnd.pick(['POST', 'PATCH', 'PUT', 'DELETE']), `/cms/api/${collection}${rnd.pick(['', '/1', '/x', '/1/schedule', '/-1', '/99999999999999999999'])}`, { headers: json, body: junkBody(rnd, rnd.chance(0.5)) }),
    () => req('POST', `/cms/api/${collection}`, { headers: json, body: oversizedBody(rnd, rnd.pick([2 * 1024 * 1024, 64 * 1024])) }),
    () => req('POST', rnd.pick(['/cms/api/media', '/cms/api/articles']), { headers: { 'Content-Type': rnd.pick(['multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=']) }, body: Buffer.from(rnd.pick(['garbage', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', '--x--'])) }),
    () => req('POST', `/cms/api/${collection}`, { headers: { 'Content-Type': rnd.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) }, body: Buffer.from('a=1&b=2') }),
    // Reads: unknown collections, hostile queries, every method.
    () => req(rnd.pick(['GET', 'HEAD']), `/cms/api/${collection}${rnd.pick(['', '?depth=999999', '?limit=-1', '?where[title][like]=%00', '?where[or][0][and][0][x][equals]=1', '?sort=../../etc', '?locale=xx', '?draft=true', `?where[${'a'.repeat(300)}][equals]=1`, '?select[password]=true', '?populate[users]=true'])}`),
    () => req(rnd.pick(['TRACE', 'PROPFIND', 'PUT', 'DELETE', 'PATCH']), '/cms/api/users/login'),
    () => req(rnd.pick(['GET', 'HEAD']), rnd.pick(['/admin', '/admin/', '/admin/login', '/admin/create-first-user', '/admin/collections/nope', '/admin/collections/articles/create', '/admin/%E0%A4%A', '/admin/account', '/admin/../etc/passwd', '/cms', '/cms/api', '/cms/api/'])),
    () => req('POST', '/api/cms/revalidate', { headers: { ...json, Authorization: rnd.pick(['Bearer x', '', 'Bearer ']) }, body: junkBody(rnd, rnd.chance(0.5)) }),
    () => req('GET', `/api/cms/preview${rnd.pick(['', '?id=1&locale=en', '?id=x&locale=de', '?id=1'])}`),
  ];
  return rnd.pick(shapes)();
}

/**
 * @param {number} count
 * @param {Random} rnd
 * @param {ReturnType<typeof makeValidWrites>} valid
 * @returns {HostileRequest[]}
 */
function buildPlan(count, rnd, valid) {
  /** @type {HostileRequest[]} */
  const validRequests = [
    ...valid.receipts.map((record) => ({
      category: 'valid-consent',
      method: 'POST',
      path: '/api/consent',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(record)),
      valid: /** @type {const} */ ({ kind: 'consent', record }),
    })),
    ...valid.views.map(({ view, contentType }) => ({
      category: 'valid-metrics',
      method: 'POST',
      path: '/api/metrics',
      headers: { 'Content-Type': contentType },
      body: Buffer.from(JSON.stringify(view)),
      valid: /** @type {const} */ ({ kind: 'metrics', view }),
    })),
  ];
  const hostileCount = Math.max(0, count - validRequests.length);
  /** @type {HostileRequest[]} */
  const plan = [];
  for (let i = 0; i < hostileCount; i += 1) plan.push(hostileRequest(rnd, valid));
  // Spread the valid writes through the run, withdrawals after their first receipt.
  const slots = validRequests.map((_, i) => Math.floor(((i + rnd.next()) * plan.length) / validRequests.length));
  slots.sort((a, b) => a - b);
  for (let i = validRequests.length - 1; i >= 0; i -= 1) plan.splice(/** @type {number} */ (slots[i]), 0, /** @type {HostileRequest} */ (validRequests[i]));
  return plan;
}

// ---------------------------------------------------------------------------
// Sending.

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer, error?: string, ms: number }} Outcome
 */

/** Node's client refuses characters outside 0x21-0xff in a path: send non-Latin-1 text as raw UTF-8 bytes. */
/** @param {string} path */
function wirePath(path) {
  if (/^[\u0021-\u00ff]*$/.test(path)) return path;
  let out = '';
  for (const ch of path) {
    const code = /** @type {number} */ (ch.codePointAt(0));
    if (code > 0x20 && code <= 0xff) out += ch;
    else if (code <= 0x20) out += `%${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else out += Buffer.from(ch, 'utf8').toString('latin1');
  }
  return out;
}

/**
 * @param {string} name @param {string | string[]} value
 * @returns {string | string[]}
 */
function wireHeader(name, value) {
  /** @param {string} v */
  const one = (v) => (/^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(v) ? v : Buffer.from(v, 'utf8').toString('latin1'));
  void name;
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** What each keep-alive connection carried last (to explain a stuck connection). */
/** @type {WeakMap<import('node:net').Socket, string>} */
const lastRequestOnSocket = new WeakMap();

/**
 * @param {http.Agent} agent
 * @param {number} port
 * @param {HostileRequest} r
 * @returns {Promise<Outcome>}
 */
function send(agent, port, r) {
  if (r.raw) return sendRaw(port, r.raw);
  const started = performance.now();
  return new Promise((done) => {
    let settled = false;
    /** @param {Outcome} o */
    const finish = (o) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(o);
    };
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    for (const [k, v] of Object.entries(r.headers)) headers[k] = wireHeader(k, v);
    if (r.body && !r.chunked) headers['Content-Length'] = String(r.body.length);
    const hasHost = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
    let req;
    try {
      req = http.request({
        host: HOST,
        port,
        method: r.method,
        path: wirePath(r.path),
        headers,
        agent,
        setHost: !hasHost,
      });
    } catch (error) {
      finish({ status: -1, headers: {}, body: Buffer.alloc(0), error: `client refused to send: ${error instanceof Error ? error.message : error}`, ms: 0 });
      return;
    }
    /** @type {string | undefined} */
    let previousOnSocket;
    req.on('socket', (socket) => {
      previousOnSocket = lastRequestOnSocket.get(socket);
      lastRequestOnSocket.set(socket, `${r.method} ${truncate(r.path, 100)}${r.body ? ` body ${r.body.length} B${r.chunked ? ' chunked' : ''}` : ''} ${JSON.stringify(r.headers).slice(0, 200)}`);
    });
    const timer = setTimeout(() => {
      req.destroy(
        new Error(`no complete answer within ${REQUEST_TIMEOUT_MS} ms${previousOnSocket ? `; previous request on this keep-alive connection: ${previousOnSocket}` : ''}`),
      );
    }, REQUEST_TIMEOUT_MS);
    req.on('response', (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      res.on('data', (chunk) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        else res.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
      });
      res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', (error) => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error: error.message, ms: performance.now() - started }));
    });
    req.on('error', (error) =>
      finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: `${error.message}${req.reusedSocket ? ' (on a reused keep-alive connection)' : ''}`, ms: performance.now() - started }),
    );
    if (r.body) {
      if (r.chunked) {
        for (let i = 0; i < r.body.length; i += 8192) req.write(r.body.subarray(i, i + 8192));
        req.end();
      } else {
        req.end(r.body);
      }
    } else {
      req.end();
    }
  });
}

/**
 * @param {number} port
 * @param {Buffer} bytes
 * @returns {Promise<Outcome>}
 */
function sendRaw(port, bytes) {
  const started = performance.now();
  return new Promise((done) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let settled = false;
    const socket = net.connect(port, HOST);
    const finish = (/** @type {string | undefined} */ error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(chunks);
      const text = data.toString('latin1');
      const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const headerEnd = text.indexOf('\r\n\r\n');
      /** @type {import('node:http').IncomingHttpHeaders} */
      const headers = {};
      if (headerEnd > 0) {
        for (const line of text.slice(0, headerEnd).split('\r\n').slice(1)) {
          const i = line.indexOf(':');
          if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
      }
      done({
        status: statusMatch ? Number(statusMatch[1]) : 0,
        headers,
        body: headerEnd > 0 ? data.subarray(headerEnd + 4) : data,
        error: statusMatch ? undefined : (error ?? 'connection closed without an HTTP answer'),
        ms: performance.now() - started,
      });
    };
    // Raw requests may leave the connection open (keep-alive): 3 s after the
    // last byte (or 5 s without any) is enough to have the first answer.
    let timer = setTimeout(() => finish('no answer within 5 s'), 5000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => finish(undefined), 300);
    });
    socket.on('end', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    socket.on('error', (error) => finish(error.message));
    socket.write(bytes);
  });
}

// ---------------------------------------------------------------------------
// Checks.

/** @param {Outcome} o */
function decodedBody(o) {
  const encoding = String(o.headers['content-encoding'] ?? '').toLowerCase();
  try {
    if (encoding === 'br') return brotliDecompressSync(o.body);
    if (encoding === 'gzip') return gunzipSync(o.body);
    if (encoding === 'deflate') return inflateSync(o.body);
  } catch {
    return o.body;
  }
  return o.body;
}

const CWD = process.cwd();
/** @type {[string, RegExp][]} */
const LEAK_PATTERNS = [
  ['stack frame', /\bat [^\n<>"]{0,200}\((?:\/|[A-Za-z]:\\|file:|node:)[^)\n]*:\d+:\d+\)/],
  ['stack frame', /\n\s+at (?:async )?(?:\/|file:\/\/|node:)[^\n]*:\d+:\d+/],
  ['error with a stack', /\b[A-Z][A-Za-z]*Error: [^\n]*\n\s+at /],
  ['file-system path /work/', /\/work\//],
  ['node_modules path', /node_modules/],
  ['.next server path', /\.next[\w-]*\/server\b/],
  ['file-system path /root/ or /home/', /(?:^|[\s"'(=])\/(?:root|home|tmp|etc|proc|usr)\/[\w.-]+\/[\w.-]/],
  ['/etc/passwd content', /root:x:0:0:/],
  ['environment variables', /\b(?:PATH|HOME|NODE_OPTIONS)=[^\s&"']+/],
];

/**
 * @param {Buffer} body
 * @returns {string | null} what leaked
 */
function leakIn(body) {
  if (body.length === 0) return null;
  const text = body.toString('latin1');
  if (text.includes(CWD)) return `the working directory ${CWD}`;
  if (text.includes(METRICS_TOKEN)) return 'the METRICS_TOKEN value';
  for (const [label, pattern] of LEAK_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return `${label}: ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 80))}`;
  }
  return null;
}

/** Markup the generator puts in URLs; a page must never echo it unescaped. */
const MARKUP_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

/**
 * CRLF in a URL turned into a response header (`%0d%0aSet-Cookie: x=y`), or
 * markup from the URL echoed unescaped in a page.
 * @param {HostileRequest} r
 * @param {Outcome} o
 * @param {Buffer} body decoded body
 * @returns {string | null}
 */
function injectionIn(r, o, body) {
  const cookies = [o.headers['set-cookie'] ?? []].flat();
  if (cookies.some((c) => /^\s*x=y\b/.test(c))) return `header injection: Set-Cookie ${JSON.stringify(cookies)}`;
  if (r.raw) return null;
  let decoded = r.path;
  try {
    decoded = decodeURIComponent(r.path);
  } catch {
    // keep it raw
  }
  const sent = `${r.path}\n${decoded}\n${Object.values(r.headers).flat().join('\n')}`;
  const text = body.toString('utf8');
  for (const payload of MARKUP_PAYLOADS) {
    if (sent.includes(payload) && text.includes(payload)) return `reflected markup ${JSON.stringify(payload)}`;
  }
  return null;
}

/** @param {string} rawPath */
function normalisedPathname(rawPath) {
  try {
    return new URL(rawPath, 'http://127.0.0.1').pathname;
  } catch {
    return rawPath;
  }
}

/**
 * @param {Outcome} o
 * @returns {string | null} why it is not a JSON error naming the problem
 */
function apiErrorProblem(o) {
  const type = String(o.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return `Content-Type is ${JSON.stringify(type)}, not JSON`;
  try {
    const parsed = JSON.parse(decodedBody(o).toString('utf8'));
    if (typeof parsed?.error !== 'string' || parsed.error.trim() === '') return 'JSON without a non-empty "error" string';
    return null;
  } catch {
    return 'body is not valid JSON';
  }
}

/**
 * A redirect (Location, or Refresh's url=) that leaves the site: an open
 * redirect. `origin` is the server's. Requests that named another host
 * themselves (Host, X-Forwarded-Host) are judged by the caller.
 * @param {Outcome} o
 * @param {string} origin
 * @returns {string | null}
 */
function offSiteRedirect(o, origin) {
  const targets = [];
  if (o.headers.location) targets.push(String(o.headers.location));
  const refresh = /url=(.*)$/i.exec(String(o.headers.refresh ?? ''));
  if (refresh?.[1]) targets.push(refresh[1].trim());
  for (const target of targets) {
    let resolved;
    try {
      resolved = new URL(target, `${origin}/`);
    } catch {
      return `unparsable redirect target ${JSON.stringify(target)}`;
    }
    if (resolved.origin !== origin) return `redirect off the site to ${JSON.stringify(target)}`;
  }
  return null;
}

/** @param {string} s @param {number} n */
function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

/** @param {HostileRequest} r @param {Outcome} o */
function describe(r, o) {
  const head = r.raw ? `RAW ${JSON.stringify(truncate(r.raw.toString('latin1'), 160))}` : `${r.method} ${truncate(r.path, 160)}`;
  const extraHeaders = Object.entries(r.headers)
    .filter(([k]) => k.toLowerCase() !== 'accept-encoding')
    .map(([k, v]) => `${k}: ${truncate(String(v), 80)}`)
    .join(' | ');
  const body = r.body ? ` body(${r.body.length} B${r.chunked ? ', chunked' : ''}): ${JSON.stringify(truncate(r.body.toString('latin1'), 120))}` : '';
  const answer = `→ ${o.status}${o.error ? ` (${o.error})` : ''} ${JSON.stringify(decodedBody(o).subarray(0, 200).toString('utf8'))}`;
  return `[${r.category}] ${head}${extraHeaders ? ` {${extraHeaders}}` : ''}${body}\n      ${answer}`;
}

// ---------------------------------------------------------------------------
// Store checks: the public contract (API), then the SQLite file.

/**
 * @param {string} origin
 * @param {string} path
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, json: any }>}
 */
function getJson(origin, path, headers = {}) {
  return new Promise((done) => {
    const req = http.get(`${origin}${path}`, { headers, agent: false, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // left null
        }
        done({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ status: 0, json: null }));
  });
}

/** @param {ConsentRecord} r */
function receiptKey(r) {
  return [r.id.toLowerCase(), r.rev, +r.c.preferences, +r.c.analytics, +r.c.marketing, r.m, r.l, r.src, +r.gpc, r.ts, r.upd].join('|');
}

/** @param {Map<string, number>} a @param {Map<string, number>} b */
function diffCounts(a, b) {
  /** @type {string[]} */
  const lines = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? 0;
    const y = b.get(key) ?? 0;
    if (x !== y) lines.push(`${key}: expected ${x}, found ${y}`);
  }
  return lines;
}

/** @param {string[]} keys */
function countKeys(keys) {
  /** @type {Map<string, number>} */
  const m = new Map();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * @param {string} origin
 * @param {ConsentRecord[]} receipts accepted valid receipts
 * @param {PageView[]} views accepted valid page views
 * @returns {Promise<string[]>} problems
 */
async function checkThroughApi(origin, receipts, views) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Map<string, ConsentRecord[]>} */
  const byId = new Map();
  for (const r of receipts) {
    const id = r.id.toLowerCase();
    byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  for (const [id, sent] of byId) {
    const { status, json } = await getJson(origin, `/api/consent/${id}`);
    if (status !== 200 || !Array.isArray(json?.receipts)) {
      problems.push(`GET /api/consent/${id}: ${status}, expected 200 with receipts`);
      continue;
    }
    const expected = countKeys(sent.map(receiptKey));
    const found = countKeys(
      json.receipts.map((/** @type {any} */ x) =>
        receiptKey({
          v: 1,
          rev: x.policyRevision,
          id: String(x.consentId),
          ts: Math.round(Date.parse(x.clientFirstDecidedAt) / 1000),
          upd: Math.round(Date.parse(x.clientDecidedAt) / 1000),
          c: x.categories,
          m: x.method,
          gpc: x.gpc,
          l: x.language,
          src: x.source,
        }),
      ),
    );
    for (const line of diffCounts(expected, found)) problems.push(`GET /api/consent/${id}: ${line}`);
  }
  const today = new Date();
  const day = (/** @type {number} */ offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  // The whole span of the run, midnight included; views carry only the server's day.
  const { status, json } = await getJson(origin, `/api/metrics/summary?from=${day(-2)}&to=${day(1)}`, { Authorization: `Bearer ${METRICS_TOKEN}` });
  if (status !== 200 || !Array.isArray(json?.pages)) {
    problems.push(`GET /api/metrics/summary: ${status}, expected 200 with pages`);
    return problems;
  }
  if (json.total !== views.length) problems.push(`metrics summary total: expected ${views.length}, found ${json.total}`);
  const expectedPages = new Map();
  for (const v of views) expectedPages.set(`${v.path} ${v.locale}`, (expectedPages.get(`${v.path} ${v.locale}`) ?? 0) + 1);
  const foundPages = new Map(json.pages.map((/** @type {any} */ p) => [`${p.path} ${p.locale}`, p.views]));
  for (const line of diffCounts(expectedPages, foundPages)) problems.push(`metrics summary page ${line}`);
  const expectedRefs = new Map();
  for (const v of views) expectedRefs.set(v.referrerHost.toLowerCase(), (expectedRefs.get(v.referrerHost.toLowerCase()) ?? 0) + 1);
  const foundRefs = new Map((json.referrers ?? []).map((/** @type {any} */ r) => [r.host, r.views]));
  for (const line of diffCounts(expectedRefs, foundRefs)) problems.push(`metrics summary referrer ${JSON.stringify(line)}`);
  return problems;
}

/**
 * Reads the SQLite file the server wrote (read-only). Table names as in
 * lib/store/migrations.ts (version 1): consent_receipts, page_view_days.
 * @param {string} dataDir
 * @param {ConsentRecord[]} receipts
 * @param {PageView[]} views
 * @returns {{ problems: string[], summary: string }}
 */
function checkSqliteFile(dataDir, receipts, views) {
  const file = join(dataDir, 'site.sqlite');
  if (!existsSync(file)) return { problems: [`no SQLite file at ${file} after ${receipts.length + views.length} accepted writes`], summary: '' };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((/** @type {any} */ r) => r.name));
    /** @type {string[]} */
    const problems = [];
    for (const t of ['consent_receipts', 'page_view_days']) if (!tables.has(t)) problems.push(`table ${t} missing (tables: ${[...tables].join(', ')})`);
    if (problems.length) return { problems, summary: '' };
    /** @type {any[]} */
    const rows = db.prepare('SELECT * FROM consent_receipts ORDER BY seq').all();
    const found = countKeys(
      rows.map((row) =>
        [row.consent_id, row.policy_revision, row.preferences, row.analytics, row.marketing, row.method, row.language, row.source, row.gpc, row.client_first_decided_at, row.client_decided_at].join('|'),
      ),
    );
    for (const line of diffCounts(countKeys(receipts.map(receiptKey)), found)) problems.push(`consent_receipts row ${line}`);
    /** @type {any[]} */
    const viewRows = db.prepare('SELECT path, locale, referrer_host, SUM(views) AS views FROM page_view_days GROUP BY path, locale, referrer_host').all();
    const foundViews = new Map(viewRows.map((r) => [`${r.path} ${r.locale} ${JSON.stringify(r.referrer_host)}`, r.views]));
    const expectedViews = countKeys(views.map((v) => `${v.path} ${v.locale} ${JSON.stringify(v.referrerHost.toLowerCase())}`));
    for (const line of diffCounts(expectedViews, foundViews)) problems.push(`page_view_days ${line}`);
    const totalViews = viewRows.reduce((sum, r) => sum + r.views, 0);
    return { problems, summary: `${rows.length} rows in consent_receipts, ${totalViews} views in page_view_days` };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------

/**
 * After the login flood: the editor's account is locked (Payload's lockUntil
 * is in the future) and even the right password does not sign in.
 * @param {string} origin
 * @param {string} dataDir
 * @returns {Promise<string[]>}
 */
async function checkEditorLockout(origin, dataDir) {
  /** @type {string[]} */
  const problems = [];
  const db = new Database(join(dataDir, 'cms.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = /** @type {{ login_attempts: number | null, lock_until: string | null } | undefined} */ (
      db.prepare('SELECT login_attempts, lock_until FROM users WHERE email = ?').get(CMS_EDITOR.email)
    );
    if (!row) problems.push(`no editor ${CMS_EDITOR.email} in cms.sqlite`);
    else if (!row.lock_until || Date.parse(row.lock_until) <= Date.now()) problems.push(`not locked: ${row.login_attempts} failed attempts, lock_until ${row.lock_until}`);
  } finally {
    db.close();
  }
  const res = await fetch(`${origin}/cms/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(CMS_EDITOR),
  });
  if (res.status === 200) problems.push('the right password signed in to a locked account');
  return problems;
}

async function main() {
  const started = performance.now();
  const distDir = distDirFromEnv();
  const port = process.env.HOSTILE_PORT ? positiveInt(process.env.HOSTILE_PORT, 3410) : await findFreePort(3410, 3449);
  console.log(`hostile: seed ${SEED} (override with HOSTILE_SEED), ${TOTAL} requests${SHORT ? ' (short form)' : ''}, concurrency ${CONCURRENCY}, build ${distDir}`);

  const rnd = createRandom(SEED);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const valid = makeValidWrites(rnd, nowSeconds);
  const plan = buildPlan(TOTAL, rnd, valid);

  const server = await startServer({ port, distDir, label: 'hostile', env: { METRICS_TOKEN } });
  console.log(`hostile: production server pid ${server.pid} on ${server.origin}, DATA_DIR ${server.dataDir}`);
  const editor = spawnSync('npx', ['tsx', 'scripts/cms/editor-add.ts'], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', EDITOR_EMAIL: CMS_EDITOR.email, EDITOR_PASSWORD: CMS_EDITOR.password },
  });
  if (editor.status !== 0) throw new Error(`editor:add failed: ${editor.stdout}${editor.stderr}`);
  // The flood below shares the sign-in throttle with every other login it sends, so how
  // many reach this account is left to chance: six wrong passwords first, in order, make
  // the lockout check deterministic (Payload locks after five).
  for (let i = 0; i < 6; i += 1) {
    await fetch(`${server.origin}/cms/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: CMS_EDITOR.email, password: `wrong-before-the-flood-${i}` }),
    });
  }

  // Warm-up (not counted): Next loads each route's code on its first request;
  // without this the first hostile requests would only measure that.
  for (const path of ['/en', '/fr', '/en/search?q=trade', '/fr/recherche?q=commerce', '/en/no-such-page', ...PAGES.filter((p) => p.includes('/articles/')).slice(0, 2)]) {
    await simpleGet(`${server.origin}${path}`, REQUEST_TIMEOUT_MS);
  }

  /** @type {Map<string, number>} */
  const byStatus = new Map();
  /** @type {Map<string, Map<string, number>>} */
  const byCategory = new Map();
  /** @type {string[]} */ const serverErrors = [];
  /** @type {string[]} */ const leaks = [];
  /** @type {string[]} */ const apiErrors = [];
  /** @type {string[]} */ const lost = [];
  /** @type {string[]} */ const openRedirects = [];
  /** @type {string[]} */ const injections = [];
  /** @type {string[]} */ const validRefused = [];
  /** @type {string[]} */ const notSent = [];
  /** @type {ConsentRecord[]} */ const acceptedReceipts = [];
  /** @type {PageView[]} */ const acceptedViews = [];
  let slowest = 0;

  // Keep-alive, like browsers and CDNs: a connection left in a bad state by one request shows up on the next.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let done = 0;
  const progressEvery = Math.max(500, Math.floor(plan.length / 10));
  const sendStarted = performance.now();
  /** HOSTILE_TRACE=<file>: one line per request (index, sent, answered ms, status, category, method, path). */
  const trace = process.env.HOSTILE_TRACE ? /** @type {string[]} */ ([]) : null;

  async function worker() {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= plan.length) return;
      const r = /** @type {HostileRequest} */ (plan[index]);
      const sentAt = performance.now() - sendStarted;
      const o = await send(agent, port, r);
      if (trace) trace.push(`${index}\t${sentAt.toFixed(0)}\t${(sentAt + o.ms).toFixed(0)}\t${o.status}\t${r.category}\t${r.method}\t${truncate(r.path, 100)}`);
      done += 1;
      if (done % progressEvery === 0) console.log(`  … ${done}/${plan.length}`);
      slowest = Math.max(slowest, o.ms);
      const statusKey = o.status === -1 ? 'not sent' : o.status === 0 ? 'no answer' : String(o.status);
      byStatus.set(statusKey, (byStatus.get(statusKey) ?? 0) + 1);
      const cat = byCategory.get(r.category) ?? new Map();
      cat.set(statusKey, (cat.get(statusKey) ?? 0) + 1);
      byCategory.set(r.category, cat);

      if (o.status === -1) {
        notSent.push(describe(r, o));
        continue;
      }
      if (o.status >= 500) serverErrors.push(describe(r, o));
      const body = decodedBody(o);
      const leak = leakIn(body) ?? leakIn(Buffer.from(JSON.stringify(o.headers)));
      if (leak) leaks.push(`${leak}\n      ${describe(r, o)}`);
      const injected = injectionIn(r, o, body);
      if (injected) injections.push(`${injected}\n      ${describe(r, o)}`);
      // A bare socket may legitimately be closed on garbage; an HTTP client request may not.
      if (o.status === 0 && !r.raw && !r.mayClose) lost.push(describe(r, o));
      const isApi = !r.raw && normalisedPathname(wirePath(r.path)).startsWith('/api/');
      const namesOtherHost = r.raw
        ? /\r\nhost:[ \t]*(?![ \t]|127\.0\.0\.1\r)/i.test(r.raw.toString('latin1'))
        : Object.keys(r.headers).some((h) => ['host', 'x-forwarded-host'].includes(h.toLowerCase()));
      const redirect = namesOtherHost ? null : offSiteRedirect(o, server.origin);
      if (redirect) openRedirects.push(`${redirect}\n      ${describe(r, o)}`);
      if (isApi && o.status >= 400 && r.method !== 'HEAD') {
        const problem = apiErrorProblem(o);
        if (problem) apiErrors.push(`${problem}\n      ${describe(r, o)}`);
      }
      if (r.valid?.kind === 'consent') {
        const cookie = [o.headers['set-cookie'] ?? []].flat().join('\n');
        const expected = `consent=${encodeConsent(r.valid.record)}`;
        if (o.status !== 201) validRefused.push(describe(r, o));
        else {
          acceptedReceipts.push(r.valid.record);
          if (!cookie.split('\n').some((c) => c.startsWith(`${expected};`))) validRefused.push(`accepted but Set-Cookie is not ${expected}: ${cookie}\n      ${describe(r, o)}`);
        }
      } else if (r.valid?.kind === 'metrics') {
        if (o.status !== 204 && o.status !== 200 && o.status !== 202) validRefused.push(describe(r, o));
        else acceptedViews.push(r.valid.view);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  if (trace && process.env.HOSTILE_TRACE) writeFileSync(process.env.HOSTILE_TRACE, `${trace.join('\n')}\n`);
  const sendSeconds = (performance.now() - sendStarted) / 1000;

  // After the storm: still alive, same process, home page intact.
  const aliveAfter = server.alive();
  const en = await simpleGet(`${server.origin}/en`, REQUEST_TIMEOUT_MS);
  const fr = await simpleGet(`${server.origin}/fr`, REQUEST_TIMEOUT_MS);
  /** @type {string[]} */
  const healthProblems = [];
  if (!aliveAfter) healthProblems.push(`the server process ${server.pid} exited during the run`);
  if (en.status !== 200 || !en.body.includes('<html lang="en-CA"')) healthProblems.push(`GET /en afterwards: ${en.status}, ${JSON.stringify(en.body.slice(0, 200))}`);
  if (fr.status !== 200 || !fr.body.includes('<html lang="fr-CA"')) healthProblems.push(`GET /fr afterwards: ${fr.status}, ${JSON.stringify(fr.body.slice(0, 200))}`);

  const apiProblems = await checkThroughApi(server.origin, acceptedReceipts, acceptedViews);
  const lockout = await checkEditorLockout(server.origin, server.dataDir);
  const sqlite = checkSqliteFile(server.dataDir, acceptedReceipts, acceptedViews);
  const stderr = server.stderrTail();
  await server.stop();

  // ------------------------------------------------------------------ report
  console.log(`\nhostile: ${done} requests in ${sendSeconds.toFixed(1)} s (${(done / sendSeconds).toFixed(0)} req/s), slowest ${slowest.toFixed(0)} ms`);
  console.log('\nResponses per status:');
  for (const [status, n] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${status.padEnd(10)} ${n}`);
  console.log('\nResponses per category:');
  for (const [cat, statuses] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const detail = [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`  ${cat.padEnd(16)} ${String(total).padStart(5)}  ${detail}`);
  }
  console.log(`\nValid writes: ${acceptedReceipts.length}/${valid.receipts.length} consent receipts, ${acceptedViews.length}/${valid.views.length} page views accepted`);
  if (sqlite.summary) console.log(`SQLite file: ${sqlite.summary}`);
  const errorLines = stderr.split('\n').filter((l) => /error/i.test(l));
  if (errorLines.length) console.log(`Server stderr: ${errorLines.length} line(s) mentioning "error" (last: ${truncate(errorLines[errorLines.length - 1] ?? '', 200)})`);

  /** @type {[string, string[]][]} */
  const checks = [
    [`at least ${TOTAL} requests sent`, done >= TOTAL && notSent.length === 0 ? [] : [`${done} answered of ${TOTAL}`, ...notSent]],
    ['no response with status >= 500', serverErrors],
    ['no stack trace, file-system path or secret in any body', leaks],
    ['every API error (>= 400 under /api/) is JSON with an "error" field', apiErrors],
    ['no redirect leaves the site (open redirect)', openRedirects],
    ['no injected header or reflected markup', injections],
    ['every HTTP request got an answer within the timeout', lost],
    ['every valid write accepted (201 + same consent cookie / 204)', validRefused],
    ['the server still serves /en and /fr normally afterwards', healthProblems],
    ['GET /api/consent/<id> and the metrics summary show exactly the valid writes', apiProblems],
    ['the SQLite file holds exactly the valid writes', sqlite.problems],
    ['the flooded editor account is locked and its right password refused meanwhile', lockout],
  ];
  let passed = 0;
  let failed = 0;
  console.log('\nChecks:');
  for (const [label, problems] of checks) {
    if (problems.length === 0) {
      passed += 1;
      console.log(`  ✔ ${label}`);
      continue;
    }
    failed += 1;
    console.log(`  ✘ ${label}: ${problems.length} problem(s)`);
    for (const p of problems.slice(0, SHOW)) console.log(`    - ${p}`);
    if (problems.length > SHOW) console.log(`    … and ${problems.length - SHOW} more (HOSTILE_SHOW=${problems.length} lists them all)`);
  }
  console.log(`\nseed ${SEED}, ${done} requests, total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`hostile: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runBounded(NAME, DEADLINE_MS, main);
