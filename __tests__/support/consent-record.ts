import { randomUUID } from 'node:crypto';
import { POLICY_REVISION } from '@/lib/consent/categories';
import type { ConsentRecord } from '@/lib/consent/consent-cookie';

const DAY = 86_400;

/**
 * The consent record of every test (unit and browser): one the site accepts
 * now, first decided three days ago and changed yesterday, analytics granted,
 * with a fresh id so that receipts stored by one test never join another's
 * history. A test overrides only what it is about.
 */
export function aConsentRecord(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  const now = Math.floor(Date.now() / 1000);
  return {
    v: 1,
    rev: POLICY_REVISION,
    id: randomUUID(),
    ts: now - 3 * DAY,
    upd: now - DAY,
    c: { preferences: false, analytics: true, marketing: false },
    m: 'custom',
    gpc: false,
    l: 'en',
    src: 'settings',
    ...overrides,
  };
}
