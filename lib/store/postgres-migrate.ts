import { Pool, type PoolClient } from 'pg';
import { logIdleConnectionErrors } from './store-unavailable';

export type PostgresMigration = { version: number; description: string; sql: string };

export type MigrationPlan = {
  /** Arbitrary constant per schema history, so that two histories never wait on each other. */
  lockKey: number;
  /** Records which versions of this history were applied. */
  versionTable: string;
  migrations: readonly PostgresMigration[];
  /** Schema created if missing before the history runs; default: the role's search_path. */
  schema?: string;
};

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Brings one schema history up to date in one transaction. Instances that
 * start together queue on a transaction-scoped advisory lock keyed by the
 * history and the search_path (rather than current_schema(), which is NULL
 * before the schema exists), so each migration runs once.
 */
export async function migrateUnderAdvisoryLock(client: PoolClient, plan: MigrationPlan): Promise<void> {
  const { lockKey, versionTable, migrations, schema } = plan;
  if (!TABLE_NAME.test(versionTable)) throw new Error(`Invalid version table name: ${versionTable}`);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_setting('search_path')))", [lockKey]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${versionTable} (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>(`SELECT COALESCE(MAX(version), 0)::int AS version FROM ${versionTable}`);
    const currentVersion = rows[0]?.version ?? 0;
    for (const migration of migrations) {
      if (migration.version <= currentVersion) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${versionTable} (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * A pool for one of our PostgreSQL modules (store, search): a database that is
 * down turns into a quick error, not a hung request, and an idle connection
 * dropped by the server is logged (without a listener Node would exit; the next
 * query opens a new connection).
 */
export function createPostgresPool({ connectionString, schema, poolSize = 10, label }: { connectionString: string; schema?: string; poolSize?: number; label: string }): Pool {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  const pool = new Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  logIdleConnectionErrors(pool, label);
  return pool;
}
