import { methodsNotAllowed } from '@/lib/api/json-responses';
import { postPageView } from '@/lib/api/page-view-endpoints';

// better-sqlite3 and pg are Node modules; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postPageView(request);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['POST']);
