import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MEDIA_CONTENT_SECURITY_POLICY } from '@/lib/security-headers';
import { NOT_FOUND_CACHE_CONTROL } from '@/lib/publishing/cache-policy';
import { isContentAddressed, MEDIA_MIME_TYPES, MEDIA_NAME_PATTERN, mediaTypeOf, type MediaType } from './media-file';

/**
 * The answer to a reader's `GET /media/<name>`: an uploaded image, streamed
 * from the media folder. Only a name that a `media` document holds is served
 * (a stray file in the folder is not); a bad, unknown or vanished name is a
 * 404, never a 500.
 */

export type MediaLookup = (filename: string) => Promise<{ filename: string; mimeType?: string | null } | null>;

/** A content-addressed name never changes its bytes: readers and CDNs keep it a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/**
 * A name from before uploads were named by content could be replaced: five
 * minutes. As `max-age` rather than `s-maxage`, which the production server's
 * page cache would read as a page to copy into memory (server/static-page-cache.ts).
 */
export const MUTABLE_CACHE_CONTROL = 'public, max-age=300';

function notFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': NOT_FOUND_CACHE_CONTROL, 'X-Content-Type-Options': 'nosniff' },
  });
}

const isMediaType = (type: unknown): type is MediaType => typeof type === 'string' && (MEDIA_MIME_TYPES as string[]).includes(type);

export async function mediaFileResponse(
  name: string,
  { method = 'GET', dir, lookup }: { method?: string; dir: string; lookup: MediaLookup },
): Promise<Response> {
  if (!MEDIA_NAME_PATTERN.test(name)) return notFound();
  const doc = await lookup(name);
  if (!doc || doc.filename !== name) return notFound();
  // The type Payload detected in the bytes at upload; the extension only when the record has none.
  const type = isMediaType(doc.mimeType) ? doc.mimeType : mediaTypeOf(name);
  if (!type) return notFound();
  let handle;
  try {
    handle = await open(join(dir, name), 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      console.warn(`media: ${name} belongs to a media document but is missing in ${dir}`);
      return notFound();
    }
    throw error;
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return notFound();
  }
  const headers = new Headers({
    'Content-Type': type,
    'Content-Length': String(stats.size),
    'Cache-Control': isContentAddressed(name) ? IMMUTABLE_CACHE_CONTROL : MUTABLE_CACHE_CONTROL,
    'Last-Modified': stats.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  // Also set for /media/ in next.config.ts, whose header list would otherwise put the site's policy here.
  if (type === 'image/svg+xml') headers.set('Content-Security-Policy', MEDIA_CONTENT_SECURITY_POLICY);
  if (method === 'HEAD') {
    await handle.close();
    return new Response(null, { status: 200, headers });
  }
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
