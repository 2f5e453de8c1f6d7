/** @jest-environment node */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CONSENT_INLINE_SCRIPT } from '@/lib/consent/inline-script';
import { contentSecurityPolicy } from '@/lib/security-headers';
import { DEFERRED_HYDRATION_ID, deferFrameworkScripts } from '@/server/deferred-hydration';
import { inlineScriptHashes, inlineScripts, withInlineScriptHashes, withScriptHashes } from '@/server/script-hash-policy';
import { withServer, type Handler } from '../support/local-server';
import { createStaticPageCache } from '@/server/static-page-cache';

/** Computed here without the module under test: SHA-256 of the UTF-8 text, base64, as CSP Level 3 defines it. */
const hashOf = (script: string) => `'sha256-${createHash('sha256').update(Buffer.from(script, 'utf8')).digest('base64')}'`;

const THEME = "document.documentElement.dataset.theme='dark'";
const FLIGHT = 'self.__next_f.push([1,"0:{\\"P\\":null,\\"b\\":\\"build\\"}\\n"])';
const JSON_LD = '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Économie"}';

/** The shape of one of our pages: head scripts, Next's data scripts, files, data blocks. */
function page({ theme = THEME, flight = FLIGHT }: { theme?: string; flight?: string } = {}): string {
  return [
    '<!DOCTYPE html><html lang="fr-CA"><head><meta charset="utf-8">',
    `<script id="consent-marks">${CONSENT_INLINE_SCRIPT}</script>`,
    `<SCRIPT id="theme-mark">${theme}</SCRIPT >`,
    '<script src="/_next/static/chunks/main.js" async=""></script>',
    `<script type="application/ld+json">${JSON_LD}</script>`,
    '</head><body><main>L’économie « verte »</main>',
    `<script>${flight}</script>`,
    '<script type="module">import("/_next/static/chunks/x.js")</script>',
    '<script type="application/json" id="data">{"a":1}</script>',
    '<script>(self.__next_s=self.__next_s||[]).push([0,{}])</script>',
    '</body></html>',
  ].join('');
}
const EXECUTED = [CONSENT_INLINE_SCRIPT, THEME, FLIGHT, 'import("/_next/static/chunks/x.js")', '(self.__next_s=self.__next_s||[]).push([0,{}])'];

const scriptSrc = (policy: string) => policy.split('; ').find((d) => d.startsWith('script-src '))?.split(' ').slice(1) ?? [];

describe('the hashes of a page', () => {
  it("are exactly its executed inline scripts' hashes: no src scripts, no JSON-LD or other data blocks", () => {
    expect(inlineScripts(page())).toEqual(EXECUTED);
    expect(inlineScriptHashes(page())).toEqual(EXECUTED.map(hashOf));
  });

  it('change when an inline script changes, and only that hash', () => {
    const before = inlineScriptHashes(page());
    const after = inlineScriptHashes(page({ theme: `${THEME};document.documentElement.dataset.replay='1'` }));
    expect(after).toHaveLength(before.length);
    expect(after.filter((hash) => !before.includes(hash))).toEqual([hashOf(`${THEME};document.documentElement.dataset.replay='1'`)]);
    expect(inlineScriptHashes(page({ flight: FLIGHT.replace('build', 'other') }))).not.toEqual(before);
  });

  it('hash the text the parser sees: line breaks normalized to LF', () => {
    expect(inlineScriptHashes('<script>a()\r\nb()\rc()</script>')).toEqual([hashOf('a()\nb()\nc()')]);
  });

  it('replace any unsafe-inline in script-src and leave every other directive as it was', () => {
    const policy = contentSecurityPolicy({ gaEnabled: false });
    const hashes = inlineScriptHashes(page());
    const completed = withScriptHashes(`${policy}; script-src-attr 'none'`.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), hashes);
    expect(scriptSrc(completed)).toEqual(["'self'", ...hashes]);
    expect(completed).toContain("style-src 'self' 'unsafe-inline'");
    expect(completed).toContain("script-src-attr 'none'");
  });
});

/** A stand-in for Next that streams pages in chunks, with the policy next.config.ts sets. */
function fakeNext(policy: string) {
  const state = { theme: THEME, calls: 0 };
  const handler: Handler = (req, res) => {
    state.calls += 1;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    res.setHeader('Content-Security-Policy', path.startsWith('/admin') ? "script-src 'self' 'unsafe-inline'" : policy);
    if (path === '/api/thing') {
      res.setHeader('Content-Type', 'application/json');
      res.end('{"ok":true}');
      return;
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (path === '/en/static') res.setHeader('Cache-Control', 's-maxage=31536000');
    if (path === '/en/missing') res.statusCode = 404;
    const html = page({ theme: state.theme });
    if (path === '/en/gzipped') {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync(html));
      return;
    }
    // Split inside a script: hashing must wait for the whole page.
    const cut = html.indexOf('__next_f') + 3;
    res.write(html.slice(0, cut));
    res.end(html.slice(cut));
  };
  return { handler, state };
}

async function fetchPage(base: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, policy: res.headers.get('content-security-policy') ?? '', body: await res.text() };
}

describe('the production server sends each page its own script policy', () => {
  const policy = contentSecurityPolicy({ gaEnabled: false });

  it('starts from a reader policy that allows no inline script', () => {
    expect(scriptSrc(policy).length).toBeGreaterThan(0);
    expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
  });

  it('stores a prerendered page with the hashes of its scripts, serves them from memory, and renews them after a purge', async () => {
    const next = fakeNext(policy);
    const cache = createStaticPageCache(withInlineScriptHashes(next.handler));
    await withServer(cache.handleRequest, async (base) => {
      const first = await fetchPage(base, '/en/static');
      expect(first.body).toBe(page());
      expect(scriptSrc(first.policy)).toEqual(["'self'", ...EXECUTED.map(hashOf)]);
      const fromMemory = await fetchPage(base, '/en/static', { headers: { 'accept-encoding': 'br' } });
      expect(next.state.calls).toBe(1);
      expect(fromMemory.policy).toBe(first.policy);

      next.state.theme = `${THEME};window.replay=1`;
      expect(cache.purge(['/en/static'], [])).toBe(1);
      const changed = await fetchPage(base, '/en/static');
      expect(next.state.calls).toBe(2);
      expect(scriptSrc(changed.policy)).toContain(hashOf(`${THEME};window.replay=1`));
      expect(scriptSrc(changed.policy)).not.toContain(hashOf(THEME));
    });
  });

  it.each(['/en/missing', '/en/dynamic', '/en/gzipped'])('hashes %s on the fly, though it is never stored', async (path) => {
    const next = fakeNext(policy);
    const cache = createStaticPageCache(withInlineScriptHashes(next.handler));
    await withServer(cache.handleRequest, async (base) => {
      for (const round of [1, 2]) {
        const answer = await fetchPage(base, path);
        expect(next.state.calls).toBe(round);
        expect(answer.body).toBe(page());
        expect(scriptSrc(answer.policy)).toEqual(["'self'", ...EXECUTED.map(hashOf)]);
      }
    });
  });

  it('leaves the admin policy, answers that are not HTML, and bodiless answers without hashes', async () => {
    const next = fakeNext(policy);
    const cache = createStaticPageCache(withInlineScriptHashes(next.handler));
    await withServer(cache.handleRequest, async (base) => {
      expect((await fetchPage(base, '/admin/login')).policy).toBe("script-src 'self' 'unsafe-inline'");
      expect((await fetchPage(base, '/api/thing')).policy).toBe(policy);
      const head = await fetchPage(base, '/en/dynamic', { method: 'HEAD' });
      expect(scriptSrc(head.policy)).toEqual(["'self'"]);
    });
  });

  describe('with the page rewritten before it is hashed (deferred hydration)', () => {
    const loaderOf = (html: string) => inlineScripts(html).find((script) => script.includes('runAfterFirstPaint'));

    it.each(['/en/static', '/en/gzipped'])('%s: the framework chunk leaves its tag for the loader, whose hash the policy allows', async (path) => {
      const next = fakeNext(policy);
      const cache = createStaticPageCache(withInlineScriptHashes(next.handler, deferFrameworkScripts));
      await withServer(cache.handleRequest, async (base) => {
        const answer = await fetchPage(base, path);
        expect(answer.body).toBe(deferFrameworkScripts(page()));
        expect(answer.body).not.toContain('<script src="/_next/static/chunks/main.js"');
        expect(answer.body).toContain(`<script id="${DEFERRED_HYDRATION_ID}">`);
        const loader = loaderOf(answer.body);
        expect(loader).toContain('"/_next/static/chunks/main.js"');
        expect(scriptSrc(answer.policy)).toEqual(["'self'", ...EXECUTED.map(hashOf), hashOf(loader ?? '')]);
      });
    });

    it('leaves the admin page as Next wrote it', async () => {
      const next = fakeNext(policy);
      const cache = createStaticPageCache(withInlineScriptHashes(next.handler, deferFrameworkScripts));
      await withServer(cache.handleRequest, async (base) => {
        const admin = await fetchPage(base, '/admin/login');
        expect(admin.body).toBe(page());
      });
    });
  });
});

