import { changeChannel } from './change-channel';
import { applyChangeFromOtherInstance } from './publish-change';

const STARTED_KEY = Symbol.for('northern-dispatch.instance-sync');
type Holder = { [STARTED_KEY]?: Promise<void> };

/**
 * Every serving process calls this once at start (instrumentation.ts): a
 * change published by another instance, or missed while this one's
 * connection was down, runs the local layers here (publish-change.ts,
 * `applyChangeFromOtherInstance`). Without `DATABASE_URL` there is no other
 * instance and the in-process channel has nothing to deliver.
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
  })();
  return holder[STARTED_KEY];
}
