import { revalidationToken, revalidationUrl } from '../../lib/publishing/revalidation-token';
import { announceScriptChange } from '../../lib/publishing/script-change';

/**
 * A write made outside the server reaches readers through the server's
 * revalidation endpoint. No server running is not an error: it reads the
 * database afresh when it starts.
 */
export async function notifyServer(reason: string): Promise<void> {
  const url = revalidationUrl();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${revalidationToken()}` },
      body: JSON.stringify({ reason }),
      signal: AbortSignal.timeout(15_000),
    });
    console.log(res.ok ? `Server caches updated (${url}).` : `The server at ${url} answered ${res.status}: its caches may be stale.`);
  } catch {
    // With PostgreSQL, instances running elsewhere still hear of it (lib/publishing/script-change.ts).
    const told = await announceScriptChange().catch(() => false);
    console.log(`No server answered at ${url}; ${told ? 'every running instance was told over PostgreSQL' : 'it will read the new content when it starts'}.`);
  }
}
