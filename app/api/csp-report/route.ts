import { methodsNotAllowed } from '@/lib/api/json-responses';
import { postCspReport } from '@/lib/api/csp-report-endpoint';

// Counts live in this process's memory; every answer depends on the request.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return postCspReport(request);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['POST']);
