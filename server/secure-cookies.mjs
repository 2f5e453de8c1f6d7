// @ts-check

/**
 * Over https every cookie the server sets carries `Secure`, whoever wrote it:
 * the consent receipt (lib/store/http), and Payload's `payload-token`, whose
 * own `secure` follows SITE_ORIGIN (collections/users.ts) and so is missing
 * when an https proxy fronts a server configured with an http origin. A
 * cookie set over https and sent back over http would leak an editor's
 * session on the first plain request.
 */

/** @param {import('node:http').IncomingMessage} req */
export function arrivedOverHttps(req) {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',', 1)[0]?.trim().toLowerCase();
  // @ts-expect-error -- `encrypted` exists on TLS sockets only
  return forwarded === 'https' || req.socket?.encrypted === true;
}

/**
 * @param {string} cookie one Set-Cookie value
 */
export function withSecure(cookie) {
  return /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`;
}

/**
 * Adds `Secure` to every Set-Cookie of the answer, just before its headers go
 * out, when the request came over https.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function secureCookiesOverHttps(req, res) {
  if (!arrivedOverHttps(req)) return;
  const originalWriteHead = res.writeHead.bind(res);
  // @ts-expect-error -- same signature, forwarded as is
  res.writeHead = (...args) => {
    const headers = args.find((arg, i) => i > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (name.toLowerCase() === 'set-cookie' && value !== undefined) {
        res.setHeader('Set-Cookie', value);
        delete headers[name];
      }
    }
    const cookies = res.getHeader('set-cookie');
    if (cookies !== undefined) {
      res.setHeader('Set-Cookie', (Array.isArray(cookies) ? cookies : [String(cookies)]).map(withSecure));
    }
    // @ts-expect-error -- forwarded as is
    return originalWriteHead(...args);
  };
}
