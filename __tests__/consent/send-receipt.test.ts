/** @jest-environment node */
import { CONSENT_RECEIPT_URL, receiptRetryDelayMs, sendConsentReceipt } from '@/lib/consent/send-receipt';
import { aConsentRecord } from '../support/consent-record';

type Answer = { status: number; retryAfter?: string };

/** A fetch that answers the given statuses in order and records every body it was sent. */
function fakeEndpoint(answers: Answer[]) {
  const bodies: string[] = [];
  const fetchMock = jest.fn(async (url: string, init: RequestInit) => {
    expect(url).toBe(CONSENT_RECEIPT_URL);
    bodies.push(String(init.body));
    const answer = answers[Math.min(bodies.length - 1, answers.length - 1)]!;
    return new Response(null, { status: answer.status, headers: answer.retryAfter ? { 'retry-after': answer.retryAfter } : {} });
  });
  Object.defineProperty(globalThis, 'fetch', { value: fetchMock, configurable: true, writable: true });
  return { bodies };
}

/** Lets the fetch promise and its handler run (no timer involved). */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('a consent receipt while the store is out of reach', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    Object.defineProperty(globalThis, 'fetch', { value: realFetch, configurable: true, writable: true });
  });

  it('is posted again after the Retry-After of a 503, and only until it is stored', async () => {
    const endpoint = fakeEndpoint([{ status: 503, retryAfter: '3' }, { status: 201 }]);
    const record = aConsentRecord();
    sendConsentReceipt(record);
    await settle();
    expect(endpoint.bodies).toHaveLength(1);
    jest.advanceTimersByTime(2_999);
    await settle();
    expect(endpoint.bodies).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await settle();
    expect(endpoint.bodies).toEqual([JSON.stringify(record), JSON.stringify(record)]);
    jest.advanceTimersByTime(120_000);
    await settle();
    expect(endpoint.bodies).toHaveLength(2);
  });

  it('gives up after three posts, and never retries a refusal (4xx) or a stored receipt', async () => {
    const down = fakeEndpoint([{ status: 503, retryAfter: '1' }]);
    sendConsentReceipt(aConsentRecord());
    for (let i = 0; i < 5; i += 1) {
      await settle();
      jest.advanceTimersByTime(1_000);
    }
    expect(down.bodies).toHaveLength(3);

    const refused = fakeEndpoint([{ status: 400 }]);
    sendConsentReceipt(aConsentRecord());
    await settle();
    jest.advanceTimersByTime(120_000);
    await settle();
    expect(refused.bodies).toHaveLength(1);
  });

  it('waits what the server asks, within bounds', () => {
    expect(receiptRetryDelayMs(503, '3')).toBe(3_000);
    expect(receiptRetryDelayMs(503, '3600')).toBe(60_000);
    expect(receiptRetryDelayMs(503, null)).toBe(5_000);
    expect(receiptRetryDelayMs(503, 'soon')).toBe(5_000);
    expect(receiptRetryDelayMs(201, null)).toBeNull();
    expect(receiptRetryDelayMs(500, '1')).toBeNull();
  });
});
