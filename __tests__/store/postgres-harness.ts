import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { ConsentStore } from '@/lib/store/store-interface';
import { createPostgresStore } from '@/lib/store/postgres-store';
import type { StoreHarness } from './store-contract';

/** A store in a fresh schema of the test database, dropped afterwards, so runs never see each other's rows. */
export async function openPostgresHarness(connectionString: string): Promise<StoreHarness> {
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
  const store = await createPostgresStore({ connectionString, schema, poolSize: 20 });
  const opened: ConsentStore[] = [store];
  const raw = new Client({ connectionString, options: `-c search_path=${schema}` });
  await raw.connect();
  return {
    store,
    async reopen() {
      const again = await createPostgresStore({ connectionString, schema });
      opened.push(again);
      return again;
    },
    async query(sql) {
      return (await raw.query(sql)).rows as Record<string, unknown>[];
    },
    async columns(table) {
      const { rows } = await raw.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
        [schema, table],
      );
      return rows.map((row) => row.column_name);
    },
    async dispose() {
      for (const each of opened) await each.close();
      await raw.query(`DROP SCHEMA ${schema} CASCADE`);
      await raw.end();
    },
  };
}
