import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * True when the request carries `Authorization: Bearer <expected>`. Compared
 * in constant time over fixed-length digests, so neither the content nor the
 * length of the secret leaks through response timing.
 */
export function hasBearerToken(request: Request, expected: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const presented = match?.[1] ?? '';
  const same = timingSafeEqual(digest(presented), digest(expected));
  return same && presented.length > 0;
}
