import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { beforeHeadersGoOut } from './response-hooks';

/**
 * Over https every cookie the server sets carries `Secure`, whoever wrote it:
 * the consent receipt (lib/api), and Payload's `payload-token`, whose
 * own `secure` follows SITE_ORIGIN (collections/users.ts) and so is missing
 * when an https proxy fronts a server configured with an http origin. A
 * cookie set over https and sent back over http would leak an editor's
 * session on the first plain request.
 */

export function arrivedOverHttps(req: IncomingMessage): boolean {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',', 1)[0]?.trim().toLowerCase();
  // `encrypted` exists on TLS sockets only.
  return forwarded === 'https' || (req.socket as Partial<TLSSocket> | undefined)?.encrypted === true;
}

/** One Set-Cookie value, with `Secure` when it lacks it. */
export function withSecure(cookie: string): string {
  return /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`;
}

/**
 * Adds `Secure` to every Set-Cookie of the answer, just before its headers go
 * out, when the request came over https.
 */
export function secureCookiesOverHttps(req: IncomingMessage, res: ServerResponse): void {
  if (!arrivedOverHttps(req)) return;
  beforeHeadersGoOut(res, () => {
    const cookies = res.getHeader('set-cookie');
    if (cookies !== undefined) {
      res.setHeader('Set-Cookie', (Array.isArray(cookies) ? cookies : [String(cookies)]).map(withSecure));
    }
  });
}
