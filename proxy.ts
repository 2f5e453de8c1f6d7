import { NextResponse, type NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { isLocale, routing } from './i18n/routing';
import { DRAFT_MODE_COOKIE } from './lib/publishing/cache-policy';
import { getContent } from './lib/content/live-content';
import { siteRoutes } from './lib/site-routes';

const negotiateLocale = createMiddleware(routing);

const FIRST_USER_VIEW = '/admin/create-first-user';

/**
 * next-intl writes NEXT_LOCALE on the redirect it negotiates. That is a
 * preferences cookie set before any choice (the cookie policy says only the
 * language switcher writes it), without Secure behind a TLS proxy; the
 * switcher sets it in the browser (lib/locale-cookie.ts), and the proxy still
 * reads it from the request.
 */
function withoutCookies(response: NextResponse): NextResponse {
  response.headers.delete('set-cookie');
  return response;
}

/**
 * Three jobs, and nothing on the happy path of a page:
 * 1. `/` and paths without a locale: pick the reader's language (NEXT_LOCALE
 *    cookie, then Accept-Language) and redirect.
 * 2. A former slug of an article: 308 to where it lives now.
 * 3. Paths under /en or /fr that no page answers: show the localized 404 page
 *    with status 404, as server HTML.
 * What exists comes from the published content (lib/content/live-content),
 * so a publish or a takedown changes the answer at once.
 * Localized paths (/fr/recherche) are mapped by rewrites in next.config.ts.
 */
export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // No "create first user" screen: the first editor comes from `npm run editor:add` (collections/users.ts).
  if (pathname.startsWith(FIRST_USER_VIEW)) {
    return new NextResponse('Editors are added with `npm run editor:add` on the server.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const locale = pathname.split('/')[1];
  if (!isLocale(locale)) return withoutCookies(negotiateLocale(request));
  const routes = siteRoutes(await getContent());
  if (routes.isKnownPath(pathname)) return NextResponse.next();
  const movedTo = routes.movedTo(pathname);
  if (movedTo) return NextResponse.redirect(new URL(movedTo, request.url), 308);
  if (request.cookies.has(DRAFT_MODE_COOKIE)) return NextResponse.next();
  return NextResponse.rewrite(new URL(`/${locale}/page-not-found`, request.url), { status: 404 });
}

export const config = {
  // Everything but framework assets, API routes (ours and the CMS's), the
  // admin, uploaded images (app/media) and files with an extension (feeds, sitemaps, images, icons).
  matcher: ['/((?!api/|cms/|media/|admin|_next/|_vercel/|.*\\.[a-zA-Z0-9]+$).*)', '/admin/create-first-user'],
};
