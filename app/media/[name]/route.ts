import { findMediaFile } from '@/lib/content/live-content';
import { mediaDir } from '@/lib/content/media-file';
import { mediaFileResponse } from '@/lib/content/media-response';

// Uploaded images for readers (hero images): the CMS's own file URL answers signed-in editors only.
export async function GET(request: Request, { params }: RouteContext<'/media/[name]'>) {
  return mediaFileResponse((await params).name, { method: request.method, dir: mediaDir(), lookup: findMediaFile });
}

export { GET as HEAD };
