/**
 * Every answer of the store endpoints is JSON, errors included:
 * `{ "error": "<readable English sentence>", "field"?: "<path in the body>" }`.
 */
export interface ApiError {
  error: string;
  field?: string;
}

export function jsonResponse(body: unknown, status: number, headers: HeadersInit = {}): Response {
  const response = Response.json(body, { status, headers });
  // Answers depend on the request (and on the store): no shared cache may keep them.
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

export function jsonError(status: number, error: string, field?: string, headers: HeadersInit = {}): Response {
  const body: ApiError = field === undefined ? { error } : { error, field };
  return jsonResponse(body, status, headers);
}

/** A handler for every method a route does not serve: 405 with `Allow`. */
export function methodNotAllowed(allowed: readonly string[]): (request: Request) => Response {
  const allow = allowed.join(', ');
  return (request: Request) =>
    jsonError(405, `Method ${request.method} is not allowed here; use ${allow}`, undefined, { Allow: allow });
}

/** Store down or failing: the reader can retry, and learns nothing about our internals. */
export function storeUnavailable(error: unknown, operation: string): Response {
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : error;
  console.error(`[store] ${operation} failed:`, message);
  return jsonError(503, 'The store is unavailable; try again later', undefined, { 'Retry-After': '5' });
}
