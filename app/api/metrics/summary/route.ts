import { methodsNotAllowed } from '@/lib/api/json-responses';
import { getPageViewSummary } from '@/lib/api/page-view-endpoints';

// better-sqlite3 and pg are Node modules; every answer depends on the request
// (and on METRICS_TOKEN at run time, not at build time).
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getPageViewSummary(request);
}

// HEAD is answered by Next from GET.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['GET', 'HEAD']);
