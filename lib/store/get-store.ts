import { isAbsolute, join, resolve } from 'node:path';
import type { ConsentStore } from './store-interface';

export type StoreConfig =
  | { kind: 'sqlite'; filePath: string }
  | { kind: 'postgres'; connectionString: string };

export const DEFAULT_SQLITE_FILE = 'site.sqlite';

/**
 * `DATABASE_URL` selects PostgreSQL (several instances share one database).
 * Otherwise SQLite: `SQLITE_PATH` names the file, or `DATA_DIR` the folder
 * holding `site.sqlite`, default `./data`. Relative paths are resolved from
 * the working directory.
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { kind: 'postgres', connectionString: databaseUrl };
  const explicitFile = env.SQLITE_PATH?.trim();
  const file = explicitFile || join(env.DATA_DIR?.trim() || 'data', DEFAULT_SQLITE_FILE);
  return { kind: 'sqlite', filePath: isAbsolute(file) ? file : resolve(process.cwd(), file) };
}

async function openStore(config: StoreConfig): Promise<ConsentStore> {
  // Loaded on demand so a PostgreSQL deployment never loads the native SQLite
  // module, and the reverse.
  if (config.kind === 'postgres') {
    const { createPostgresStore } = await import('./postgres-store');
    return createPostgresStore({ connectionString: config.connectionString });
  }
  const { createSqliteStore } = await import('./sqlite-store');
  return createSqliteStore(config.filePath);
}

// On globalThis rather than in module scope: Next can evaluate this module once
// per route bundle, and one process must hold one SQLite handle / one pool.
const STORE_KEY = Symbol.for('northern-dispatch.consent-store');
type StoreHolder = { [STORE_KEY]?: Promise<ConsentStore> };
const holder = globalThis as StoreHolder;

/** The process-wide store chosen by the environment, opened (and migrated) on first use. */
export function getStore(): Promise<ConsentStore> {
  let pending = holder[STORE_KEY];
  if (!pending) {
    pending = openStore(storeConfigFromEnv());
    holder[STORE_KEY] = pending;
    // A database that was down must not stay "down" for the life of the process.
    pending.catch(() => {
      if (holder[STORE_KEY] === pending) delete holder[STORE_KEY];
    });
  }
  return pending;
}

/** Closes the process-wide store; the next `getStore()` opens a new one. */
export async function closeStore(): Promise<void> {
  const pending = holder[STORE_KEY];
  delete holder[STORE_KEY];
  if (!pending) return;
  const store = await pending.catch(() => undefined);
  await store?.close();
}
