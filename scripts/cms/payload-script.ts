import { getPayload, type Payload } from 'payload';
import { withCmsMigrationLock } from '../../lib/cms/migration-lock';

/**
 * Runs a script with Payload's Local API. Scripts default to production: a
 * Local API call outside it pushes the development schema and records a
 * "dev" migration that later blocks `migrate` at an interactive prompt.
 * Payload's own CLI sometimes exits 0 without doing anything on this stack
 * (payloadcms/payload#17757), so scripts call the API themselves.
 */
export async function runWithPayload(task: (payload: Payload) => Promise<void>): Promise<void> {
  (process.env as Record<string, string>).NODE_ENV ??= 'production';
  // Jobs (scheduled publishing) run in the server, never in a one-off script.
  process.env.CMS_JOBS = '0';
  const { default: config } = await import('../../payload.config');
  // Payload migrates as it starts: one process at a time per database (lib/cms/migration-lock.ts).
  const payload = await withCmsMigrationLock(() => getPayload({ config }));
  let failed = false;
  try {
    await task(payload);
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : error);
  } finally {
    await payload.destroy().catch(() => undefined);
  }
  process.exit(failed ? 1 : 0);
}
