import { methodsNotAllowed } from '@/lib/api/json-responses';
import { postRevalidate } from '@/lib/publishing/revalidate-endpoint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postRevalidate(request);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['POST']);
