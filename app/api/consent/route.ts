import { postConsentReceipt } from '@/lib/api/consent-endpoints';
import { methodsNotAllowed } from '@/lib/api/json-responses';

// better-sqlite3 and pg are Node modules; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postConsentReceipt(request);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['POST']);
