import type { PayloadRequest } from 'payload';
import { publishChange } from './publish-change';

/**
 * Collection hooks call these after every write. The work happens in
 * lib/publishing/publish-change.ts; a failure there is logged, never thrown
 * back into the editor's save.
 */
export async function publishContentChange(req: PayloadRequest, reason: string): Promise<void> {
  // Seed imports and scripts outside the server reach the caches through the revalidation endpoint instead.
  if (req.context?.skipPublishing) return;
  try {
    await publishChange(reason, req);
  } catch (error) {
    console.error(`publishing: ${reason}:`, error);
  }
}
