// @ts-check
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * An in-memory copy of the pages Next.js prerendered, served without entering
 * the framework. Next answers each path once; when that answer is a
 * prerendered page (`x-nextjs-prerender`), status 200 and sets no cookie, its
 * bytes and headers are kept, compressed once with gzip and brotli, and every
 * later request for the path gets them straight from memory. Anything else
 * (dynamic pages, 404s, APIs, RSC requests) always goes to Next.
 */

/** Request headers that make Next answer with something else than the HTML page. */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
/** Response headers that describe one transfer, not the page. */
const TRANSFER_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'etag', 'cache-control']);

/** CDN may keep a page 10 minutes and serve it stale for a day while refreshing; browsers revalidate (304). */
export const STATIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=600, stale-while-revalidate=86400';

const MAX_ENTRIES = 5000;
const MAX_UNCACHEABLE = 10000;

/**
 * @typedef {{ headers: [string, string | string[]][], etag: string, identity: Buffer, gzip: Buffer, br: Buffer }} Entry
 */

/** @param {import('node:http').IncomingMessage} req */
function cacheKey(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  for (const h of ROUTER_HEADERS) if (h in req.headers) return null;
  const url = req.url ?? '/';
  const path = url.split('?', 1)[0] ?? '/';
  if (path.startsWith('/_next/') || path.startsWith('/api/') || path.length > 512) return null;
  // Next adds HSTS only to requests that came over https, so those get
  // entries of their own. A query string never changes a prerendered page,
  // but only a bare path decides whether the path is prerendered at all.
  const scheme = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return { path: `${scheme}:${path}`, hasQuery: url.length > path.length };
}

/** @param {string | undefined} acceptEncoding */
function pickEncoding(acceptEncoding) {
  const value = acceptEncoding ?? '';
  if (/\bbr\b/.test(value)) return 'br';
  if (/\bgzip\b/.test(value)) return 'gzip';
  return 'identity';
}

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} handle Next's request handler
 */
export function createStaticPageCache(handle) {
  /** @type {Map<string, Entry>} */
  const entries = new Map();
  /** Paths Next answered with something that must not be cached. */
  const uncacheable = new Set();
  let hits = 0;
  let misses = 0;

  /**
   * @param {Entry} entry
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function serve(entry, req, res) {
    hits += 1;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader('ETag', entry.etag);
    res.setHeader('Cache-Control', STATIC_PAGE_CACHE_CONTROL);
    if (req.headers['if-none-match'] === entry.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const body = entry[encoding];
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /**
   * Lets Next answer, and keeps a copy when the answer is a prerendered page.
   * @param {string} path
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function fill(path, req, res) {
    misses += 1;
    // Ask Next for the identity bytes: this one reader gets them
    // uncompressed, everyone after gets brotli or gzip from memory.
    delete req.headers['accept-encoding'];
    /** @type {Buffer[]} */
    const chunks = [];
    let prerendered = false;
    const originalWriteHead = res.writeHead.bind(res);
    const originalWrite = res.write.bind(res);
    const originalEnd = res.end.bind(res);

    // @ts-expect-error -- same signature, forwarded as is
    res.writeHead = (...args) => {
      prerendered = res.statusCode === 200 && String(res.getHeader('x-nextjs-prerender') ?? '') !== '' && !res.hasHeader('set-cookie');
      if (prerendered) res.setHeader('Cache-Control', STATIC_PAGE_CACHE_CONTROL);
      // @ts-expect-error -- forwarded as is
      return originalWriteHead(...args);
    };
    // @ts-expect-error -- same signature, forwarded as is
    res.write = (chunk, ...rest) => {
      if (chunk) chunks.push(Buffer.from(chunk, typeof rest[0] === 'string' ? /** @type {BufferEncoding} */ (rest[0]) : undefined));
      // @ts-expect-error -- forwarded as is
      return originalWrite(chunk, ...rest);
    };
    // @ts-expect-error -- same signature, forwarded as is
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== 'function') {
        chunks.push(Buffer.from(chunk, typeof rest[0] === 'string' ? /** @type {BufferEncoding} */ (rest[0]) : undefined));
      }
      // @ts-expect-error -- forwarded as is
      const result = originalEnd(chunk, ...rest);
      if (prerendered && req.method === 'GET') store(path, res, Buffer.concat(chunks));
      else if (!prerendered && res.statusCode !== 304) remember(path);
      return result;
    };
    return handle(req, res);
  }

  /** @param {string} path */
  function remember(path) {
    if (uncacheable.size >= MAX_UNCACHEABLE) uncacheable.clear();
    uncacheable.add(path);
  }

  /**
   * @param {string} path
   * @param {import('node:http').ServerResponse} res
   * @param {Buffer} identity
   */
  function store(path, res, identity) {
    if (entries.size >= MAX_ENTRIES || identity.length === 0) return;
    /** @type {[string, string | string[]][]} */
    const headers = [];
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || TRANSFER_HEADERS.has(name) || name.startsWith('x-nextjs-')) continue;
      headers.push([name, typeof value === 'number' ? String(value) : value]);
    }
    entries.set(path, {
      headers,
      // Keep Next's validator so the first (uncached) answer and later ones agree.
      etag: String(res.getHeader('etag') ?? `"${createHash('sha1').update(identity).digest('base64url')}"`),
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
    });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function handleRequest(req, res) {
    const key = cacheKey(req);
    if (!key) return handle(req, res);
    const entry = entries.get(key.path);
    if (entry) return serve(entry, req, res);
    if (key.hasQuery || uncacheable.has(key.path)) return handle(req, res);
    return fill(key.path, req, res);
  }

  return { handleRequest, stats: () => ({ entries: entries.size, uncacheable: uncacheable.size, hits, misses }) };
}
