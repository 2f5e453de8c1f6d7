import { Client } from 'pg';
import { SITE_TAG } from './cache-tags';
import { createChangeChannel } from './change-channel';

/**
 * A script wrote to the CMS (`npm run content:import`) and no server answered
 * its revalidation request: with PostgreSQL the instances that are running
 * elsewhere are told directly. It does not know what changed, so it says
 * everything (`site`), and marks the shared search index for a reseed by the
 * first search (`search_languages`, postgres-search.ts). Returns whether it
 * told anyone.
 */
export async function announceScriptChange(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const connectionString = env.DATABASE_URL?.trim();
  if (!connectionString) return false;
  const client = new Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('search_languages') IS NOT NULL AS exists");
    if (rows[0]?.exists) await client.query('DELETE FROM search_languages');
  } finally {
    await client.end();
  }
  const channel = createChangeChannel({ connectionString, instanceId: 'script' });
  try {
    await channel.publishToInstances({ tags: [SITE_TAG], upserted: [], removed: [] });
  } finally {
    await channel.close();
  }
  return true;
}
