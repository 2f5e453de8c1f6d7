// The production server: Next.js behind an in-memory copy of its prerendered
// pages (see static-page-cache.ts). `npm start` and the browser tests run it,
// bundled into the build folder by `next build` (decision record 0010).
import http from 'node:http';
import next from 'next';
import { PAGE_CACHE_KEY, type PageCachePurger } from '../lib/publishing/page-cache-bridge';
import { warmStaticPageCache } from './cache-warmup';
import { answerClientError, answerUnservable, closeConnectionIfBodyUnread, createLoginThrottle } from './request-guards';
import { deferFrameworkScripts } from './deferred-hydration';
import { withInlineScriptHashes } from './script-hash-policy';
import { secureCookiesOverHttps } from './secure-cookies';
import { createStaticPageCache } from './static-page-cache';

const port = Number(process.env.PORT ?? 3000);
// Loopback unless told otherwise: put a reverse proxy or CDN in front.
const hostname = process.env.HOST ?? '127.0.0.1';

// Read by instrumentation.ts: the retention purge runs in the serving process only.
process.env.RETENTION_JOB ??= 'on';
const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
// Every reader page runs the framework's chunks after its first frame
// (deferred-hydration.ts) and gets a script-src with the hashes of its own
// inline scripts (script-hash-policy.ts); the cache keeps both with the page.
const cache = createStaticPageCache(withInlineScriptHashes(app.getRequestHandler(), deferFrameworkScripts));
// lib/publishing reaches the page cache through this registration (lib/publishing/page-cache-bridge.ts):
// a change made inside Next purges exactly the URLs it touched.
const purger: PageCachePurger = { purge: cache.purge, purgeAll: cache.purgeAll };
Object.assign(globalThis, { [PAGE_CACHE_KEY]: purger });

const throttleLogin = createLoginThrottle();

function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
  // Requests Next would turn into a 500 or a stuck connection (see request-guards.ts).
  if (answerUnservable(req, res) || throttleLogin(req, res)) return;
  closeConnectionIfBodyUnread(req, res);
  secureCookiesOverHttps(req, res);
  Promise.resolve(cache.handleRequest(req, res)).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    }
    res.end('Internal Server Error');
  });
}

const server = http.createServer(handleRequest);
// Requests Node's parser refuses get a body naming the problem (JSON for the API).
server.on('clientError', answerClientError);
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname}:${port}`);
  if (process.env.WARM_CACHE === '0') return;
  warmStaticPageCache(hostname, port).then(
    (count) => console.log(`Static page cache warmed with ${count} pages from the sitemap`),
    (error: unknown) => console.error('Static page cache warm-up failed:', error instanceof Error ? error.message : error),
  );
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
