import config from '@payload-config';
import { getPayload, type Payload, type PayloadRequest } from 'payload';
import { isLocale, locales } from '@/i18n/routing';
import { readCmsContent } from './cms-content';
import { createContentRepository, type ContentRepository } from './repository';
import type { MediaLookup } from './media-response';

/**
 * The content readers see, read from the CMS once and kept in memory until a
 * change replaces it (lib/publishing). Pages between changes therefore cost
 * no database query, and a change costs one read of the published records.
 *
 * On globalThis rather than in module scope: Next evaluates a module once per
 * route bundle, and one process must hold one copy (the CMS hooks, every page
 * and the proxy all see the same).
 */
const HOLDER_KEY = Symbol.for('northern-dispatch.live-content');
type Holder = { [HOLDER_KEY]?: { current: Promise<ContentRepository>; version: number } };
const holder = globalThis as Holder;

export function cmsPayload(): Promise<Payload> {
  return getPayload({ config });
}

async function load(req?: Partial<PayloadRequest>): Promise<ContentRepository> {
  const payload = await cmsPayload();
  const { source, problems } = await readCmsContent(payload, { req });
  // A broken language version is left out; the rest of the site stays up.
  for (const p of problems) console.warn(`content: ${p.file}: ${p.field} ${p.message}`);
  return createContentRepository(source);
}

/** The published content, loaded on first use. */
export function getContent(): Promise<ContentRepository> {
  let state = holder[HOLDER_KEY];
  if (!state) {
    state = { current: load(), version: 0 };
    holder[HOLDER_KEY] = state;
    const pending = state.current;
    // A database that was down must not stay "down" for the life of the process.
    pending.catch(() => {
      if (holder[HOLDER_KEY]?.current === pending) delete holder[HOLDER_KEY];
    });
  }
  return state.current;
}

/**
 * Reads the CMS again and swaps the snapshot in; returns the one it replaced
 * (null when none was loaded) so the caller can tell what changed.
 */
export async function reloadContent(req?: Partial<PayloadRequest>): Promise<{ before: ContentRepository | null; after: ContentRepository }> {
  const previous = holder[HOLDER_KEY];
  const before = previous ? await previous.current.catch(() => null) : null;
  const after = await load(req);
  holder[HOLDER_KEY] = { current: Promise.resolve(after), version: (previous?.version ?? 0) + 1 };
  return { before, after };
}

/**
 * What an editor previewing a draft sees (Next's draft mode, never cached):
 * the published content with the latest draft of the article at this slug in
 * its place, in every language it has.
 */
export async function getPreviewContent(locale: string, slug: string): Promise<ContentRepository> {
  const published = await getContent();
  if (!isLocale(locale)) return published;
  const payload = await cmsPayload();
  const found = await payload.find({ collection: 'articles', locale, draft: true, where: { slug: { equals: slug } }, limit: 1, depth: 0, overrideAccess: true });
  const id = found.docs[0]?.id;
  if (id === undefined) return published;
  const { source } = await readCmsContent(payload, { draft: true, where: { id: { equals: id } } });
  const draftIds = new Set(source.files.map((f) => f.id));
  const files = [
    ...locales.flatMap((l) => published.listArticles(l)).filter((a) => !draftIds.has(a.id)),
    ...source.files,
  ];
  return createContentRepository({ taxonomy: { sections: published.listSections(), tags: published.listTags() }, files });
}

/** The upload a reader may fetch by its stored file name (`/media/<name>`), or null: only files a media document holds. */
export const findMediaFile: MediaLookup = async (filename) => {
  const payload = await cmsPayload();
  const found = await payload.find({ collection: 'media', where: { filename: { equals: filename } }, limit: 1, depth: 0, pagination: false, overrideAccess: true });
  const doc = found.docs[0] as { filename?: string | null; mimeType?: string | null } | undefined;
  return doc?.filename ? { filename: doc.filename, mimeType: doc.mimeType } : null;
};
