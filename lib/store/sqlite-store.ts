import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Locale } from '@/i18n/routing';
import type {
  ConsentMethod,
  ConsentReceipt,
  ConsentSource,
  ConsentStore,
  DayRange,
  PageView,
  PageViewSummary,
  StoredConsentReceipt,
} from './store-interface';
import { utcDay } from './store-interface';
import { MIGRATIONS } from './migrations';
import type { RetentionCutoffs } from './retention-policy';
import { createGroupCommit } from './sqlite-group-commit';

interface ReceiptRow {
  consent_id: string;
  policy_revision: number;
  preferences: number;
  analytics: number;
  marketing: number;
  method: ConsentMethod;
  language: Locale;
  source: ConsentSource;
  gpc: number;
  client_first_decided_at: number;
  client_decided_at: number;
  received_at_ms: number;
}

/** Creates the schema or brings it up to date; safe to run on every start. */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  // IMMEDIATE takes the write lock before reading the version, so two
  // processes starting on the same file cannot both apply a migration.
  db.transaction(() => {
    const current = db.prepare<[], { version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM schema_version').get();
    const currentVersion = current?.version ?? 0;
    const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= currentVersion) continue;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
  }).immediate();
}

function toStoredReceipt(row: ReceiptRow): StoredConsentReceipt {
  return {
    consentId: row.consent_id,
    policyRevision: row.policy_revision,
    categories: {
      preferences: row.preferences === 1,
      analytics: row.analytics === 1,
      marketing: row.marketing === 1,
    },
    method: row.method,
    language: row.language,
    source: row.source,
    gpc: row.gpc === 1,
    firstDecidedAt: row.client_first_decided_at,
    decidedAt: row.client_decided_at,
    receivedAt: new Date(row.received_at_ms),
  };
}

/**
 * The default store: one SQLite file, no setup. Its folder is created on
 * first use. One process at a time writes (SQLite serialises writers); for
 * several instances behind a load balancer use PostgreSQL.
 */
export function createSqliteStore(filePath: string): ConsentStore {
  mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  // A receipt is legal proof: every commit waits for the disk (NORMAL would
  // lose the last commits on power loss in WAL mode). Group commit keeps
  // that affordable.
  db.pragma('synchronous = FULL');
  // Another process (a second `next start`, a backup) may hold the lock briefly.
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  const groupCommit = createGroupCommit(db);

  const insertReceipt = db.prepare(`INSERT INTO consent_receipts (
      consent_id, policy_revision, preferences, analytics, marketing, method,
      language, source, gpc, client_first_decided_at, client_decided_at, received_at_ms
    ) VALUES (
      @consentId, @policyRevision, @preferences, @analytics, @marketing, @method,
      @language, @source, @gpc, @firstDecidedAt, @decidedAt, @receivedAtMs
    )`);
  const selectHistory = db.prepare<[string], ReceiptRow>(
    'SELECT * FROM consent_receipts WHERE consent_id = ? ORDER BY seq',
  );
  const countView = db.prepare(`INSERT INTO page_view_days (day, path, locale, referrer_host, views)
    VALUES (?, ?, ?, ?, 1)
    ON CONFLICT (day, path, locale, referrer_host) DO UPDATE SET views = views + 1`);
  const selectPages = db.prepare<[string, string], { path: string; locale: Locale; views: number }>(
    `SELECT path, locale, SUM(views) AS views FROM page_view_days
      WHERE day BETWEEN ? AND ? GROUP BY path, locale ORDER BY views DESC, path, locale`,
  );
  const selectReferrers = db.prepare<[string, string], { host: string; views: number }>(
    `SELECT referrer_host AS host, SUM(views) AS views FROM page_view_days
      WHERE day BETWEEN ? AND ? GROUP BY referrer_host ORDER BY views DESC, referrer_host`,
  );

  const recordPurge = db.prepare(`INSERT INTO retention_purges (ran_at_ms, receipts_received_before_ms, page_views_before_day)
    VALUES (?, ?, ?)`);
  const deleteReceipts = db.prepare('DELETE FROM consent_receipts WHERE received_at_ms < ?');
  const deletePageViews = db.prepare('DELETE FROM page_view_days WHERE day < ?');
  const countPurge = db.prepare(
    'UPDATE retention_purges SET receipts_deleted = ?, page_view_rows_deleted = ? WHERE seq = ?',
  );
  const purge = (cutoffs: RetentionCutoffs, ranAt: Date) => {
    const { lastInsertRowid } = recordPurge.run(
      ranAt.getTime(),
      cutoffs.receiptsReceivedBefore.getTime(),
      cutoffs.pageViewsBeforeDay,
    );
    const receiptsDeleted = deleteReceipts.run(cutoffs.receiptsReceivedBefore.getTime()).changes;
    const pageViewRowsDeleted = deletePageViews.run(cutoffs.pageViewsBeforeDay).changes;
    countPurge.run(receiptsDeleted, pageViewRowsDeleted, lastInsertRowid);
    return { receiptsDeleted, pageViewRowsDeleted };
  };

  return {
    kind: 'sqlite',
    async appendConsentReceipt(receipt: ConsentReceipt, receivedAt: Date) {
      const row = {
        consentId: receipt.consentId,
        policyRevision: receipt.policyRevision,
        preferences: receipt.categories.preferences ? 1 : 0,
        analytics: receipt.categories.analytics ? 1 : 0,
        marketing: receipt.categories.marketing ? 1 : 0,
        method: receipt.method,
        language: receipt.language,
        source: receipt.source,
        gpc: receipt.gpc ? 1 : 0,
        firstDecidedAt: receipt.firstDecidedAt,
        decidedAt: receipt.decidedAt,
        receivedAtMs: receivedAt.getTime(),
      };
      await groupCommit.enqueue(() => insertReceipt.run(row));
      return { ...receipt, categories: { ...receipt.categories }, receivedAt: new Date(receivedAt.getTime()) };
    },
    async consentHistory(consentId: string) {
      return selectHistory.all(consentId).map(toStoredReceipt);
    },
    async recordPageView(view: PageView, receivedAt: Date) {
      const day = utcDay(receivedAt);
      await groupCommit.enqueue(() => countView.run(day, view.path, view.locale, view.referrerHost));
    },
    async pageViewSummary(range: DayRange): Promise<PageViewSummary> {
      const pages = selectPages.all(range.from, range.to);
      const referrers = selectReferrers.all(range.from, range.to);
      const total = pages.reduce((sum, page) => sum + page.views, 0);
      return { ...range, total, pages, referrers };
    },
    async purgeExpired(cutoffs: RetentionCutoffs, ranAt: Date) {
      // Through the group commit: it owns the write transaction.
      return groupCommit.enqueue(() => purge(cutoffs, ranAt));
    },
    async close() {
      if (!db.open) return;
      groupCommit.flush();
      db.close();
    },
  };
}
