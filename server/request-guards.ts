// Requests the production server answers itself, before Next.js, because
// Next would answer them with a 500 or leave the connection stuck.
// Found by the hostile-input suite (scripts/hardening/).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { securityHeaders } from '../lib/security-headers';
import { beforeHeadersGoOut } from './response-hooks';

/**
 * The methods the site answers. Others either crash inside Next (TRACE and
 * TRACK are "forbidden methods" for the WHATWG `Request` Next builds for
 * every request: a 500), render a page as if they were GET (PROPFIND, PURGE)
 * or get an empty 400 from an API route: all get a 405 here instead.
 */
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const SERVED = new Set(SERVED_METHODS);
const READ_METHODS = new Set(['GET', 'HEAD']);
/** The admin and Next's own assets take other methods (the admin's server functions POST to /admin). */
const NEWSROOM_PATHS = /^\/(?:admin(?:\/|$)|_next\/)/;

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/cms/api/');
}

/**
 * True when every %XX sequence of the path decodes to valid UTF-8. Next
 * decodes route parameters with decodeURIComponent, which throws on `%C0%AF`,
 * `%FF` or a lone `%`, and turns that into a 500.
 */
export function hasValidPercentEncoding(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The site's baseline headers (lib/security-headers.ts), with a policy that
 * allows nothing: an error answer has nothing to load or run.
 */
const ERROR_ANSWER_HEADERS = [
  ...securityHeaders({ gaEnabled: false }).filter(({ key }) => key !== 'Content-Security-Policy' && key !== 'Reporting-Endpoints'),
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
];

/**
 * A short error answer: JSON `{ "error": ... }` under /api/ (the API's
 * contract), bilingual plain text elsewhere.
 */
function answer(res: ServerResponse, status: number, api: boolean, message: { en: string; fr: string }, headers: Record<string, string> = {}): void {
  const body = api
    ? JSON.stringify({ error: message.en })
    : `${status} ${http.STATUS_CODES[status] ?? ''}: ${message.en}\n${status}\u00a0: ${message.fr}\n`;
  res.statusCode = status;
  res.setHeader('Content-Type', api ? 'application/json' : 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Cache-Control', 'no-store');
  for (const { key, value } of ERROR_ANSWER_HEADERS) res.setHeader(key, value);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/**
 * Request targets that are not a path (RFC 9112 §3.2): `OPTIONS *` is
 * answered here (Next throws "Invalid URL" on it), an absolute URL keeps only
 * its path and query (its host must never reach a redirect: Next would send
 * the reader to `http://<that host>/...`), anything else is a 400. Returns
 * true when answered.
 */
function answerOtherRequestTarget(req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? '';
  if (target === '*' && req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.setHeader('Allow', SERVED_METHODS.join(', '));
    res.end();
    return true;
  }
  let url: URL | null = null;
  try {
    url = new URL(target);
  } catch {
    // not an absolute URL
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
    req.url = `${url.pathname}${url.search}`;
    return false;
  }
  answer(res, 400, false, {
    en: 'The request target must be a path',
    fr: 'La cible de la requête doit être un chemin',
  });
  return true;
}

/**
 * Answers the requests Next cannot take; returns true when it did.
 */
export function answerUnservable(req: IncomingMessage, res: ServerResponse): boolean {
  if (!(req.url ?? '/').startsWith('/') && answerOtherRequestTarget(req, res)) return true;
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const api = isApiPath(path);
  if (!SERVED.has(req.method ?? '')) {
    answer(
      res,
      405,
      api,
      { en: `Method ${req.method} is not allowed`, fr: `La méthode ${req.method} n’est pas permise` },
      { Allow: SERVED_METHODS.join(', ') },
    );
    return true;
  }
  // Reader pages are documents: only GET and HEAD. A POST would reach Next's
  // server-action parsing (the admin's layout defines one) and a junk body
  // there is a 500.
  if (!api && !NEWSROOM_PATHS.test(path) && !READ_METHODS.has(req.method ?? '')) {
    answer(
      res,
      405,
      false,
      { en: `Method ${req.method} is not allowed on a page`, fr: `La méthode ${req.method} n’est pas permise sur une page` },
      { Allow: 'GET, HEAD' },
    );
    return true;
  }
  if (!hasValidPercentEncoding(path)) {
    answer(res, 400, api, {
      en: 'The URL path is not valid percent-encoded UTF-8',
      fr: 'Le chemin de l’adresse n’est pas de l’UTF-8 encodé correctement',
    });
    return true;
  }
  return false;
}

/**
 * When the answer starts before the request body was read to its end (a
 * route refusing an oversized upload after 2 KB), the rest of the body is
 * still on the connection and Node will not read it: the next request on that
 * keep-alive connection would wait forever. Such answers close the connection.
 */
export function closeConnectionIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  // Only requests that carry a body: a GET's message is complete only after
  // the handler starts, and a page answered at once must keep its connection.
  const hasBody = 'transfer-encoding' in req.headers || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody) return;
  beforeHeadersGoOut(res, () => {
    if (!req.complete) res.setHeader('Connection', 'close');
  });
}

/** Node's own answers to requests its HTTP parser refuses (see _http_server.js). */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The URL or the request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'The chunk extensions of the body are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive'],
};

/**
 * Answers a request Node's HTTP parser refused (header overflow, malformed
 * request line or framing) with a body naming the problem, where Node sends
 * an empty one: JSON `{ "error": ... }` unless the request line shows a path
 * outside /api/ (API clients expect JSON errors). Like Node's default, only
 * when no answer is already being written on the connection; the body only
 * when the request line is readable and is not a HEAD.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // Node's own field, which its default clientError handler checks: the answer in progress on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: { _headerSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?._headerSent) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1'];
  const requestLine = error.rawPacket ? /^([A-Z-]{1,20}) (\S{1,64})/.exec(error.rawPacket.subarray(0, 96).toString('latin1')) : null;
  const method = requestLine?.[1];
  const target = requestLine?.[2] ?? '';
  const api = /^\/api(?:[/?#]|$)/.test(target);
  const body = !method || method === 'HEAD' ? '' : api ? JSON.stringify({ error: message }) : `${status} ${http.STATUS_CODES[status] ?? ''}: ${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      (method ? `Content-Type: ${api ? 'application/json' : 'text/plain; charset=utf-8'}\r\n` : '') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      '\r\n' +
      body,
  );
  // A client still sending gets no more than this to finish reading the answer.
  setTimeout(() => socket.destroy(), 2000).unref();
}

/**
 * Sign-in attempts per client address: Payload locks an account after five
 * failures (collections/users.ts), but a flood across many accounts, or one
 * that only wants to lock editors out, is slowed here first. Ten attempts per
 * address per five minutes; a 429 with Retry-After past that. Behind a CDN or
 * load balancer the address is the last proxy's unless TRUST_PROXY=1, where the
 * first X-Forwarded-For hop is used.
 */
export function createLoginThrottle({ limit = 10, windowMs = 5 * 60_000, now = Date.now }: { limit?: number; windowMs?: number; now?: () => number } = {}) {
  const attempts = new Map<string, number[]>();
  const MAX_ADDRESSES = 10_000;

  function clientAddress(req: IncomingMessage): string {
    const forwarded = process.env.TRUST_PROXY === '1' ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  }

  /** Answers a throttled sign-in with 429; returns true when it did. */
  return function throttleLogin(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || (req.url ?? '').split('?', 1)[0] !== '/cms/api/users/login') return false;
    const address = clientAddress(req);
    const time = now();
    const recent = (attempts.get(address) ?? []).filter((t) => t > time - windowMs);
    if (recent.length >= limit) {
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? time) + windowMs - time) / 1000));
      answer(res, 429, true, { en: 'Too many sign-in attempts; try again later', fr: 'Trop de tentatives de connexion; réessayez plus tard' }, { 'Retry-After': String(retryAfter) });
      return true;
    }
    recent.push(time);
    if (!attempts.has(address) && attempts.size >= MAX_ADDRESSES) attempts.delete(attempts.keys().next().value ?? '');
    attempts.set(address, recent);
    return false;
  };
}
