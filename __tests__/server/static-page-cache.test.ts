/** @jest-environment node */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { COOKIE_NAME_PRERENDER_BYPASS } from 'next/dist/server/api-utils';
import { DRAFT_MODE_COOKIE, NOT_FOUND_CACHE_CONTROL, PAGE_CACHE_CONTROL, PER_URL_HEADER } from '@/lib/publishing/cache-policy';
import { withServer, type Handler } from '../support/local-server';
import { createStaticPageCache, encodingEtag, matchesIfNoneMatch } from '@/server/static-page-cache';

/** What Next sends with a prerendered page (documented for static and revalidated pages). */
const NEXT_STATIC_CACHE_CONTROL = 's-maxage=31536000';

/** A stand-in for Next: counts calls and answers like a prerendered page or not; `version` changes the bytes of /en/static. */
function fakeNext() {
  const calls: string[] = [];
  const state = { version: 1 };
  const handler: Handler = (req, res) => {
    calls.push(`${req.method} ${req.url} ae=${req.headers['accept-encoding'] ?? '-'}`);
    const path = (req.url ?? '/').split('?')[0];
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"etag-${path}"`);
    if (path === '/en/static' || path === '/fr/static') res.setHeader('Cache-Control', NEXT_STATIC_CACHE_CONTROL);
    if (path === '/en/with-cookie') {
      res.setHeader('Cache-Control', NEXT_STATIC_CACHE_CONTROL);
      res.setHeader('Set-Cookie', 'a=b');
    }
    if (path === '/en/missing') {
      // Next's prerendered 404 page comes with the same year-long lifetime.
      res.setHeader('Cache-Control', NEXT_STATIC_CACHE_CONTROL);
      res.statusCode = 404;
    }
    if (path === '/en/dynamic') res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
    if (path === '/en/search' || path === '/en/search-broken') {
      // Like Next's dynamic pages: no validator, told not to be cached.
      res.removeHeader('ETag');
      res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
      res.setHeader(PER_URL_HEADER, '1');
      if (path === '/en/search-broken') res.statusCode = 500;
      res.write(`<html>${req.url}`);
      res.end(' results</html>');
      return;
    }
    res.write(`<html>${path}`);
    res.end(` body v${state.version}</html>`);
  };
  return { calls, handler, state };
}

function get(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static page cache', () => {
  it('asks Next once for a prerendered page, then serves it from memory, compressed', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      const first = await get(base, '/en/static', { 'accept-encoding': 'gzip' });
      expect(first.body.toString()).toBe('<html>/en/static body v1</html>');
      const second = await get(base, '/en/static', { 'accept-encoding': 'gzip' });
      expect(second.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(second.body).toString()).toBe('<html>/en/static body v1</html>');
      expect(second.headers['x-content-type-options']).toBe('nosniff');
      expect(second.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      expect(first.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      // Each encoding is its own representation with its own validator (RFC 9110 §8.8.3).
      expect(first.headers.etag).toBe('"etag-/en/static"');
      expect(second.headers.etag).toBe('"etag-/en/static-gz"');
      expect(second.headers.vary).toMatch(/accept-encoding/i);
      const third = await get(base, '/en/static?utm_source=x', { 'accept-encoding': 'br' });
      expect(third.headers['content-encoding']).toBe('br');
      expect(third.headers.etag).toBe('"etag-/en/static-br"');
    });
    expect(next.calls).toHaveLength(1);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const cache = createStaticPageCache(fakeNext().handler);
    await withServer(cache.handleRequest, async (base) => {
      const { headers } = await get(base, '/en/static');
      const again = await get(base, '/en/static', { 'if-none-match': String(headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    });
  });

  it('gives each encoding its own validator, and answers If-None-Match with 304 only for the encoding it names', async () => {
    const cache = createStaticPageCache(fakeNext().handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      const tags = new Map<string, string>();
      for (const encoding of ['identity', 'gzip', 'br']) {
        const res = await get(base, '/en/static', { 'accept-encoding': encoding });
        tags.set(encoding, String(res.headers.etag));
      }
      expect(new Set(tags.values()).size).toBe(3);
      const checked: string[] = [];
      for (const [tagged, etag] of tags) {
        for (const asked of ['identity', 'gzip', 'br']) {
          const res = await get(base, '/en/static', { 'accept-encoding': asked, 'if-none-match': etag });
          expect([tagged, asked, res.status]).toEqual([tagged, asked, tagged === asked ? 304 : 200]);
          checked.push(`${tagged}/${asked}`);
        }
      }
      expect(checked).toHaveLength(9);
      // A list of validators, and a weak form of the right one, match too (weak comparison, RFC 9110 §13.1.2).
      const listed = await get(base, '/en/static', { 'accept-encoding': 'br', 'if-none-match': `"other", W/${tags.get('br')}` });
      expect(listed.status).toBe(304);
    });
  });

  it.each(['/en/dynamic', '/en/missing', '/en/with-cookie'])('never keeps %s (dynamic, 404 or cookie)', async (path) => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, path);
      await get(base, path);
    });
    expect(next.calls).toHaveLength(2);
    expect(cache.stats().entries).toBe(0);
  });

  it('passes router (RSC) requests and other methods straight to Next', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      await get(base, '/en/static', { rsc: '1' });
      await new Promise<void>((resolve) => {
        const req = http.request(`${base}/en/static`, { method: 'POST' }, (res) => res.resume().on('end', resolve));
        req.end();
      });
    });
    expect(next.calls).toHaveLength(3);
  });

  it('keeps Accept-Encoding for paths known to be dynamic, so Next can compress them', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/dynamic', { 'accept-encoding': 'gzip' });
      await get(base, '/en/dynamic', { 'accept-encoding': 'gzip' });
    });
    expect(next.calls).toEqual(['GET /en/dynamic ae=-', 'GET /en/dynamic ae=gzip']);
  });
});

describe('static page cache and https', () => {
  it('keeps separate copies for requests forwarded over https (HSTS differs)', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      await get(base, '/en/static', { 'x-forwarded-proto': 'https' });
      await get(base, '/en/static', { 'x-forwarded-proto': 'https' });
    });
    expect(next.calls).toHaveLength(2);
    expect(cache.stats().entries).toBe(2);
  });
});

describe('per-URL pages (search results)', () => {
  it('asks Next once per URL, then serves that URL compressed from memory, with a shareable Cache-Control', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      const first = await get(base, '/en/search?q=canola');
      expect(first.body.toString()).toBe('<html>/en/search?q=canola results</html>');
      expect(first.headers[PER_URL_HEADER]).toBeUndefined();
      expect(first.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      const second = await get(base, '/en/search?q=canola', { 'accept-encoding': 'gzip' });
      expect(gunzipSync(second.body).toString()).toBe('<html>/en/search?q=canola results</html>');
      expect(second.headers[PER_URL_HEADER]).toBeUndefined();
      expect(second.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      const other = await get(base, '/en/search?q=wheat');
      expect(other.body.toString()).toBe('<html>/en/search?q=wheat results</html>');
      const revalidated = await get(base, '/en/search?q=canola', { 'accept-encoding': 'gzip', 'if-none-match': String(second.headers.etag) });
      expect(revalidated.status).toBe(304);
    });
    expect(next.calls.map((c) => c.split(' ')[1])).toEqual(['/en/search?q=canola', '/en/search?q=wheat']);
    expect(cache.stats().urlEntries).toBe(2);
  });

  it('never keeps an error answer', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      expect((await get(base, '/en/search-broken?q=x')).status).toBe(500);
      expect((await get(base, '/en/search-broken?q=x')).status).toBe(500);
    });
    expect(next.calls).toHaveLength(2);
    expect(cache.stats().urlEntries).toBe(0);
  });

  it('forgets the least recently used URLs past its bound, so made-up queries cannot grow memory', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler, { maxUrlEntries: 2 });
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/search?q=a');
      await get(base, '/en/search?q=b');
      await get(base, '/en/search?q=a'); // a is now the most recent
      await get(base, '/en/search?q=c'); // evicts b
      await get(base, '/en/search?q=a');
      await get(base, '/en/search?q=b');
    });
    expect(next.calls.map((c) => c.split(' ')[1])).toEqual(['/en/search?q=a', '/en/search?q=b', '/en/search?q=c', '/en/search?q=b']);
    expect(cache.stats().urlEntries).toBe(2);
  });

  it('bounds the bytes it keeps too', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler, { maxUrlBytes: 1 });
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/search?q=a');
      await get(base, '/en/search?q=a');
    });
    expect(next.calls).toHaveLength(2);
    expect(cache.stats().urlBytes).toBe(0);
  });
});

describe('static page cache and publishing', () => {
  it('gives a not-found answer a one-minute shared lifetime, so a publish at that URL is not hidden for a year', async () => {
    const cache = createStaticPageCache(fakeNext().handler);
    await withServer(cache.handleRequest, async (base) => {
      const missing = await get(base, '/en/missing');
      expect(missing.status).toBe(404);
      expect(missing.headers['cache-control']).toBe(NOT_FOUND_CACHE_CONTROL);
    });
  });

  it('purges exactly the paths it is given, and serves the new page after the purge', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      await get(base, '/fr/static');
      expect(cache.stats().entries).toBe(2);
      next.state.version = 2;
      expect((await get(base, '/en/static')).body.toString()).toContain('v1');
      expect(cache.purge(['/en/static'], [])).toBe(1);
      expect((await get(base, '/en/static')).body.toString()).toContain('v2');
      // The other page was not touched.
      expect((await get(base, '/fr/static')).body.toString()).toContain('v1');
    });
  });

  it('does not store a purged path again during the quarantine (Next may not have revalidated yet)', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      cache.purge(['/en/static'], []);
      await get(base, '/en/static');
      await get(base, '/en/static');
    });
    expect(next.calls).toHaveLength(3);
    expect(cache.stats().entries).toBe(0);
  });

  it('right after a purge, tells no one else to keep the page (it may still be the old one) and compresses as Next does', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      cache.purge(['/en/static'], []);
      const during = await get(base, '/en/static', { 'accept-encoding': 'gzip' });
      expect(during.headers['cache-control']).toBe('no-store');
      expect(next.calls.at(-1)).toBe('GET /en/static ae=gzip');
    });
  });

  it('never lets the per-URL marker reach a reader, whatever the request', async () => {
    const cache = createStaticPageCache(fakeNext().handler);
    await withServer(cache.handleRequest, async (base) => {
      for (const headers of [{}, { rsc: '1' }] as Record<string, string>[]) {
        const res = await get(base, '/en/search?q=canola', headers);
        expect(res.headers[PER_URL_HEADER]).toBeUndefined();
      }
      const posted = await new Promise<http.IncomingHttpHeaders>((resolve) => {
        const req = http.request(`${base}/en/search?q=canola`, { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.headers);
        });
        req.end();
      });
      expect(posted[PER_URL_HEADER]).toBeUndefined();
    });
  });

  it('strips the marker when Next hands it to writeHead itself, on every path an answer can take', async () => {
    // Next passes some headers as writeHead's argument rather than setting them first.
    const handler: Handler = (req, res) => {
      const marker = req.url?.includes('array') ? [PER_URL_HEADER, '1', 'Content-Type', 'text/html'] : { [PER_URL_HEADER]: '1', 'Content-Type': 'text/html' };
      res.writeHead(200, marker);
      res.end('<html>results</html>');
    };
    const cache = createStaticPageCache(handler);
    await withServer(cache.handleRequest, async (base) => {
      const requests: [string, Record<string, string>][] = [
        ['/en/search?q=canola', {}],
        ['/en/search?q=canola', {}],
        ['/en/search?q=array', {}],
        ['/en/search?q=canola', { rsc: '1' }],
        ['/en/search?q=canola', { 'next-router-prefetch': '1' }],
        ['/en/search?q=canola', { cookie: `${DRAFT_MODE_COOKIE}=x` }],
        ['/api/search?q=canola', {}],
      ];
      for (const [path, headers] of requests) {
        const res = await get(base, path, headers);
        expect([path, headers, res.status, res.headers[PER_URL_HEADER]]).toEqual([path, headers, 200, undefined]);
      }
      // Read before it was stripped: the search pages were kept per URL.
      expect(cache.stats().urlEntries).toBe(2);
      cache.purge([], ['/en/search?']);
      const afterPurge = await get(base, '/en/search?q=canola');
      expect(afterPurge.headers[PER_URL_HEADER]).toBeUndefined();
    });
  });

  it('purges every kept search URL under a prefix', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/search?q=a');
      await get(base, '/en/search?q=b');
      expect(cache.stats().urlEntries).toBe(2);
      expect(cache.purge([], ['/en/search?'])).toBe(2);
      expect(cache.stats().urlEntries).toBe(0);
    });
  });

  it('purgeAll empties the cache', async () => {
    const cache = createStaticPageCache(fakeNext().handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static');
      await get(base, '/en/search?q=a');
      expect(cache.purgeAll()).toBe(2);
      expect(cache.stats()).toMatchObject({ entries: 0, urlEntries: 0 });
    });
  });

  it.each([['/admin'], ['/admin/collections/articles'], ['/cms/api/articles']])('never keeps the newsroom side (%s)', async (path) => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, path);
      await get(base, path);
    });
    expect(next.calls).toHaveLength(2);
  });

  it('lets an editor in draft mode through to Next, and never stores what they see', async () => {
    const next = fakeNext();
    const cache = createStaticPageCache(next.handler);
    await withServer(cache.handleRequest, async (base) => {
      await get(base, '/en/static', { cookie: `${DRAFT_MODE_COOKIE}=abc` });
      await get(base, '/en/static', { cookie: `theme=dark; ${DRAFT_MODE_COOKIE}=abc` });
    });
    expect(next.calls).toHaveLength(2);
    expect(cache.stats().entries).toBe(0);
  });
});

describe('validators per encoding', () => {
  it('puts the encoding inside the quotes, keeping a weak validator weak', () => {
    expect(encodingEtag('"abc"', 'identity')).toBe('"abc"');
    expect(encodingEtag('"abc"', 'br')).toBe('"abc-br"');
    expect(encodingEtag('W/"abc"', 'gzip')).toBe('W/"abc-gz"');
  });

  it('matches If-None-Match by weak comparison, in a list, or *', () => {
    expect(matchesIfNoneMatch('"abc-br"', '"abc-br"')).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"abc-br"', '"abc-br"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abc"', '"abc-br"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"abc"')).toBe(false);
  });
});

describe('draft mode', () => {
  it('knows the cookie by the name Next gives it', () => {
    expect(DRAFT_MODE_COOKIE).toBe(COOKIE_NAME_PRERENDER_BYPASS);
  });
});
