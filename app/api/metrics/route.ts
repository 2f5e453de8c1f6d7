import { methodNotAllowed } from '@/lib/store/http/json-responses';
import { postPageView } from '@/lib/store/http/page-view-endpoints';

// better-sqlite3 and pg are Node modules; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postPageView(request);
}

const onlyPost = methodNotAllowed(['POST']);
export const GET = onlyPost;
export const HEAD = onlyPost;
export const PUT = onlyPost;
export const PATCH = onlyPost;
export const DELETE = onlyPost;
export const OPTIONS = onlyPost;
