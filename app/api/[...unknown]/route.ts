import { everyMethod, jsonError } from '@/lib/api/json-responses';

// API clients get JSON for every answer, including paths no endpoint serves.
export const dynamic = 'force-dynamic';

function notFound(): Response {
  return jsonError(404, 'No API endpoint at this path');
}

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod(notFound);
