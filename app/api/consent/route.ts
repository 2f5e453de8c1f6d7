import { postConsentReceipt } from '@/lib/store/http/consent-endpoints';
import { methodNotAllowed } from '@/lib/store/http/json-responses';

// better-sqlite3 and pg are Node modules; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postConsentReceipt(request);
}

const onlyPost = methodNotAllowed(['POST']);
export const GET = onlyPost;
export const HEAD = onlyPost;
export const PUT = onlyPost;
export const PATCH = onlyPost;
export const DELETE = onlyPost;
export const OPTIONS = onlyPost;
