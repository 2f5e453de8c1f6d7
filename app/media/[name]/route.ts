import { cmsPayload } from '@/lib/content/live-content';
import { mediaDir } from '@/lib/content/media-file';
import { mediaFileResponse, type MediaLookup } from '@/lib/content/media-response';

// Uploaded images for readers (hero images): the CMS's own file URL answers signed-in editors only.
const lookup: MediaLookup = async (filename) => {
  const payload = await cmsPayload();
  const found = await payload.find({ collection: 'media', where: { filename: { equals: filename } }, limit: 1, depth: 0, pagination: false, overrideAccess: true });
  const doc = found.docs[0] as { filename?: string | null; mimeType?: string | null } | undefined;
  return doc?.filename ? { filename: doc.filename, mimeType: doc.mimeType } : null;
};

export async function GET(request: Request, { params }: RouteContext<'/media/[name]'>) {
  return mediaFileResponse((await params).name, { method: request.method, dir: mediaDir(), lookup });
}

export { GET as HEAD };
