import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConsentStore } from '@/lib/store/store-interface';
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
      try {
        const statement = raw.prepare(sql);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } catch (error) {
        // better-sqlite3's native part keeps the SqliteError class of the first
        // test file that loaded it in this worker: in later files that error
        // is not `instanceof Error`, and Jest's toThrow ignores it.
        throw new Error(String((error as { message?: unknown }).message ?? error));
      }
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
