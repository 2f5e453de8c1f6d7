import { getConsentHistory } from '@/lib/api/consent-endpoints';
import { methodsNotAllowed } from '@/lib/api/json-responses';

// better-sqlite3 and pg are Node modules; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return getConsentHistory(id);
}

// HEAD is answered by Next from GET.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['GET', 'HEAD']);
