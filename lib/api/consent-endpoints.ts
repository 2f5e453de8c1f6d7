import { z } from 'zod';
import { consentReceiptSchema } from '@/lib/consent/consent-cookie';
import { consentHistoryUrl } from '@/lib/consent/send-receipt';
import { receiptFromConsentRecord, receiptToJson } from '@/lib/store/consent-receipt';
import type { StoredConsentReceipt } from '@/lib/store/store-interface';
import { getStore } from '@/lib/store/get-store';
import { arrivedOverHttps, consentSetCookieHeader } from './consent-cookie-header';
import { jsonError, jsonResponse, storeUnavailable } from './json-responses';
import { readJsonBody } from './read-json-body';
import { validationErrorResponse } from './validation-error';

const consentIdSchema = z.uuidv4();

/**
 * POST /api/consent: one decision, as the decoded `consent` cookie the
 * browser has just written. Stored append-only with the server's time (the
 * proof GDPR art. 7(1) asks for), then the cookie is re-set by the server.
 */
export async function postConsentReceipt(request: Request): Promise<Response> {
  const body = await readJsonBody(request, { contentTypes: ['application/json'] });
  if (!body.ok) return body.response;
  const receivedAt = new Date();
  const parsed = consentReceiptSchema(Math.floor(receivedAt.getTime() / 1000)).safeParse(body.value);
  if (!parsed.success) return validationErrorResponse(parsed.error, body.value);

  const receipt = receiptFromConsentRecord(parsed.data);
  let stored: StoredConsentReceipt;
  const storeStarted = performance.now();
  try {
    const store = await getStore();
    stored = await store.appendConsentReceipt(receipt, receivedAt);
  } catch (error) {
    return storeUnavailable(error, 'appending a consent receipt');
  }
  const storeMilliseconds = performance.now() - storeStarted;
  return jsonResponse({ receipt: receiptToJson(stored) }, 201, {
    Location: consentHistoryUrl(receipt.consentId),
    'Set-Cookie': consentSetCookieHeader(parsed.data, arrivedOverHttps(request)),
    // How long the durable write took, apart from HTTP and framework time: the
    // figure the store benchmark reports (scripts/bench/consent-store.ts).
    'Server-Timing': `store;dur=${storeMilliseconds.toFixed(2)}`,
  });
}

/**
 * GET /api/consent/<id>: every decision recorded for that id, oldest first.
 * The id is a random UUID known only to the reader's browser, so this is the
 * reader's own proof and nothing else.
 */
export async function getConsentHistory(rawId: string): Promise<Response> {
  const id = consentIdSchema.safeParse(rawId);
  if (!id.success) return jsonError(400, 'Invalid id: expected a UUID v4', 'id');
  const consentId = id.data.toLowerCase();
  let history: StoredConsentReceipt[];
  try {
    const store = await getStore();
    history = await store.consentHistory(consentId);
  } catch (error) {
    return storeUnavailable(error, 'reading a consent history');
  }
  if (history.length === 0) return jsonError(404, 'No consent receipt has this id');
  return jsonResponse({ consentId, receipts: history.map(receiptToJson) }, 200);
}
