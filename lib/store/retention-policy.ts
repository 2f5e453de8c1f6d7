import { CONSENT_MAX_AGE_DAYS } from '@/lib/consent/categories';

/**
 * How long the server keeps what it stores. The privacy page and the cookie
 * policy print these figures and the retention job (./retention.ts) enforces
 * them, so the words and the deletions cannot drift apart. Quebec's private
 * sector act (s. 23) and PIPEDA (principle 4.5.3) ask that personal
 * information be destroyed once its purpose is served.
 */

/**
 * A consent receipt proves a decision that lives at most
 * CONSENT_MAX_AGE_DAYS (182); keeping it a year after it reached us leaves
 * about six months after the decision lapses to answer a question or a
 * complaint about it.
 */
export const CONSENT_RECEIPT_RETENTION_DAYS = 365;

/** Daily counters, no reader identifier: two years allow a year-on-year comparison. */
export const PAGE_VIEW_RETENTION_DAYS = 730;

/** The job runs when the server starts and then once a day. */
export const RETENTION_JOB_INTERVAL_MS = 24 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionCutoffs {
  /** Receipts received strictly before this instant are deleted. */
  receiptsReceivedBefore: Date;
  /** Page-view counters of UTC days strictly before this one (`YYYY-MM-DD`) are deleted. */
  pageViewsBeforeDay: string;
}

/**
 * The cutoffs for a given time. A counter's day is kept whole while any of it
 * is within the period, hence the day of `now - retention`, not the instant.
 */
export function retentionCutoffs(now: Date): RetentionCutoffs {
  return {
    receiptsReceivedBefore: new Date(now.getTime() - CONSENT_RECEIPT_RETENTION_DAYS * DAY_MS),
    pageViewsBeforeDay: new Date(now.getTime() - PAGE_VIEW_RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10),
  };
}

// A receipt must outlive the decision it proves.
if (CONSENT_RECEIPT_RETENTION_DAYS <= CONSENT_MAX_AGE_DAYS) {
  throw new Error('CONSENT_RECEIPT_RETENTION_DAYS must exceed CONSENT_MAX_AGE_DAYS');
}
