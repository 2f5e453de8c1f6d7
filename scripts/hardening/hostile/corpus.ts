// The fixed material of the hostile requests: lists of known-bad paths,
// encodings, headers and methods. The generators (./generators) draw from
// these with fast-check; lists marked "walked in order" are each sent whole.
import { PRODUCTION_SERVER_ENTRY } from '../../support/processes';

/** Broken, overlong and double percent-encodings. */
export const JUNK_ENCODINGS = ['%C0%AF', '%FF', '%00', '%', '%zz', '%E0%80', '%ED%A0%80', '%F4%90%80%80', '%C3', '%%32%65', '%u002e', '%2', '%C0%AE%C0%AE', '%EF%BB%BF', '%F0%9F%98', '%0d%0aSet-Cookie:%20x=y', '%252e%252e%252f'];

/** Text that changes meaning under normalisation, direction or case folding. */
export const UNICODE_BITS = ['é', 'Ça', '日本語', '😀', '\u202etxt.exe', '\u200b', 'e\u0301', 'ﬁ', 'İ', '\uFEFF', 'Ω', 'ß', '\u00ad', '𝔘𝔫𝔦'];

/** Path segments the site and its framework know, and some they should not. */
export const SEGMENTS = ['en', 'fr', 'de', 'EN', 'Fr', '', '..', '.', '%2e%2e', '%2E%2e', 'articles', 'section', 'rubrique', 'tag', 'etiquette', 'search', 'recherche', 'api', 'consent', 'metrics', 'summary', '_next', 'static', 'chunks', 'page-not-found', 'cookies', 'temoins', 'index', 'favicon.ico', 'robots.txt', 'sitemap.xml', 'feed.xml', 'wp-admin', '.git', '.env', 'server', '_rsc'];

export const SUFFIXES = ['', '', '', '/', '.json', '.txt', '.rsc', '.html', '.php', '.map', '.env', '.bak', '~', ';jsessionid=x', '#frag', '?', '??', '?&&', '.segments/_tree.segment.rsc'];

/** Paths that must not reach a file, a parent folder or another host (walked in order). */
export const TRAVERSALS = [
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
  `/${PRODUCTION_SERVER_ENTRY}`,
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

export const ACCEPT_LANGUAGES = [
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

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

/** Methods Node's parser knows that browsers never send (WebDAV, cache purges...). */
export const ODD_METHODS = ['PROPFIND', 'PURGE', 'SEARCH', 'LOCK', 'MKCOL', 'QUERY', 'LINK', 'REPORT', 'M-SEARCH'];

export const CMS_COLLECTIONS = ['articles', 'sections', 'tags', 'media', 'users', 'payload-jobs', 'payload-migrations', 'payload-preferences', 'nope', '..', '%2e%2e', 'ARTICLES', ''];

/** Reader paths that are wrong on purpose: the locale negotiation, a wrong-language path, a missing page, a file. */
export const ODD_PAGES = ['/', '/fr/search', '/en/page-not-found', '/en/no-such-page', '/robots.bak', '/icon.svg'];
export const API_POST = ['/api/consent', '/api/metrics'];
/** A page-view beacon that is valid (for "right body, wrong wrapping" cases). */
export const VALID_VIEW_JSON = '{"path":"/en","locale":"en","referrerHost":""}';
export const ACCEPT_ENCODINGS = ['br', 'gzip', 'gzip, deflate, br', 'identity', '*', 'br;q=0, gzip;q=0'];
