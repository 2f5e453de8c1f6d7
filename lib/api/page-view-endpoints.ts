import { z } from 'zod';
import { locales } from '@/i18n/routing';
import { cspViolations } from '@/lib/csp-violations';
import { getStore } from '@/lib/store/get-store';
import { hasBearerToken } from './bearer-token';
import { jsonError, jsonResponse, storeUnavailable } from './json-responses';
import { readJsonBody } from './read-json-body';
import { validationErrorResponse } from './validation-error';

export const MAX_PAGE_PATH_LENGTH = 300;

// Characters of a URL path as browsers send it (RFC 3986 pchar, percent-encoded
// otherwise). No `?` or `#`: query strings can hold what readers typed (a
// search), which the audience figures have no need for.
const PAGE_PATH = /^\/(en|fr)(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?$/;
// A DNS host name (or IPv4 literal); no scheme, port, path or credentials.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * The beacon's whole vocabulary: which page, in which language, reached from
 * which site. Nothing identifies the reader (no id, no time finer than the
 * day the server assigns, no full referrer URL): data minimisation.
 */
export const pageViewSchema = z
  .strictObject({
    path: z
      .string()
      .max(MAX_PAGE_PATH_LENGTH, `must be at most ${MAX_PAGE_PATH_LENGTH} characters`)
      .regex(PAGE_PATH, 'must be a path under /en or /fr, without query string or fragment'),
    locale: z.enum(locales),
    referrerHost: z
      .string()
      .refine((host) => host === '' || HOST_NAME.test(host), 'must be a host name only (no scheme, port or path) or empty')
      .transform((host) => host.toLowerCase()),
  })
  .refine((view) => view.path.split('/')[1] === view.locale, {
    path: ['locale'],
    message: 'must be the language of path',
  });

/**
 * POST /api/metrics: one page view. `navigator.sendBeacon` with a string
 * sends text/plain (a "simple" request, no CORS preflight), so both types
 * are accepted and parsed as JSON. The browser sends it only after
 * `analytics` consent; the server cannot check that, and keeps nothing that
 * would make a view personal data anyway.
 */
export async function postPageView(request: Request): Promise<Response> {
  const body = await readJsonBody(request, { contentTypes: ['application/json', 'text/plain'] });
  if (!body.ok) return body.response;
  const parsed = pageViewSchema.safeParse(body.value);
  if (!parsed.success) return validationErrorResponse(parsed.error, body.value);
  try {
    const store = await getStore();
    await store.recordPageView(parsed.data, new Date());
  } catch (error) {
    return storeUnavailable(error, 'recording a page view');
  }
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

const summaryQuerySchema = z
  .object({
    from: z.iso.date('must be a date YYYY-MM-DD'),
    to: z.iso.date('must be a date YYYY-MM-DD'),
  })
  .refine((range) => range.from <= range.to, { path: ['to'], message: 'must not be before from' });

/**
 * GET /api/metrics/summary?from=YYYY-MM-DD&to=YYYY-MM-DD (UTC days,
 * inclusive): views per path and language, and the CSP violations this
 * process has counted since it started (`cspViolations`, whatever the range).
 * Only for the holder of METRICS_TOKEN; without that variable the endpoint
 * does not exist.
 */
export async function getPageViewSummary(request: Request): Promise<Response> {
  const token = process.env.METRICS_TOKEN;
  if (!token) return jsonError(404, 'Not found');
  if (!hasBearerToken(request, token)) {
    // Same answer for a missing and a wrong token, before anything is read or validated.
    return jsonError(401, 'A valid bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  const params = new URL(request.url).searchParams;
  const query = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const parsed = summaryQuerySchema.safeParse(query);
  if (!parsed.success) return validationErrorResponse(parsed.error, query);
  try {
    const store = await getStore();
    return jsonResponse({ ...(await store.pageViewSummary(parsed.data)), cspViolations: cspViolations().summary() }, 200);
  } catch (error) {
    return storeUnavailable(error, 'summarising page views');
  }
}
