import type { ConsentRecord } from './consent-value';

export const CONSENT_RECEIPT_URL = '/api/consent';

/** Where a reader reads every receipt of their own id (GET, JSON). */
export function consentHistoryUrl(consentId: string): string {
  return `${CONSENT_RECEIPT_URL}/${encodeURIComponent(consentId.toLowerCase())}`;
}

/** At most this many posts of one receipt: the first and two retries. */
const MAX_ATTEMPTS = 3;
/** A longer Retry-After than this is shortened: the reader may leave the page. */
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * How long to wait before posting a receipt again, or null when not to: the
 * endpoint answers 503 with Retry-After while its database is out of reach
 * (docs/operations.md, "Faults"), and nothing was stored.
 */
export function receiptRetryDelayMs(status: number, retryAfter: string | null): number | null {
  if (status !== 503) return null;
  const seconds = Number(retryAfter);
  if (retryAfter === null || !Number.isFinite(seconds) || seconds < 0) return 5_000;
  return Math.min(seconds * 1000, MAX_RETRY_DELAY_MS);
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
 * and its response's Set-Cookie is applied. A failure (the endpoint down,
 * offline) must never break the page; the cookie is already written. An
 * answer of 503 (the store out of reach) is retried after its Retry-After,
 * twice at most, while the page stays open, so that the receipt is not lost
 * to a short database restart.
 */
export function sendConsentReceipt(record: ConsentRecord, attempt = 1): void {
  try {
    void fetch(CONSENT_RECEIPT_URL, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record),
    })
      .then((res) => {
        const delay = attempt < MAX_ATTEMPTS ? receiptRetryDelayMs(res.status, res.headers.get('retry-after')) : null;
        if (delay !== null) setTimeout(() => sendConsentReceipt(record, attempt + 1), delay);
      })
      .catch(() => undefined);
  } catch {
    // fetch missing or refusing the request: nothing to do
  }
}
