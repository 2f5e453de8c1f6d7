/**
 * Next calls `register` once when a server process starts. The production
 * server (server/production-server.mjs) sets RETENTION_JOB=on, so the purge
 * runs where the site is served and not in `next build`'s workers or in
 * `next dev`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.RETENTION_JOB !== 'on') return;
  const { startRetentionJob } = await import('./lib/store/retention');
  startRetentionJob();
}
