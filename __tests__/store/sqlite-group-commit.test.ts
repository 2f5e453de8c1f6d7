/** @jest-environment node */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommit } from '@/lib/store/sqlite-group-commit';

describe('SQLite group commit', () => {
  let folder: string;
  let writer: Database.Database;
  let reader: Database.Database;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(folder, 'test.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE items (n INTEGER NOT NULL CHECK (n >= 0))');
    reader = new Database(file, { readonly: true });
  });

  afterEach(() => {
    reader.close();
    if (writer.open) writer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const insert = (n: number) => () => writer.prepare('INSERT INTO items (n) VALUES (?)').run(n).changes;
  const committedCount = () => (reader.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;

  it('commits writes of the same turn in one transaction, and resolves only after the commit', async () => {
    const group = createGroupCommit(writer);
    const seenByOtherConnection: number[] = [];
    const writes = [1, 2, 3].map((n) =>
      group.enqueue(() => {
        insert(n)();
        seenByOtherConnection.push(committedCount());
      }),
    );
    expect(committedCount()).toBe(0);
    await Promise.all(writes);

    // Another connection saw none of the batch while it ran: one transaction, not three.
    expect(seenByOtherConnection).toEqual([0, 0, 0]);
    expect(committedCount()).toBe(3);
  });

  it('fails only the write that fails; the rest of the batch is stored', async () => {
    const group = createGroupCommit(writer);
    const results = await Promise.allSettled([group.enqueue(insert(1)), group.enqueue(insert(-1)), group.enqueue(insert(2))]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint/);
    expect(reader.prepare('SELECT n FROM items ORDER BY rowid').all()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('rejects every write of a batch whose commit cannot happen', async () => {
    const group = createGroupCommit(writer);
    const writes = [group.enqueue(insert(1)), group.enqueue(insert(2))];
    writer.close();
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('flush() commits what is waiting at once, before the database is closed', async () => {
    const group = createGroupCommit(writer);
    const write = group.enqueue(insert(7));
    group.flush();
    writer.close();
    await expect(write).resolves.toBe(1);
    expect(committedCount()).toBe(1);
  });
});
