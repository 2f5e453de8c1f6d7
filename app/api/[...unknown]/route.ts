import { jsonError } from '@/lib/store/http/json-responses';

// API clients get JSON for every answer, including paths no endpoint serves.
export const dynamic = 'force-dynamic';

function notFound(): Response {
  return jsonError(404, 'No API endpoint at this path');
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
