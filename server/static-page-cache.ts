import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { DRAFT_MODE_COOKIE, NOT_FOUND_CACHE_CONTROL, PAGE_CACHE_CONTROL, PER_URL_HEADER } from '../lib/publishing/cache-policy';
import { beforeHeadersGoOut, chunkBytes } from './response-hooks';

/**
 * An in-memory copy of the pages Next.js prerendered, served without entering
 * the framework. Next answers each path once; when that answer is shareable
 * by Next's own account (status 200, a `Cache-Control` with `s-maxage`, which
 * Next documents for static and revalidated pages) and sets no cookie, its
 * bytes and headers are kept, compressed once with gzip and brotli, and every
 * later request for the path gets them straight from memory. Anything else
 * (dynamic pages, 404s, APIs, RSC requests, the admin, an editor's draft
 * preview) always goes to Next.
 *
 * A publish, correction or takedown purges exactly the URLs of the tags it
 * touched (lib/publishing calls `purge` through the registration in
 * production-server.ts). For a few seconds after a purge, those URLs are
 * served by Next without being stored: Next applies a revalidation when the
 * request that made it ends, and a reader arriving in between must not put the
 * old page back for good.
 *
 * Pages whose answer depends on the query string but not on the reader (search
 * results) say so with the response header PER_URL_HEADER (set in
 * next.config.ts). Their answers are kept per full URL, in a bounded
 * least-recently-used set: articles only change with a deployment, so the
 * same search gives the same page until the server restarts.
 *
 * Each encoding of a page is its own representation with its own validator
 * (RFC 9110 §8.8.3): the identity body keeps Next's ETag, brotli and gzip get
 * it with `-br` / `-gz` inside the quotes, and `If-None-Match` is compared
 * with the validator of the encoding this request would get.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
type Encoding = 'identity' | 'gzip' | 'br';
type Entry = { headers: [string, string | string[]][]; etag: string; identity: Buffer; gzip: Buffer; br: Buffer };
type Key = { path: string; url: string; hasQuery: boolean };

/** Request headers that make Next answer with something else than the HTML page. */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
/** Response headers that describe one transfer, not the page. */
const TRANSFER_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'etag', 'cache-control']);
/** Paths that belong to the newsroom, never to a shared cache. */
const PRIVATE_PREFIXES = ['/_next/', '/api/', '/admin', '/cms/'];

/** How long purged URLs are served without being stored again. */
const PURGE_QUARANTINE_MS = 3000;

const MAX_ENTRIES = 5000;
const MAX_UNCACHEABLE = 10000;
/**
 * Every distinct query is a new entry, so a flood of made-up queries must not
 * grow memory: the least recently used go first past either bound.
 */
const MAX_URL_ENTRIES = 2000;
const MAX_URL_BYTES = 64 * 1024 * 1024;
/**
 * Static pages are compressed once per deployment, at the best ratio. A
 * search page is compressed once per distinct query, on the request path:
 * brotli 11 would cost ~40 ms of CPU on a search page, level 5 about 2 ms
 * for a few per cent more bytes.
 */
const BEST = { gzip: 9, br: 11 };
const FAST = { gzip: 6, br: 5 };

const ETAG_SUFFIX: Record<Encoding, string> = { identity: '', gzip: '-gz', br: '-br' };

function cacheKey(req: IncomingMessage): Key | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  for (const h of ROUTER_HEADERS) if (h in req.headers) return null;
  const url = req.url ?? '/';
  const path = url.split('?', 1)[0] ?? '/';
  if (PRIVATE_PREFIXES.some((prefix) => path.startsWith(prefix)) || path.length > 512) return null;
  if (String(req.headers.cookie ?? '').includes(`${DRAFT_MODE_COOKIE}=`)) return null;
  // Next adds HSTS only to requests that came over https, so those get
  // entries of their own. A query string never changes a prerendered page,
  // but only a bare path decides whether the path is prerendered at all.
  const scheme = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return { path: `${scheme}:${path}`, url: `${scheme}:${url}`, hasQuery: url.length > path.length };
}

function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const value = acceptEncoding ?? '';
  if (/\bbr\b/.test(value)) return 'br';
  if (/\bgzip\b/.test(value)) return 'gzip';
  return 'identity';
}

/** The validator of one encoding of a page: `"abc"` → `"abc-br"` (a weak `W/"abc"` stays weak). */
export function encodingEtag(etag: string, encoding: Encoding): string {
  const suffix = ETAG_SUFFIX[encoding];
  return suffix && etag.endsWith('"') ? `${etag.slice(0, -1)}${suffix}"` : etag;
}

/**
 * Whether `If-None-Match` names this validator: `*`, or one of its
 * comma-separated tags by the weak comparison RFC 9110 §13.1.2 asks for.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * @param handle Next's request handler
 * @param limits bounds of the per-URL store
 */
export function createStaticPageCache(handle: Handler, { maxUrlEntries = MAX_URL_ENTRIES, maxUrlBytes = MAX_URL_BYTES } = {}) {
  const entries = new Map<string, Entry>();
  /** Answers of per-URL pages by full URL; Map order is recency (oldest first). */
  const urlEntries = new Map<string, Entry>();
  let urlBytes = 0;
  /** Paths whose answers depend on the query string only (PER_URL_HEADER). */
  const perUrlPaths = new Set<string>();
  /** Paths Next answered with something that must not be cached. */
  const uncacheable = new Set<string>();
  let hits = 0;
  let misses = 0;
  let purged = 0;
  /** Purged paths and URL prefixes (scheme-less), until when they are not stored again. */
  const quarantinedPaths = new Map<string, number>();
  const quarantinedPrefixes = new Map<string, number>();
  let everythingQuarantinedUntil = 0;

  function quarantined(key: Key): boolean {
    const now = Date.now();
    if (everythingQuarantinedUntil > now) return true;
    const bare = key.path.slice(key.path.indexOf(':') + 1);
    const url = key.url.slice(key.url.indexOf(':') + 1);
    const until = quarantinedPaths.get(bare);
    if (until !== undefined && until > now) return true;
    for (const [prefix, end] of quarantinedPrefixes) if (end > now && url.startsWith(prefix)) return true;
    return false;
  }

  function serve(entry: Entry, req: IncomingMessage, res: ServerResponse): void {
    hits += 1;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const etag = encodingEtag(entry.etag, encoding);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', PAGE_CACHE_CONTROL);
    // The body depends on Accept-Encoding: a shared cache must key on it.
    const vary = String(res.getHeader('vary') ?? '');
    if (!/\baccept-encoding\b/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const body = entry[encoding];
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /**
   * Lets Next answer, and keeps a copy when the answer is a prerendered page
   * (by path) or a per-URL page (by full URL).
   */
  function fill(key: Key, req: IncomingMessage, res: ServerResponse): unknown {
    misses += 1;
    // Ask Next for the identity bytes: this one reader gets them
    // uncompressed, everyone after gets brotli or gzip from memory.
    delete req.headers['accept-encoding'];
    const chunks: Buffer[] = [];
    let keep: 'path' | 'url' | null = null;

    beforeHeadersGoOut(res, () => {
      const perUrl = res.hasHeader(PER_URL_HEADER);
      res.removeHeader(PER_URL_HEADER);
      if (perUrl) perUrlPaths.add(key.path);
      const nextCacheControl = String(res.getHeader('cache-control') ?? '');
      const sharedByNext = /\bs-maxage=\d+/.test(nextCacheControl);
      const shareable = res.statusCode === 200 && !res.hasHeader('set-cookie') && !quarantined(key);
      if (shareable && perUrl) keep = 'url';
      // A query string never changes a prerendered page, but only a bare
      // path decides whether the path is prerendered at all.
      else if (shareable && !key.hasQuery && sharedByNext) keep = 'path';
      if (keep) res.setHeader('Cache-Control', PAGE_CACHE_CONTROL);
      else if ((res.statusCode === 404 || res.statusCode === 410) && sharedByNext) res.setHeader('Cache-Control', NOT_FOUND_CACHE_CONTROL);
    });
    const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
    const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(chunkBytes(chunk, rest[0]));
      return originalWrite(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(chunkBytes(chunk, rest[0]));
      const result = originalEnd(chunk, ...rest);
      // A purge that arrived while Next was answering makes this answer suspect: not stored.
      const complete = req.method === 'GET' && !quarantined(key);
      if (keep === 'path' && complete) storeByPath(key.path, res, Buffer.concat(chunks));
      else if (keep === 'url' && complete) storeByUrl(key.url, res, Buffer.concat(chunks));
      else if (!keep && !key.hasQuery && !perUrlPaths.has(key.path) && res.statusCode !== 304 && !quarantined(key)) remember(key.path);
      return result;
    }) as ServerResponse['end'];
    return handle(req, res);
  }

  function remember(path: string): void {
    if (uncacheable.size >= MAX_UNCACHEABLE) uncacheable.clear();
    uncacheable.add(path);
  }

  function entryOf(res: ServerResponse, identity: Buffer, levels: { gzip: number; br: number }): Entry {
    const headers: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || TRANSFER_HEADERS.has(name) || name === PER_URL_HEADER || name.startsWith('x-nextjs-')) continue;
      headers.push([name, typeof value === 'number' ? String(value) : value]);
    }
    return {
      headers,
      // Keep Next's validator so the first (uncached) answer and later ones agree.
      etag: String(res.getHeader('etag') ?? `"${createHash('sha1').update(identity).digest('base64url')}"`),
      identity,
      gzip: gzipSync(identity, { level: levels.gzip }),
      br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: levels.br } }),
    };
  }

  const sizeOf = (entry: Entry) => entry.identity.length + entry.gzip.length + entry.br.length;

  function storeByPath(path: string, res: ServerResponse, identity: Buffer): void {
    if (entries.size >= MAX_ENTRIES || identity.length === 0) return;
    entries.set(path, entryOf(res, identity, BEST));
  }

  function storeByUrl(url: string, res: ServerResponse, identity: Buffer): void {
    if (identity.length === 0 || urlEntries.has(url)) return;
    const entry = entryOf(res, identity, FAST);
    urlEntries.set(url, entry);
    urlBytes += sizeOf(entry);
    for (const [oldest, old] of urlEntries) {
      if (urlEntries.size <= maxUrlEntries && urlBytes <= maxUrlBytes) break;
      urlEntries.delete(oldest);
      urlBytes -= sizeOf(old);
    }
  }

  /**
   * Next answers without the cache in between. Right after a purge, an answer
   * Next calls shareable may still be the old page (Next applies a
   * revalidation when the request that made it ends), so no one else may
   * keep it either.
   */
  function passThrough(req: IncomingMessage, res: ServerResponse, justPurged: boolean): unknown {
    if (justPurged) {
      beforeHeadersGoOut(res, () => {
        if (/\bs-maxage=\d+/.test(String(res.getHeader('cache-control') ?? ''))) res.setHeader('Cache-Control', 'no-store');
      });
    }
    return handle(req, res);
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): unknown {
    // The internal marker never leaves the server, whatever path the answer
    // takes. Installed first, this hook runs last: the cache reads the marker before.
    beforeHeadersGoOut(res, () => res.removeHeader(PER_URL_HEADER));
    const key = cacheKey(req);
    if (!key) return passThrough(req, res, false);
    if (quarantined(key)) return passThrough(req, res, true);
    const entry = entries.get(key.path);
    if (entry) return serve(entry, req, res);
    if (perUrlPaths.has(key.path)) {
      const byUrl = urlEntries.get(key.url);
      if (!byUrl) return fill(key, req, res);
      // Most recently used last.
      urlEntries.delete(key.url);
      urlEntries.set(key.url, byUrl);
      return serve(byUrl, req, res);
    }
    if (uncacheable.has(key.path)) return passThrough(req, res, false);
    return fill(key, req, res);
  }

  /**
   * Drops the entries of these public paths (both schemes) and of every
   * per-URL entry starting with one of the prefixes; returns how many went.
   */
  function purge(paths: readonly string[], prefixes: readonly string[]): number {
    const until = Date.now() + PURGE_QUARANTINE_MS;
    let count = 0;
    for (const path of paths) {
      quarantinedPaths.set(path, until);
      for (const scheme of ['http', 'https']) {
        if (entries.delete(`${scheme}:${path}`)) count += 1;
        uncacheable.delete(`${scheme}:${path}`);
      }
    }
    for (const prefix of prefixes) {
      quarantinedPrefixes.set(prefix, until);
      for (const [url, entry] of urlEntries) {
        if (!prefixes.some((p) => url.slice(url.indexOf(':') + 1).startsWith(p))) continue;
        urlEntries.delete(url);
        urlBytes -= sizeOf(entry);
        count += 1;
      }
    }
    for (const [key, end] of quarantinedPaths) if (end <= Date.now() - PURGE_QUARANTINE_MS) quarantinedPaths.delete(key);
    purged += count;
    return count;
  }

  /** Drops everything: a change that touches every page (the taxonomy, a deployment). */
  function purgeAll(): number {
    const count = entries.size + urlEntries.size;
    everythingQuarantinedUntil = Date.now() + PURGE_QUARANTINE_MS;
    entries.clear();
    urlEntries.clear();
    urlBytes = 0;
    uncacheable.clear();
    perUrlPaths.clear();
    purged += count;
    return count;
  }

  return {
    handleRequest,
    purge,
    purgeAll,
    stats: () => ({ entries: entries.size, urlEntries: urlEntries.size, urlBytes, uncacheable: uncacheable.size, hits, misses, purged }),
  };
}
