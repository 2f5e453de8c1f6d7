import type { ConsentRecord } from './consent-value';

export const CONSENT_RECEIPT_URL = '/api/consent';

/** Where a reader reads every receipt of their own id (GET, JSON). */
export function consentHistoryUrl(consentId: string): string {
  return `${CONSENT_RECEIPT_URL}/${encodeURIComponent(consentId.toLowerCase())}`;
}

/**
 * Proof of consent (GDPR art. 7(1): the controller must be able to show the
 * reader consented): each decision is posted to the receipt endpoint, which
 * stores it and re-sets the cookie from the server. The body is the record
 * exactly as encoded in the cookie, so the endpoint validates it with the
 * same schema (consentRecordSchema).
 *
 * fetch with keepalive rather than sendBeacon: the request survives a
 * navigation just the same, but it can say Content-Type: application/json
 * and its response's Set-Cookie is applied. Fire and forget: a failure (the
 * endpoint down, offline) must never break the page; the cookie is already
 * written.
 */
export function sendConsentReceipt(record: ConsentRecord): void {
  try {
    void fetch(CONSENT_RECEIPT_URL, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record),
    }).catch(() => undefined);
  } catch {
    // fetch missing or refusing the request: nothing to do
  }
}
