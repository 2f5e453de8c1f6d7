import type { ConsentRecord } from '@/lib/consent/consent-cookie';
import type { ConsentReceipt, StoredConsentReceipt } from './store-interface';

/**
 * A receipt is the decoded consent cookie the browser just wrote: the same
 * record, so the server can prove exactly what the cookie said and re-set
 * the identical value.
 */
export function receiptFromConsentRecord(record: ConsentRecord): ConsentReceipt {
  return {
    // One spelling per id, whatever case the browser used (PostgreSQL's UUID
    // type answers in lower case).
    consentId: record.id.toLowerCase(),
    policyRevision: record.rev,
    categories: { ...record.c },
    method: record.m,
    language: record.l,
    source: record.src,
    gpc: record.gpc,
    firstDecidedAt: record.ts,
    decidedAt: record.upd,
  };
}

/** The public JSON form of a stored receipt (the reader's own proof). */
export function receiptToJson(receipt: StoredConsentReceipt) {
  return {
    consentId: receipt.consentId,
    policyRevision: receipt.policyRevision,
    categories: receipt.categories,
    method: receipt.method,
    language: receipt.language,
    source: receipt.source,
    gpc: receipt.gpc,
    clientFirstDecidedAt: new Date(receipt.firstDecidedAt * 1000).toISOString(),
    clientDecidedAt: new Date(receipt.decidedAt * 1000).toISOString(),
    receivedAt: receipt.receivedAt.toISOString(),
  };
}
