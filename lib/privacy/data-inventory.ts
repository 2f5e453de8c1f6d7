import { CONSENT_RECEIPT_RETENTION_DAYS, PAGE_VIEW_RETENTION_DAYS } from '@/lib/store/retention-policy';

/**
 * What the site keeps about people, as the privacy page lists it. Quebec's
 * private sector act (s. 8 and 8.2) and PIPEDA's openness principle (4.8)
 * ask for what is collected, why, for how long and who receives it. The
 * columns are those of lib/store/migrations.ts (a test compares them with
 * the schema), and retention comes from the figures the purge job enforces.
 */

export type InventoryField =
  | 'randomId'
  | 'policyRevision'
  | 'categories'
  | 'method'
  | 'source'
  | 'language'
  | 'gpc'
  | 'decisionTimes'
  | 'receivedAt'
  | 'day'
  | 'page'
  | 'referrerHost'
  | 'viewCount'
  | 'email'
  | 'passwordHash'
  | 'loginAttempts';

export type InventoryRetention = { kind: 'days'; days: number } | { kind: 'while-active' };

export interface InventoryRecord {
  key: 'consentReceipts' | 'pageViews' | 'editorAccounts';
  /** Table of lib/store holding it, or null when another system keeps it (the newsroom's CMS). */
  table: 'consent_receipts' | 'page_view_days' | null;
  /** Every stored column and the field it shows as; null for a row number that says nothing about anyone. */
  columns: Readonly<Record<string, InventoryField | null>>;
  retention: InventoryRetention;
}

export const dataInventory: readonly InventoryRecord[] = [
  {
    key: 'consentReceipts',
    table: 'consent_receipts',
    columns: {
      seq: null,
      consent_id: 'randomId',
      policy_revision: 'policyRevision',
      preferences: 'categories',
      analytics: 'categories',
      marketing: 'categories',
      method: 'method',
      source: 'source',
      language: 'language',
      gpc: 'gpc',
      client_first_decided_at: 'decisionTimes',
      client_decided_at: 'decisionTimes',
      received_at: 'receivedAt',
    },
    retention: { kind: 'days', days: CONSENT_RECEIPT_RETENTION_DAYS },
  },
  {
    key: 'pageViews',
    table: 'page_view_days',
    columns: { day: 'day', path: 'page', locale: 'language', referrer_host: 'referrerHost', views: 'viewCount' },
    retention: { kind: 'days', days: PAGE_VIEW_RETENTION_DAYS },
  },
  {
    // The newsroom's editors sign in to the CMS; readers have no account.
    key: 'editorAccounts',
    table: null,
    columns: { email: 'email', password_hash: 'passwordHash', login_attempts: 'loginAttempts' },
    retention: { kind: 'while-active' },
  },
];

/** The distinct fields of a record, in column order, as the page lists them. */
export function inventoryFields(record: InventoryRecord): InventoryField[] {
  return [...new Set(Object.values(record.columns).filter((f): f is InventoryField => f !== null))];
}

/**
 * ISO date of the privacy page's last change, printed on it. Change it with
 * the inventory, a retention figure or the page's text.
 */
export const PRIVACY_POLICY_DATE = '2026-12-05';
