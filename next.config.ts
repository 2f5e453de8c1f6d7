import type { NextConfig } from 'next';
import { withPayload } from '@payloadcms/next/withPayload';
import createNextIntlPlugin from 'next-intl/plugin';
import { internalPathRedirects, localizedRewrites } from './i18n/path-rewrites';
import { localizedPath } from './i18n/paths';
import { locales } from './i18n/routing';
import { PAGE_CACHE_CONTROL, PER_URL_HEADER } from './lib/publishing/cache-policy';
import { cacheTagHeaderRules } from './lib/publishing/cache-tags';
import { adminContentSecurityPolicy, hstsHeader, MEDIA_CONTENT_SECURITY_POLICY, securityHeaders } from './lib/security-headers';
import { bundleProductionServer } from './server/bundle';

const hsts = hstsHeader(Number(process.env.HSTS_MAX_AGE ?? 63072000));

const nextConfig: NextConfig = {
  // Lets several builds live side by side (e.g. one per worktree or per test run).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  compiler: {
    // The production server (server/) runs as JavaScript bundled with each
    // build, in the build folder: `node .next/production-server.mjs`.
    runAfterProductionCompile: bundleProductionServer,
  },
  poweredByHeader: false,
  // Images are our own SVGs at their final size: the optimizer endpoint
  // (/_next/image) would only be an attack surface that fetches URLs.
  images: { unoptimized: true },
  // The proxy sees the URL the server was reached at (127.0.0.1 when started
  // with -H 127.0.0.1) instead of "localhost", so its 404 rewrite stays internal.
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  experimental: {
    // The root layout is app/[locale]/layout.tsx; a URL outside every route
    // (e.g. /_next/unknown) still gets our bilingual 404 instead of Next's.
    globalNotFound: true,
  },
  async rewrites() {
    return { beforeFiles: localizedRewrites(), afterFiles: [], fallback: [] };
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders({ gaEnabled: Boolean(process.env.NEXT_PUBLIC_GA_ID) }) },
      // After the site's policy, which it replaces: Next lets a route's own header lose to this list.
      { source: '/media/:name', headers: [{ key: 'Content-Security-Policy', value: MEDIA_CONTENT_SECURITY_POLICY }] },
      ...(hsts
        ? [{ source: '/:path*', has: [{ type: 'header' as const, key: 'x-forwarded-proto', value: 'https' }], headers: [hsts] }]
        : []),
      // Feeds change with every new article, social cards with an edited
      // headline: a CDN may keep them as long as a page.
      ...['/:locale(en|fr)/feed.xml', '/:locale(en|fr)/opengraph-image', '/:locale(en|fr)/articles/:slug/opengraph-image'].map((source) => ({
        source,
        headers: [{ key: 'Cache-Control', value: PAGE_CACHE_CONTROL }],
      })),
      // Search results depend on the URL only, never on the reader: the
      // production server keeps them per URL (server/static-page-cache.ts)
      // and a CDN may too.
      ...locales.map((locale) => ({ source: localizedPath(locale, '/search'), headers: [{ key: PER_URL_HEADER, value: '1' }] })),
      // Proof-of-consent and metrics answers are per reader: never cache them.
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
      // What each reader page depends on, for a CDN's purge by tag (lib/publishing/cache-tags.ts).
      ...cacheTagHeaderRules(),
      // The newsroom's side: never kept by a cache, never indexed, with a policy of its own.
      ...['/admin', '/admin/:path*', '/cms/:path*'].map((source) => ({
        source,
        headers: [
          { key: 'Cache-Control', value: 'no-store' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
          { key: 'Content-Security-Policy', value: adminContentSecurityPolicy() },
          { key: 'Cache-Tag', value: 'admin' },
          { key: 'Surrogate-Key', value: 'admin' },
        ],
      })),
    ];
  },
  async redirects() {
    return internalPathRedirects();
  },
};

/**
 * withPayload adds Accept-CH, Critical-CH and X-Powered-By to every path.
 * Critical-CH makes Chromium load a reader's page twice, and the others say
 * nothing a reader needs: they stay on the admin, whose colour scheme they serve.
 */
function withPayloadAdminOnly(config: NextConfig): NextConfig {
  const wrapped = withPayload(config);
  const payloadHeaders = wrapped.headers;
  if (!payloadHeaders) return wrapped;
  return {
    ...wrapped,
    async headers() {
      const rules = await payloadHeaders();
      return rules.flatMap((rule) => {
        const clientHints = rule.source === '/:path*' && rule.headers.some((h) => h.key === 'Critical-CH');
        if (!clientHints) return [rule];
        const headers = rule.headers.filter((h) => h.key !== 'X-Powered-By');
        return [{ ...rule, source: '/admin', headers }, { ...rule, source: '/admin/:path*', headers }];
      });
    },
  };
}

export default withPayloadAdminOnly(createNextIntlPlugin('./i18n/request.ts')(nextConfig));
