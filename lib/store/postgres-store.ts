import type { PoolClient } from 'pg';
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
import { createPostgresPool, migrateUnderAdvisoryLock } from './postgres-migrate';
import type { RetentionCutoffs } from './retention-policy';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding the tables (created if missing); default: the role's search_path. */
  schema?: string;
  /** Connections per process; several instances share the server's limit. */
  poolSize?: number;
}

interface ReceiptRow {
  consent_id: string;
  policy_revision: number;
  preferences: boolean;
  analytics: boolean;
  marketing: boolean;
  method: ConsentMethod;
  language: Locale;
  source: ConsentSource;
  gpc: boolean;
  // BIGINT columns arrive as strings from `pg`.
  client_first_decided_at: string;
  client_decided_at: string;
  received_at: Date;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Arbitrary constant: the key of the advisory lock that serialises the consent
// store's migrations when several instances start at once.
const MIGRATION_LOCK_KEY = 5_050_001;

/** Creates the schema or brings it up to date; safe to run on every start. */
export async function migratePostgres(client: PoolClient, schema?: string): Promise<void> {
  await migrateUnderAdvisoryLock(client, {
    lockKey: MIGRATION_LOCK_KEY,
    versionTable: 'schema_version',
    migrations: MIGRATIONS.map(({ version, description, postgres }) => ({ version, description, sql: postgres })),
    schema,
  });
}

function toStoredReceipt(row: ReceiptRow): StoredConsentReceipt {
  return {
    consentId: row.consent_id,
    policyRevision: row.policy_revision,
    categories: { preferences: row.preferences, analytics: row.analytics, marketing: row.marketing },
    method: row.method,
    language: row.language,
    source: row.source,
    gpc: row.gpc,
    firstDecidedAt: Number(row.client_first_decided_at),
    decidedAt: Number(row.client_decided_at),
    receivedAt: row.received_at,
  };
}

/**
 * The store for sites running several instances: every instance writes to
 * the same database through its own connection pool.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<ConsentStore> {
  const { connectionString, schema, poolSize = 10 } = options;
  const pool = createPostgresPool({ connectionString, schema, poolSize, label: 'store' });

  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  try {
    await migratePostgres(client, schema);
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  let closing: Promise<void> | undefined;

  return {
    kind: 'postgres',
    async appendConsentReceipt(receipt: ConsentReceipt, receivedAt: Date) {
      await pool.query(
        `INSERT INTO consent_receipts (
          consent_id, policy_revision, preferences, analytics, marketing, method,
          language, source, gpc, client_first_decided_at, client_decided_at, received_at
        ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          receipt.consentId,
          receipt.policyRevision,
          receipt.categories.preferences,
          receipt.categories.analytics,
          receipt.categories.marketing,
          receipt.method,
          receipt.language,
          receipt.source,
          receipt.gpc,
          receipt.firstDecidedAt,
          receipt.decidedAt,
          receivedAt,
        ],
      );
      return { ...receipt, categories: { ...receipt.categories }, receivedAt: new Date(receivedAt.getTime()) };
    },
    async consentHistory(consentId: string) {
      // The UUID column rejects other strings with an error; an unknown id is simply no history.
      if (!UUID_SHAPE.test(consentId)) return [];
      const { rows } = await pool.query<ReceiptRow>(
        'SELECT * FROM consent_receipts WHERE consent_id = $1 ORDER BY seq',
        [consentId],
      );
      return rows.map(toStoredReceipt);
    },
    async recordPageView(view: PageView, receivedAt: Date) {
      await pool.query(
        `INSERT INTO page_view_days (day, path, locale, referrer_host, views) VALUES ($1, $2, $3, $4, 1)
          ON CONFLICT (day, path, locale, referrer_host) DO UPDATE SET views = page_view_days.views + 1`,
        [utcDay(receivedAt), view.path, view.locale, view.referrerHost],
      );
    },
    async pageViewSummary(range: DayRange): Promise<PageViewSummary> {
      const [pages, referrers] = await Promise.all([
        pool.query<{ path: string; locale: Locale; views: string }>(
          `SELECT path, locale, SUM(views)::bigint AS views FROM page_view_days
            WHERE day BETWEEN $1::date AND $2::date GROUP BY path, locale ORDER BY views DESC, path COLLATE "C", locale`,
          [range.from, range.to],
        ),
        pool.query<{ host: string; views: string }>(
          `SELECT referrer_host AS host, SUM(views)::bigint AS views FROM page_view_days
            WHERE day BETWEEN $1::date AND $2::date GROUP BY referrer_host ORDER BY views DESC, referrer_host COLLATE "C"`,
          [range.from, range.to],
        ),
      ]);
      const pageRows = pages.rows.map((row) => ({ path: row.path, locale: row.locale, views: Number(row.views) }));
      const referrerRows = referrers.rows.map((row) => ({ host: row.host, views: Number(row.views) }));
      const total = pageRows.reduce((sum, page) => sum + page.views, 0);
      return { ...range, total, pages: pageRows, referrers: referrerRows };
    },
    async purgeExpired(cutoffs: RetentionCutoffs, ranAt: Date) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const purge = await client.query<{ seq: string }>(
          `INSERT INTO retention_purges (ran_at, receipts_received_before, page_views_before_day)
            VALUES ($1, $2, $3::date) RETURNING seq`,
          [ranAt, cutoffs.receiptsReceivedBefore, cutoffs.pageViewsBeforeDay],
        );
        const receipts = await client.query('DELETE FROM consent_receipts WHERE received_at < $1', [
          cutoffs.receiptsReceivedBefore,
        ]);
        const views = await client.query('DELETE FROM page_view_days WHERE day < $1::date', [cutoffs.pageViewsBeforeDay]);
        const result = { receiptsDeleted: receipts.rowCount ?? 0, pageViewRowsDeleted: views.rowCount ?? 0 };
        await client.query('UPDATE retention_purges SET receipts_deleted = $1, page_view_rows_deleted = $2 WHERE seq = $3', [
          result.receiptsDeleted,
          result.pageViewRowsDeleted,
          purge.rows[0]?.seq,
        ]);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      closing ??= pool.end();
      await closing;
    },
  };
}
