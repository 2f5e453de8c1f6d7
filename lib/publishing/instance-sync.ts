import { SITE_TAG } from './cache-tags';
import { changeChannel } from './change-channel';
import { applyChangeFromOtherInstance } from './publish-change';
import { revalidationUrl } from './revalidation-token';

const STARTED_KEY = Symbol.for('northern-dispatch.instance-sync');
type Holder = { [STARTED_KEY]?: Promise<void> };

/** How long a starting instance waits for its own server to listen before giving up the start refresh. */
const LISTEN_WAIT_MS = 120_000;

/** Resolves once this process's server answers HTTP (any status): Next's cache is reached through it outside a request. */
async function serverListening(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const answered = await fetch(revalidationUrl(), { method: 'POST', signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Every serving process calls this once at start (instrumentation.ts): a
 * change published by another instance, or missed while this one's
 * connection was down, runs the local layers here (publish-change.ts,
 * `applyChangeFromOtherInstance`). Without `DATABASE_URL` there is no other
 * instance and the in-process channel has nothing to deliver.
 *
 * An instance that was stopped missed the changes made meanwhile, and Next's
 * cache on its disk still holds the pages it rendered before: once its server
 * listens, it refreshes everything (`site`) once. The content snapshot is read
 * fresh at start anyway; this is for the pages.
 */
export function startInstanceSync(): Promise<void> {
  const holder = globalThis as Holder;
  holder[STARTED_KEY] ??= (async () => {
    const channel = changeChannel();
    if (channel.kind !== 'postgres') return;
    // Awaited by the channel: changes reach the layers one at a time, in order.
    channel.onChangeFromOtherInstance((change) => applyChangeFromOtherInstance(change).then(() => undefined));
    channel.onStatus((status) => console.log(`[changes] ${status}`));
    await channel.start();
    void serverListening(Date.now() + LISTEN_WAIT_MS).then(async (listening) => {
      if (!listening) {
        console.error('[changes] server not listening: pages rendered before this start may be stale until the next change');
        return;
      }
      await applyChangeFromOtherInstance({ id: channel.lastSeenId, origin: 'this instance’s start', tags: [SITE_TAG] });
    });
  })();
  return holder[STARTED_KEY];
}
