import { NextResponse, type NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { isLocale, routing } from './i18n/routing';
import { isKnownPath } from './lib/site-paths';

const negotiateLocale = createMiddleware(routing);

/**
 * Two jobs, and nothing on the happy path of a page:
 * 1. `/` and paths without a locale: pick the reader's language (NEXT_LOCALE
 *    cookie, then Accept-Language) and redirect.
 * 2. Paths under /en or /fr that no page answers: show the localized 404 page
 *    with status 404, as server HTML.
 * Localized paths (/fr/recherche) are mapped by rewrites in next.config.ts.
 */
export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const locale = pathname.split('/')[1];
  if (!isLocale(locale)) return negotiateLocale(request);
  if (isKnownPath(pathname)) return NextResponse.next();
  return NextResponse.rewrite(new URL(`/${locale}/page-not-found`, request.url), { status: 404 });
}

export const config = {
  // Everything but framework assets, API routes and files with an extension
  // (feeds, sitemaps, images, icons).
  matcher: ['/((?!api/|_next/|_vercel/|.*\\.[a-zA-Z0-9]+$).*)'],
};
