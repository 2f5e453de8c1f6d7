// Junk cookies and headers: the consent and locale cookies, Accept-Language,
// the framework's router headers, and headers browsers never send.
import fc from 'fast-check';
import { CONSENT_COOKIE } from '@/lib/consent/consent-cookie';
import { ACCEPT_LANGUAGES } from '../corpus';
import type { Targets } from '../types';
import { hex, pickOne, request, textOf, walk, type Generator } from './arbitraries';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const consent = (value: string) => `${CONSENT_COOKIE}=${value}`;

/** Cookie headers a reader's browser would never hold. */
const COOKIE_JUNK: fc.Arbitrary<string>[] = [
  textOf('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 40, 40).map(consent),
  ...[
    consent(b64('{"v":1,"rev":1,"id":"x"')),
    consent(b64('{"v":1,"rev":1,"id":"00000000-0000-4000-8000-000000000000","ts":1,"upd":1,"c":{},"m":"x","gpc":1,"l":"de","src":"?"}')),
    consent(b64('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')),
    consent(b64('['.repeat(700))),
    consent('A'.repeat(1025)),
    consent('A'.repeat(4096)),
    consent('x'.repeat(12_000)),
    `${CONSENT_COOKIE}=`,
    CONSENT_COOKIE,
    `${consent('a')}; ${consent('b')}; ${consent('c')}`,
    consent('%FF%FE%00'),
    consent('"quoted"'),
    consent('Ã©Ã©Ã©'),
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
  ].map((c) => fc.constant(c)),
  textOf('<>"\'&;=', 20, 20).map((v) => `theme=${v}`),
];

const junkCookie = fc.oneof(...COOKIE_JUNK);

export const cookies =
  (targets: Targets): Generator =>
  () =>
    fc
      .record({
        cookie: fc.oneof({ arbitrary: junkCookie, weight: 7 }, { arbitrary: fc.tuple(junkCookie, junkCookie).map((two) => two.join('; ')), weight: 3 }),
        path: pickOne('/', '/', '/en', '/fr', fc.constantFrom(...targets.searchPaths), fc.constantFrom(...targets.cookiePages), '/xyz', fc.constantFrom(...targets.articles), fc.constantFrom(...targets.receipts).map((r) => `/api/consent/${r.id}`)),
      })
      .map(({ cookie, path }) => request('cookies', 'GET', path, { headers: { Cookie: cookie } }));

export const acceptLanguage: Generator = () =>
  fc
    .record({ path: fc.constantFrom('/', '/', '/robots.bak', '/search', '/articles/x', '/en', '/fr/recherche'), language: fc.constantFrom(...ACCEPT_LANGUAGES) })
    .map(({ path, language }) => request('accept-language', 'GET', path, { headers: { 'Accept-Language': language } }));

/** Next's router and middleware headers, set by a stranger (walked in order). */
const ROUTER_HEADERS: fc.Arbitrary<Record<string, string>>[] = [
  fc.constant({ RSC: '1' }),
  fc.constant({ RSC: '1', 'Next-Router-State-Tree': '%7B' }),
  fc.constant({ RSC: '1', 'Next-Router-State-Tree': encodeURIComponent('['.repeat(200)) }),
  fc.constant({ RSC: '1', 'Next-Router-State-Tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true])) }),
  fc.constant({ RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/_tree' }),
  fc.constant({ RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '../../../etc/passwd' }),
  hex(40).map((action) => ({ 'Next-Action': action, 'Content-Type': 'text/plain;charset=UTF-8' })),
  fc.constant({ 'Next-Action': 'x', 'Content-Type': 'multipart/form-data; boundary=----x' }),
  fc.constant({ 'Next-Url': '/../../etc/passwd', RSC: '1' }),
  fc.constant({ 'X-Middleware-Subrequest': 'proxy:proxy:proxy:proxy:proxy' }),
  fc.constant({ 'X-Middleware-Subrequest': 'middleware:middleware:middleware:middleware:middleware' }),
  fc.constant({ 'X-Middleware-Prefetch': '1' }),
  fc.constant({ 'X-Nextjs-Data': '1' }),
  fc.constant({ 'X-Invoke-Path': '/api/metrics/summary', 'X-Invoke-Query': '%7B%7D' }),
  fc.constant({ 'X-Matched-Path': '/api/metrics/summary' }),
  fc.constant({ 'X-Now-Route-Matches': '1=%2e%2e' }),
  fc.constant({ 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'gopher' }),
  fc.constant({ Purpose: 'prefetch', 'Sec-Purpose': 'prefetch;prerender' }),
  fc.constant({ 'If-None-Match': '*' }),
  fc.constant({ 'If-None-Match': `"${'x'.repeat(5000)}"` }),
  fc.constant({ 'If-Modified-Since': 'not a date' }),
  fc.constant({ Range: 'bytes=0-0,-1,5-2,999999999-' }),
];

export const ROUTER_HEADER_VARIANTS = ROUTER_HEADERS.length;

export const routerHeaders =
  (targets: Targets): Generator =>
  (k) =>
    fc.tuple(fc.constantFrom(...targets.pages), walk(ROUTER_HEADERS, k)).map(([path, headers]) => {
      const method = headers['Next-Action'] ? 'POST' : 'GET';
      return request('router-headers', method, path, { headers, body: method === 'POST' ? Buffer.from('["$K1"]') : undefined });
    });

/** Headers browsers never send, or never like this (walked in order). */
const ODD_HEADERS: Record<string, string>[] = [
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

export const ODD_HEADER_VARIANTS = ODD_HEADERS.length;

export const oddHeaders =
  (targets: Targets): Generator =>
  (k) => {
    const headers = walk(ODD_HEADERS, k);
    // Next ends a connection that asks for a protocol upgrade on a page
    // (router-server.js upgradeHandler): no answer is its documented behaviour.
    return fc
      .tuple(fc.constantFrom('GET', 'GET', 'HEAD'), fc.constantFrom(...targets.pages))
      .map(([method, path]) => request('odd-headers', method, path, { headers, mayClose: 'Upgrade' in headers }));
  };

