import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConsentStore } from '@/lib/store/consent-store';
import { createSqliteStore } from '@/lib/store/sqlite-store';
import type { StoreHarness } from './store-contract';

/** A store on a fresh file in a temporary folder that does not exist yet (created on first use). */
export async function openSqliteHarness(): Promise<StoreHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'store-test-'));
  const filePath = join(folder, 'nested', 'site.sqlite');
  const store = createSqliteStore(filePath);
  const opened: ConsentStore[] = [store];
  const raw = new Database(filePath);
  return {
    store,
    async reopen() {
      const again = createSqliteStore(filePath);
      opened.push(again);
      return again;
    },
    async query(sql) {
      const statement = raw.prepare(sql);
      if (statement.reader) return statement.all() as Record<string, unknown>[];
      statement.run();
      return [];
    },
    async columns(table) {
      return (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
    },
    async dispose() {
      raw.close();
      for (const each of opened) await each.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
