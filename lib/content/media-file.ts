import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '@/lib/cms/cms-environment';

/**
 * Uploaded images (the CMS's `media` collection): where their files live, the
 * names they get and the public URL readers load them from. One home for
 * these facts: the collection, the reader route (app/media/[name]), the
 * content mapping and the CMS request guard read them here.
 */

/** Where uploads are written: local disk, one folder per instance (docs/newsroom.md, "Images"). */
export function mediaDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'media');
}

/** What an editor may upload, by the type Payload detects in the bytes, with the extension it is served under. */
export const MEDIA_TYPES = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/svg+xml': ['svg'],
} as const satisfies Record<string, readonly string[]>;

export type MediaType = keyof typeof MEDIA_TYPES;

export const MEDIA_MIME_TYPES = Object.keys(MEDIA_TYPES) as MediaType[];

/** The public path of uploads; reader pages, feeds and JSON-LD use it. */
export const MEDIA_URL_PREFIX = '/media/';

/**
 * A file name the reader route will look up: one path segment, no dot at the
 * start (so no `..`), an image extension. Anything else is a 404 before any
 * lookup or disk access.
 */
export const MEDIA_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,199}\.(png|jpe?g|webp|avif|svg)$/i;

/** A hero image's reader URL: uploads under /media/, the seeded files under /images/. */
export const MEDIA_SRC_PATTERN = /^\/media\/[a-z0-9][a-z0-9._-]{0,199}\.(png|jpe?g|webp|avif|svg)$/i;

export function mediaUrl(filename: string): string {
  return `${MEDIA_URL_PREFIX}${encodeURIComponent(filename)}`;
}

/** The type a file is served with, from its extension (the upload checked the bytes). Null for anything else. */
export function mediaTypeOf(filename: string): MediaType | null {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (!extension) return null;
  for (const type of MEDIA_MIME_TYPES) if ((MEDIA_TYPES[type] as readonly string[]).includes(extension)) return type;
  return null;
}

/** Hex digits of the content hash in a stored name; 64 bits is plenty to tell uploads apart. */
const HASH_LENGTH = 16;

/**
 * Uploads are stored as `<readable-base>-<sha256 prefix>.<ext>`: the same
 * name always holds the same bytes, so readers and CDNs may keep the file a
 * year. Payload appends `-1`, `-2` when the same bytes are uploaded twice;
 * those names still hold the hashed bytes.
 */
const CONTENT_ADDRESSED = new RegExp(`-[0-9a-f]{${HASH_LENGTH}}(?:-\\d+)?\\.[a-z0-9]+$`);

export function isContentAddressed(filename: string): boolean {
  return CONTENT_ADDRESSED.test(filename);
}

/** The stored name of an upload: a readable base from the editor's file name, the content hash, the extension its type calls for. */
export function contentAddressedName(originalName: string, hash: string, type: string): string {
  const extensions = (MEDIA_TYPES as Record<string, readonly string[] | undefined>)[type];
  const originalExtension = /\.([a-z0-9]+)$/i.exec(originalName)?.[1]?.toLowerCase();
  const extension = extensions?.find((e) => e === originalExtension) ?? extensions?.[0] ?? originalExtension ?? 'bin';
  const base =
    originalName
      .replace(/\.[^.]*$/, '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'image';
  return `${base}-${hash.slice(0, HASH_LENGTH)}.${extension}`;
}

/** SHA-256 of an upload, from its bytes in memory or the temporary file Payload wrote. */
export async function hashUpload(file: { data?: Buffer; tempFilePath?: string }): Promise<string> {
  const hash = createHash('sha256');
  if (file.data && file.data.length > 0) return hash.update(file.data).digest('hex');
  if (!file.tempFilePath) throw new Error('The upload has neither bytes nor a temporary file');
  for await (const chunk of createReadStream(file.tempFilePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
