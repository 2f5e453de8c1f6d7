import type { Payload } from 'payload';
import { postgresMigrations, sqliteMigrations } from '@/migrations';

/**
 * Names of the committed migrations the database has not recorded. Payload's
 * migrate can exit 0 without running (payloadcms/payload#17757): starting is
 * refused rather than serving on a schema that does not match the code.
 */
export async function missingMigrations(payload: Payload): Promise<string[]> {
  const expected = (payload.db.name === 'postgres' ? postgresMigrations : sqliteMigrations).map((m) => m.name);
  const ran = await payload.find({ collection: 'payload-migrations', pagination: false, depth: 0, overrideAccess: true });
  const names = new Set(ran.docs.map((d) => String((d as { name?: unknown }).name)));
  return expected.filter((name) => !names.has(name));
}
