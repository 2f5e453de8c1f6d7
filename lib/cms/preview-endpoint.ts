import { draftMode } from 'next/headers';
import { isLocale } from '@/i18n/routing';
import { localizedPath } from '@/i18n/paths';
import { cmsPayload } from '@/lib/content/live-content';
import { jsonError } from '@/lib/api/json-responses';

/**
 * GET /api/cms/preview?id=<article>&locale=<en|fr>: a signed-in editor's
 * preview of the latest draft, through Next's draft mode (a cookie that
 * bypasses every cache for that browser only). Anyone else gets a 401; no
 * reader ever sees a draft.
 */
export async function getPreview(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const id = url.searchParams.get('id') ?? '';
  const locale = url.searchParams.get('locale') ?? '';
  if (!/^\d{1,12}$/.test(id) || !isLocale(locale)) return jsonError(400, 'id (a number) and locale (en or fr) are required');
  const payload = await cmsPayload();
  const { user } = await payload.auth({ headers: request.headers });
  if (!user) return jsonError(401, 'Sign in to the CMS to preview drafts');
  const draft = await payload.findByID({ collection: 'articles', id, locale, draft: true, depth: 0, disableErrors: true, overrideAccess: true });
  const slug = typeof draft?.slug === 'string' ? draft.slug : null;
  if (!slug) return jsonError(404, 'This article has no slug in that language yet');
  (await draftMode()).enable();
  return new Response(null, { status: 307, headers: { Location: localizedPath(locale, '/articles/[slug]', { slug }), 'Cache-Control': 'no-store' } });
}
