/**
 * Next calls `register` once when a server process starts (never in the
 * build: NEXT_PHASE). The production server (server/production-server.ts, bundled by the build)
 * sets RETENTION_JOB=on, so the purge runs where the site is served and not
 * in `next dev`.
 *
 * With `DATABASE_URL` (several instances may share the database), the CMS
 * starts here, its migrations under an advisory lock (lib/cms/migration-lock.ts),
 * and this instance subscribes to the changes the others publish
 * (lib/publishing/instance-sync.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.RETENTION_JOB === 'on') {
    const { startRetentionJob } = await import('./lib/store/retention');
    startRetentionJob();
  }
  if (!process.env.DATABASE_URL?.trim()) return;
  const [{ withCmsMigrationLock }, { cmsPayload }, { startInstanceSync }] = await Promise.all([
    import('./lib/cms/migration-lock'),
    import('./lib/content/live-content'),
    import('./lib/publishing/instance-sync'),
  ]);
  try {
    await withCmsMigrationLock(() => cmsPayload());
  } catch (error) {
    // The first request tries again (and reports it); a database that is down must not stop the process.
    console.error('[cms] not started:', error instanceof Error ? error.message : error);
  }
  // Reconnects on its own after a failed first connection; only a change log that cannot be migrated rejects.
  await startInstanceSync().catch((error: unknown) => console.error('[changes] not listening:', error instanceof Error ? error.message : error));
}
