import type { CategoryChoices } from '@/lib/consent/categories';
import type { ConsentMethod, ConsentSource } from '@/lib/consent/consent-cookie';
import type { Locale } from '@/i18n/routing';
import type { RetentionCutoffs } from './retention-policy';

export type { ConsentMethod, ConsentSource };

/**
 * One consent decision as the reader's browser reported it. This is the
 * proof GDPR art. 7(1) asks the controller to be able to show: who (a random
 * id, not a person), which policy, what was chosen, how and when. Nothing
 * else about the reader (no IP address, no user agent) is kept: data
 * minimisation, art. 5(1)(c).
 */
export interface ConsentReceipt {
  /** Random UUID v4 shared by every decision of one browser. */
  consentId: string;
  policyRevision: number;
  categories: CategoryChoices;
  method: ConsentMethod;
  language: Locale;
  source: ConsentSource;
  /** The browser sent Global Privacy Control. */
  gpc: boolean;
  /** Client clock, epoch seconds: first decision of this id. */
  firstDecidedAt: number;
  /** Client clock, epoch seconds: this decision. */
  decidedAt: number;
}

export interface StoredConsentReceipt extends ConsentReceipt {
  /** Server clock when the receipt was stored: the timestamp that counts as proof. */
  receivedAt: Date;
}

/** A page view as the beacon reports it: no reader identifier of any kind. */
export interface PageView {
  /** Public path, starting with /en or /fr. */
  path: string;
  locale: Locale;
  /** Host name of the referring page, or '' for none. Never the full URL. */
  referrerHost: string;
}

/** Inclusive range of UTC days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export interface PageViewSummary extends DayRange {
  total: number;
  /** Views per path and language, most viewed first. */
  pages: { path: string; locale: Locale; views: number }[];
  /** Views per referrer host ('' for direct visits), most frequent first. */
  referrers: { host: string; views: number }[];
}

/** What one run of the retention job deleted. */
export interface PurgeResult {
  receiptsDeleted: number;
  pageViewRowsDeleted: number;
}

/**
 * The one persistence boundary of the site. Receipts are append-only: there
 * is no update, a withdrawal is a new receipt with the same id, and the only
 * delete is the retention purge of receipts older than their stated period.
 * Page views are kept as daily counters, so no single visit can be replayed.
 */
export interface ConsentStore {
  readonly kind: 'sqlite' | 'postgres';
  appendConsentReceipt(receipt: ConsentReceipt, receivedAt: Date): Promise<StoredConsentReceipt>;
  /** Every receipt of one id, oldest first; empty when the id is unknown. */
  consentHistory(consentId: string): Promise<StoredConsentReceipt[]>;
  recordPageView(view: PageView, receivedAt: Date): Promise<void>;
  pageViewSummary(range: DayRange): Promise<PageViewSummary>;
  /**
   * Deletes receipts and counters past their cutoffs, in one transaction that
   * also records the purge (the database refuses to delete a receipt newer
   * than the latest recorded cutoff).
   */
  purgeExpired(cutoffs: RetentionCutoffs, ranAt: Date): Promise<PurgeResult>;
  close(): Promise<void>;
}

/** UTC day of a server timestamp, the only time resolution kept for page views. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
