// @ts-check
// The production server: Next.js behind an in-memory copy of its prerendered
// pages (see static-page-cache.mjs). `npm start` and the browser tests run it.
import http from 'node:http';
import next from 'next';
import { warmStaticPageCache } from './cache-warmup.mjs';
import { withInlineScriptHashes } from './script-hash-policy.mjs';
import { secureCookiesOverHttps } from './secure-cookies.mjs';
import { answerClientError, answerUnservable, closeConnectionIfBodyUnread, createLoginThrottle } from './request-guards.mjs';
import { createStaticPageCache } from './static-page-cache.mjs';

const port = Number(process.env.PORT ?? 3000);
// Loopback unless told otherwise: put a reverse proxy or CDN in front.
const hostname = process.env.HOST ?? '127.0.0.1';

// Read by instrumentation.ts: the retention purge runs in the serving process only.
process.env.RETENTION_JOB ??= 'on';
const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
// Every HTML answer gets a script-src with the hashes of its own inline
// scripts (script-hash-policy.mjs); the cache keeps them with the page.
const cache = createStaticPageCache(withInlineScriptHashes(app.getRequestHandler()));
// lib/publishing reaches the page cache through this registration (lib/publishing/page-cache-bridge.ts):
// a change made inside Next purges exactly the URLs it touched.
Object.assign(globalThis, { [Symbol.for('northern-dispatch.page-cache')]: { purge: cache.purge, purgeAll: cache.purgeAll } });

const throttleLogin = createLoginThrottle();

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function handleRequest(req, res) {
  // Requests Next would turn into a 500 or a stuck connection (see request-guards.mjs).
  if (answerUnservable(req, res) || throttleLogin(req, res)) return;
  closeConnectionIfBodyUnread(req, res);
  secureCookiesOverHttps(req, res);
  Promise.resolve(cache.handleRequest(req, res)).catch((error) => {
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
    (error) => console.error('Static page cache warm-up failed:', error.message),
  );
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
