import { writeCookie } from '@/lib/browser-cookie';
import type { Locale } from '@/i18n/routing';
import { CONSENT_MAX_AGE_DAYS, type CategoryChoices, type ConsentCategory } from './categories';
import {
  CONSENT_COOKIE,
  encodeConsent,
  type ConsentMethod,
  type ConsentRecord,
  type ConsentSource,
} from './consent-value';
import { buildConsentRecord } from './consent-decision';
import type { ConsentReaderWindow } from './document-marks';
import { sendConsentReceipt } from './send-receipt';
import { removeRefusedStorage, type WithdrawalRule } from './withdrawal';

/**
 * The browser side of consent, without React: the current choice, decisions,
 * and keeping every tab of the site in step. React reads it through
 * useConsent() and <ConsentGate> (components/consent/).
 */

export type ConsentState =
  /** On the server and during hydration: the static HTML cannot know. */
  | { status: 'unknown'; gpc: false; record: null }
  | { status: 'undecided'; gpc: boolean; record: null }
  | { status: 'decided'; gpc: boolean; record: ConsentRecord };

const UNKNOWN: ConsentState = { status: 'unknown', gpc: false, record: null };
const CHANNEL_NAME = 'ndx-consent';

type Listener = () => void;
const listeners = new Set<Listener>();
let state: ConsentState = UNKNOWN;
let stateKey: string | null = null;
let started = false;
let channel: BroadcastChannel | null = null;
let withdrawalRules: readonly WithdrawalRule[] = [];

/**
 * The registry's first-party keys, handed over by the consent island (from
 * server props), so that the registry's texts are not shipped as JavaScript.
 */
export function setWithdrawalRules(rules: readonly WithdrawalRule[]): void {
  withdrawalRules = rules;
}

/** Global Privacy Control, read when needed (a browser setting can change while a tab is open). */
export function browserSendsGpc(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
}

/** Re-reads the cookie, re-marks <html>, and notifies subscribers if the choice changed. */
export function refreshConsent(): ConsentRecord | null {
  return refresh();
}

function refresh(): ConsentRecord | null {
  // The reader installed by the inline <head> script (lib/consent/inline-script.ts).
  // Without it (script blocked) every reader counts as undecided: the banner
  // shows, which is the safe side.
  const record = (window as ConsentReaderWindow).__readConsent?.() ?? null;
  const gpc = browserSendsGpc();
  const key = `${gpc}:${record ? encodeConsent(record) : ''}`;
  if (key !== stateKey) {
    stateKey = key;
    state = record ? { status: 'decided', gpc, record } : { status: 'undecided', gpc, record: null };
    for (const listener of listeners) listener();
  }
  return record;
}

function start(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  refresh();
  // Another tab decided: follow at once (the cookie jar is shared, so a
  // re-read is enough), and drop this tab's own session storage if a
  // category was refused there.
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = () => {
      const record = refresh();
      if (record) removeRefusedStorage(record.c, withdrawalRules);
    };
  }
  // Browsers without BroadcastChannel, a cookie deleted by hand, a choice
  // that expired while the tab slept, a page restored from the back-forward
  // cache: re-read whenever the tab is shown.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) refresh();
  });
}

export function subscribeConsent(listener: Listener): () => void {
  start();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function getConsentState(): ConsentState {
  start();
  return state;
}

export function getServerConsentState(): ConsentState {
  return UNKNOWN;
}

/** Whether a category may run now; `necessary` always may, the rest only with a stored yes. */
export function isGranted(current: ConsentState, category: ConsentCategory): boolean {
  if (category === 'necessary') return true;
  return current.record?.c[category] === true;
}

/**
 * crypto.randomUUID exists only in secure contexts (https, localhost); plain
 * http (a preview on a LAN address) falls back to getRandomValues, still v4.
 */
function newConsentId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (Number(c) ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (Number(c) / 4)))).toString(16),
  );
}

export type Decision = {
  choices: CategoryChoices;
  method: ConsentMethod;
  source: ConsentSource;
  locale: Locale;
};

/**
 * Records a decision: writes the cookie (host-only, Path=/, SameSite=Lax,
 * Secure on https, 182 days), re-marks <html> (the banner hides), deletes
 * what a refused category had stored, tells the other tabs, and posts the
 * receipt. Changing a choice keeps the id and the first decision time.
 */
export function saveConsent(decision: Decision): ConsentRecord {
  start();
  const previous = refresh();
  const record = buildConsentRecord({
    previous,
    ...decision,
    gpc: browserSendsGpc(),
    nowSeconds: Math.floor(Date.now() / 1000),
    newId: newConsentId,
  });
  writeCookie(CONSENT_COOKIE, encodeConsent(record), CONSENT_MAX_AGE_DAYS);
  refresh();
  removeRefusedStorage(record.c, withdrawalRules);
  channel?.postMessage('changed');
  sendConsentReceipt(record);
  return record;
}
