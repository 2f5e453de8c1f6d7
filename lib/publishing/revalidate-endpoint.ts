import { z } from 'zod';
import { hasBearerToken } from '@/lib/api/bearer-token';
import { jsonError, jsonResponse } from '@/lib/api/json-responses';
import { readJsonBody } from '@/lib/api/read-json-body';
import { validationErrorResponse } from '@/lib/api/validation-error';
import { publishChange, revalidateRoutes } from './publish-change';
import { revalidationToken } from './revalidation-token';

const body = z.union([
  // A script wrote to the CMS outside the server: find out what changed and push it everywhere.
  z.strictObject({ reason: z.string().trim().min(1).max(200) }),
  // A scheduled job ran outside a request: its changes are known, only Next's cache needs the request.
  z.strictObject({ routePaths: z.array(z.string().startsWith('/').max(600)).max(5000), everything: z.boolean() }),
]);

/** POST /api/cms/revalidate: secret-protected; see docs/api.md. */
export async function postRevalidate(request: Request): Promise<Response> {
  if (!hasBearerToken(request, revalidationToken())) return jsonError(401, 'A valid bearer token is required');
  const read = await readJsonBody(request, { contentTypes: ['application/json'], maxBytes: 512 * 1024 });
  if (!read.ok) return read.response;
  const parsed = body.safeParse(read.value);
  if (!parsed.success) return validationErrorResponse(parsed.error, read.value);
  if ('routePaths' in parsed.data) {
    revalidateRoutes(parsed.data.routePaths, parsed.data.everything);
    return jsonResponse({ revalidated: parsed.data.routePaths.length }, 200);
  }
  const report = await publishChange(parsed.data.reason);
  return jsonResponse({ tags: report.tags, routes: report.routePaths.length, elapsedMs: report.elapsedMs }, 200);
}
