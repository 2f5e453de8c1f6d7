import type { PayloadRequest } from 'payload';

/** The part of a pg client our PostgreSQL modules need to write inside someone else's transaction. */
export type SqlClient = {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
};

/** drizzle-orm's node-postgres transaction keeps its pool client here (private in its types, public at run time). */
type DrizzleTransaction = { session?: { client?: unknown } };

const isSqlClient = (value: unknown): value is SqlClient =>
  typeof value === 'object' && value !== null && typeof (value as { query?: unknown }).query === 'function';

/**
 * The connection of the PostgreSQL transaction Payload opened for this
 * request, or null (SQLite, no transaction, a Payload that keeps it
 * elsewhere). A CMS hook that writes through it commits with the editor's
 * save, or not at all (docs/architecture/0009-postgres-search-and-change-channel.md).
 * We reach inside @payloadcms/drizzle (`db.sessions[id].db`) and drizzle-orm
 * (`session.client`): both are checked at run time, and a miss falls back to
 * writing after the save.
 */
export async function payloadTransactionClient(req: Partial<PayloadRequest> | undefined): Promise<SqlClient | null> {
  const db = req?.payload?.db as unknown as { name?: string; sessions?: Record<string, { db?: DrizzleTransaction }> } | undefined;
  if (!req?.transactionID || db?.name !== 'postgres' || !db.sessions) return null;
  const id = await req.transactionID;
  if (id === undefined || id === null) return null;
  const client = db.sessions[String(id)]?.db?.session?.client;
  return isSqlClient(client) ? client : null;
}

/**
 * Runs `work` inside a savepoint of someone else's transaction: a failure of
 * ours is rolled back to the savepoint and rethrown, and never aborts the
 * editor's save around it.
 */
export async function withinSavepoint<T>(client: SqlClient, name: string, work: () => Promise<T>): Promise<T> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Invalid savepoint name: ${name}`);
  await client.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await client.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
    throw error;
  }
}
