import type Database from 'better-sqlite3';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next batch; resolves once the batch is durably committed. */
  enqueue<T>(write: () => T): Promise<T>;
  /** Commits whatever is waiting now (before closing the database). */
  flush(): void;
}

/**
 * Group commit for SQLite. A receipt is legal proof, so the database keeps
 * `synchronous = FULL`: every commit waits for an fsync, about 10 ms on a
 * virtual disk, and better-sqlite3 waits on the event loop, stalling every
 * other request. Writes arriving in the same turn of the event loop are
 * therefore committed together, one fsync for the lot; each write still
 * resolves only once it is on disk. Each write runs in its own savepoint, so
 * one failing write (a constraint) fails alone.
 */
export function createGroupCommit(db: Database.Database): GroupCommit {
  let pending: PendingWrite[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const { write } of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: db.transaction(write)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) resolve(outcome.value);
      else reject(outcome ? outcome.error : new Error('write was not run'));
    });
  }

  return {
    enqueue<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // After the I/O callbacks of this turn, so concurrent requests join one batch.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
