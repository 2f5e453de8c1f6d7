import { Client } from 'pg';
import { cmsDatabase } from './cms-environment';

// Arbitrary constant: one CMS migration at a time per database.
export const CMS_MIGRATION_LOCK_KEY = 5_050_030;

/**
 * Payload migrates when it starts in production (@payloadcms/db-postgres
 * `connect` runs `migrate({ migrations: prodMigrations })`) with no lock: it
 * reads which migrations ran, then runs the others, so two instances starting
 * together on a new database both run the first migration and one fails
 * half-way. `work` (whatever first starts Payload in this process) runs
 * under a session-level advisory lock, as the consent store's migrations do
 * (lib/store/postgres-migrate.ts): the second instance waits, then finds
 * nothing left to run. SQLite (one file, one server) needs no lock.
 */
export async function withCmsMigrationLock<T>(work: () => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const database = cmsDatabase(env);
  if (database.kind !== 'postgres') return work();
  const client = new Client({ connectionString: database.connectionString, connectionTimeoutMillis: 10_000, application_name: 'news-cms-migrate' });
  client.on('error', (error) => console.error('[cms] migration lock connection failed:', error.message));
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [CMS_MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    // Ending the session releases the lock, whatever happened to `work`.
    await client.end().catch(() => undefined);
  }
}
