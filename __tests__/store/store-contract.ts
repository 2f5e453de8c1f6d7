import { randomUUID } from 'node:crypto';
import type { ConsentReceipt, ConsentStore } from '@/lib/store/store-interface';
import { dataInventory } from '@/lib/privacy/data-inventory';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@/lib/store/migrations';
import { purgeExpiredRecords } from '@/lib/store/retention';
import { CONSENT_RECEIPT_RETENTION_DAYS, PAGE_VIEW_RETENTION_DAYS } from '@/lib/store/retention-policy';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One database opened for one run of the contract, plus raw access for checks the interface must not offer. */
export interface StoreHarness {
  store: ConsentStore;
  /** Opens another store on the same database: migrations run again. */
  reopen(): Promise<ConsentStore>;
  /** Raw SQL, to prove what the database itself allows and holds. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  columns(table: string): Promise<string[]>;
  dispose(): Promise<void>;
}

export function aReceipt(overrides: Partial<ConsentReceipt> = {}): ConsentReceipt {
  return {
    consentId: randomUUID(),
    policyRevision: 1,
    categories: { preferences: false, analytics: true, marketing: false },
    method: 'custom',
    language: 'fr',
    source: 'banner',
    gpc: false,
    firstDecidedAt: 1_780_000_000,
    decidedAt: 1_780_000_000,
    ...overrides,
  };
}

async function countRows(harness: StoreHarness, table: string): Promise<number> {
  const [row] = await harness.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n);
}

/**
 * The behaviour every store must have, run once per implementation (SQLite
 * and PostgreSQL), so the two cannot drift apart.
 */
export function describeStoreContract(name: string, openHarness: () => Promise<StoreHarness>): void {
  describe(`${name} store`, () => {
    let harness: StoreHarness;
    let store: ConsentStore;

    beforeEach(async () => {
      harness = await openHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    describe('consent receipts', () => {
      it('stores every field and the server time, and returns them as stored', async () => {
        const receipt = aReceipt({ gpc: true, method: 'reject_all', source: 'settings', language: 'en' });
        const receivedAt = new Date('2026-11-28T12:34:56.789Z');
        const stored = await store.appendConsentReceipt(receipt, receivedAt);
        expect(stored).toEqual({ ...receipt, receivedAt });

        const history = await store.consentHistory(receipt.consentId);
        expect(history).toEqual([{ ...receipt, receivedAt }]);
        expect(history[0]?.receivedAt.toISOString()).toBe('2026-11-28T12:34:56.789Z');
      });

      it('keeps a withdrawal as a new receipt after the original, oldest first', async () => {
        const consentId = randomUUID();
        const granted = aReceipt({ consentId, categories: { preferences: true, analytics: true, marketing: true }, method: 'accept_all' });
        const withdrawn = aReceipt({
          consentId,
          categories: { preferences: true, analytics: false, marketing: false },
          method: 'custom',
          source: 'settings',
          decidedAt: granted.decidedAt + 3600,
        });
        await store.appendConsentReceipt(granted, new Date('2026-11-01T10:00:00Z'));
        await store.appendConsentReceipt(withdrawn, new Date('2026-11-01T11:00:00Z'));

        const history = await store.consentHistory(consentId);
        expect(history.map((r) => [r.method, r.categories.analytics, r.receivedAt.toISOString()])).toEqual([
          ['accept_all', true, '2026-11-01T10:00:00.000Z'],
          ['custom', false, '2026-11-01T11:00:00.000Z'],
        ]);
      });

      it("returns only the requested id's history, and nothing for an unknown id", async () => {
        const mine = aReceipt();
        const someoneElse = aReceipt();
        await store.appendConsentReceipt(mine, new Date());
        await store.appendConsentReceipt(someoneElse, new Date());

        const history = await store.consentHistory(mine.consentId);
        expect(history.map((r) => r.consentId)).toEqual([mine.consentId]);
        expect(await store.consentHistory(randomUUID())).toEqual([]);
        expect(await store.consentHistory('not-a-uuid')).toEqual([]);
      });

      it('refuses UPDATE and DELETE at the database level: receipts are append-only', async () => {
        const receipt = aReceipt();
        await store.appendConsentReceipt(receipt, new Date());
        expect(await countRows(harness, 'consent_receipts')).toBe(1);

        await expect(harness.query('UPDATE consent_receipts SET analytics = marketing')).rejects.toThrow(/append-only/);
        await expect(harness.query('DELETE FROM consent_receipts')).rejects.toThrow(/append-only/);
        expect(await store.consentHistory(receipt.consentId)).toHaveLength(1);
      });

      it('stores all of 200 receipts appended concurrently', async () => {
        const sharedId = randomUUID();
        const receipts = Array.from({ length: 200 }, (_, i) =>
          aReceipt({ consentId: i < 20 ? sharedId : randomUUID(), decidedAt: 1_780_000_000 + i }),
        );
        const stored = await Promise.all(receipts.map((r) => store.appendConsentReceipt(r, new Date())));

        expect(stored).toHaveLength(200);
        expect(await countRows(harness, 'consent_receipts')).toBe(200);
        expect(await store.consentHistory(sharedId)).toHaveLength(20);
        for (const receipt of receipts.slice(20)) {
          expect(await store.consentHistory(receipt.consentId)).toHaveLength(1);
        }
      });
    });

    describe('page views', () => {
      it('counts views per path and language over an inclusive range of UTC days', async () => {
        const view = (path: string, referrerHost = '') => ({ path, locale: path.startsWith('/fr') ? 'fr' : 'en', referrerHost }) as const;
        await store.recordPageView(view('/en/articles/ice-roads', 'news.ycombinator.com'), new Date('2026-03-01T00:00:00Z'));
        await store.recordPageView(view('/en/articles/ice-roads'), new Date('2026-03-01T23:59:59Z'));
        await store.recordPageView(view('/en/articles/ice-roads', 'news.ycombinator.com'), new Date('2026-03-02T08:00:00Z'));
        await store.recordPageView(view('/fr/articles/ice-roads'), new Date('2026-03-02T08:00:00Z'));
        // Outside the range on both sides.
        await store.recordPageView(view('/en/articles/ice-roads'), new Date('2026-02-28T23:59:59Z'));
        await store.recordPageView(view('/fr'), new Date('2026-03-03T00:00:00Z'));

        const summary = await store.pageViewSummary({ from: '2026-03-01', to: '2026-03-02' });
        expect(summary).toEqual({
          from: '2026-03-01',
          to: '2026-03-02',
          total: 4,
          pages: [
            { path: '/en/articles/ice-roads', locale: 'en', views: 3 },
            { path: '/fr/articles/ice-roads', locale: 'fr', views: 1 },
          ],
          referrers: [
            { host: '', views: 2 },
            { host: 'news.ycombinator.com', views: 2 },
          ],
        });
      });

      it('answers an empty summary for a period without views', async () => {
        await store.recordPageView({ path: '/en', locale: 'en', referrerHost: '' }, new Date('2026-03-01T12:00:00Z'));
        expect(await store.pageViewSummary({ from: '2025-01-01', to: '2025-12-31' })).toEqual({
          from: '2025-01-01',
          to: '2025-12-31',
          total: 0,
          pages: [],
          referrers: [],
        });
      });

      it('loses no view when the same page is counted concurrently', async () => {
        const at = new Date('2026-04-10T09:00:00Z');
        await Promise.all(
          Array.from({ length: 100 }, () => store.recordPageView({ path: '/fr/recherche', locale: 'fr', referrerHost: '' }, at)),
        );
        const summary = await store.pageViewSummary({ from: '2026-04-10', to: '2026-04-10' });
        expect(summary.pages).toEqual([{ path: '/fr/recherche', locale: 'fr', views: 100 }]);
      });
    });

    describe('retention', () => {
      // A fixed clock: the purge must depend on the time it is given, never on the machine's.
      const now = new Date('2031-03-15T09:00:00.000Z');
      const receiptCutoff = now.getTime() - CONSENT_RECEIPT_RETENTION_DAYS * DAY_MS;

      it('deletes receipts received before their retention period and keeps the rest', async () => {
        const expired = aReceipt();
        const lastExpired = aReceipt();
        const atCutoff = aReceipt();
        const recent = aReceipt();
        await store.appendConsentReceipt(expired, new Date(receiptCutoff - 30 * DAY_MS));
        await store.appendConsentReceipt(lastExpired, new Date(receiptCutoff - 1));
        await store.appendConsentReceipt(atCutoff, new Date(receiptCutoff));
        await store.appendConsentReceipt(recent, new Date(now.getTime() - DAY_MS));

        const report = await purgeExpiredRecords(store, now);

        expect(report.receiptsDeleted).toBe(2);
        expect(await store.consentHistory(expired.consentId)).toEqual([]);
        expect(await store.consentHistory(lastExpired.consentId)).toEqual([]);
        expect(await store.consentHistory(atCutoff.consentId)).toHaveLength(1);
        expect(await store.consentHistory(recent.consentId)).toHaveLength(1);
      });

      it('deletes page-view counters of days before their retention period, whole days only', async () => {
        const cutoffDay = new Date(now.getTime() - PAGE_VIEW_RETENTION_DAYS * DAY_MS);
        const view = { path: '/en', locale: 'en' as const, referrerHost: '' };
        await store.recordPageView(view, new Date(cutoffDay.getTime() - DAY_MS));
        // Same UTC day as the cutoff instant, but earlier in it: the day is kept whole.
        await store.recordPageView(view, new Date(`${cutoffDay.toISOString().slice(0, 10)}T00:00:01.000Z`));
        await store.recordPageView(view, new Date(now.getTime() - DAY_MS));

        const report = await purgeExpiredRecords(store, now);

        expect(report.pageViewRowsDeleted).toBe(1);
        const remaining = await store.pageViewSummary({ from: '2000-01-01', to: '2100-01-01' });
        expect(remaining.total).toBe(2);
      });

      it('records each purge with its cutoffs and counts', async () => {
        await store.appendConsentReceipt(aReceipt(), new Date(receiptCutoff - DAY_MS));
        await purgeExpiredRecords(store, now);
        const rows = await harness.query('SELECT * FROM retention_purges');
        expect(rows).toHaveLength(1);
        expect(Number(rows[0]?.receipts_deleted)).toBe(1);
        expect(Number(rows[0]?.page_view_rows_deleted)).toBe(0);
      });

      it('still refuses to delete a receipt within its retention period after a purge', async () => {
        const recent = aReceipt();
        await store.appendConsentReceipt(recent, new Date(receiptCutoff + DAY_MS));
        await purgeExpiredRecords(store, now);

        await expect(harness.query('DELETE FROM consent_receipts')).rejects.toThrow(/append-only/);
        expect(await store.consentHistory(recent.consentId)).toHaveLength(1);
      });
    });

    describe('schema', () => {
      it('applies every migration once, and reopening changes nothing (idempotent)', async () => {
        const receipt = aReceipt();
        await store.appendConsentReceipt(receipt, new Date());

        const again = await harness.reopen();
        const third = await harness.reopen();
        try {
          const versions = await harness.query('SELECT version FROM schema_version ORDER BY version');
          expect(versions.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((m) => m.version));
          expect(Math.max(...versions.map((row) => Number(row.version)))).toBe(LATEST_SCHEMA_VERSION);
          expect(await again.consentHistory(receipt.consentId)).toHaveLength(1);
          expect(await third.consentHistory(receipt.consentId)).toHaveLength(1);
        } finally {
          await again.close();
          await third.close();
        }
      });

      it('stores exactly the columns the privacy page lists, table by table', async () => {
        const stored = dataInventory.filter((record) => record.table !== null);
        expect(stored.map((record) => record.table)).toEqual(['consent_receipts', 'page_view_days']);
        for (const record of stored) {
          const columns = (await harness.columns(record.table as string)).map((column) =>
            // SQLite keeps the server time as epoch milliseconds, PostgreSQL as timestamptz.
            column === 'received_at_ms' ? 'received_at' : column,
          );
          expect({ table: record.table, columns: columns.sort() }).toEqual({
            table: record.table,
            columns: Object.keys(record.columns).sort(),
          });
        }
      });

      it('has no column for an IP address, a user agent or anything else about the reader', async () => {
        const receiptColumns = await harness.columns('consent_receipts');
        const viewColumns = await harness.columns('page_view_days');
        // Exact lists: adding a column means revisiting this test and the privacy notice.
        // SQLite keeps the server time as epoch milliseconds, PostgreSQL as timestamptz.
        const sameNames = receiptColumns.map((column) => (column === 'received_at_ms' ? 'received_at' : column));
        expect(sameNames.sort()).toEqual(
          [
            'analytics',
            'client_decided_at',
            'client_first_decided_at',
            'consent_id',
            'gpc',
            'language',
            'marketing',
            'method',
            'policy_revision',
            'preferences',
            'received_at',
            'seq',
            'source',
          ].sort(),
        );
        expect(viewColumns.sort()).toEqual(['day', 'locale', 'path', 'referrer_host', 'views']);
        for (const column of [...receiptColumns, ...viewColumns]) {
          expect(column).not.toMatch(/ip|addr|agent|^ua$|user|email|cookie|session|referrer_url|url/i);
        }
      });
    });
  });
}
