import {
  createOutageLog,
  describeStoreError,
  FAILURE_RETRY_AFTER_SECONDS,
  isStoreUnavailable,
  OUTAGE_RETRY_AFTER_SECONDS,
} from '../store/store-unavailable';

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

/** Every method a route handler can export. */
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];
type Handler = (request: Request) => Response;

/**
 * The same handler under every method name, for a route to export:
 * `export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod(notFound);`
 */
export function everyMethod<H extends Handler>(handler: H): Record<RouteMethod, H> {
  return Object.fromEntries(ROUTE_METHODS.map((method) => [method, handler])) as Record<RouteMethod, H>;
}

/**
 * A 405 with `Allow` under the name of every method a route does not serve,
 * to export beside the ones it does:
 * `export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['POST']);`
 * Allowed methods are left out, so exporting a 405 for one of them does not compile.
 * (A route that serves GET lists HEAD as allowed: Next answers HEAD from GET.)
 */
export function methodsNotAllowed<const Allowed extends readonly RouteMethod[]>(
  allowed: Allowed,
): Record<Exclude<RouteMethod, Allowed[number]>, Handler> {
  const allow = allowed.join(', ');
  const notAllowed: Handler = (request) =>
    jsonError(405, `Method ${request.method} is not allowed here; use ${allow}`, undefined, { Allow: allow });
  const handlers: Partial<Record<RouteMethod, Handler>> = everyMethod(notAllowed);
  for (const method of allowed) delete handlers[method];
  return handlers as Record<Exclude<RouteMethod, Allowed[number]>, Handler>;
}

const outageLog = createOutageLog();

/**
 * Store down or failing: 503, never a 500 (the request was fine) and never
 * our internals. An outage (database restarting or out of reach, see
 * store-unavailable.ts) asks the client to retry in a few seconds and is
 * logged once in a while; any other failure asks for a longer wait and is
 * logged every time.
 */
export function storeUnavailable(error: unknown, operation: string): Response {
  const outage = isStoreUnavailable(error);
  if (outage) outageLog.failed(operation, error);
  else console.error(`[store] ${operation} failed:`, describeStoreError(error));
  const retryAfter = outage ? OUTAGE_RETRY_AFTER_SECONDS : FAILURE_RETRY_AFTER_SECONDS;
  return jsonError(503, 'The store is unavailable; try again later', undefined, { 'Retry-After': String(retryAfter) });
}
