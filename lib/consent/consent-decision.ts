import type { Locale } from '@/i18n/routing';
import { OPTIONAL_CATEGORIES, POLICY_REVISION, type CategoryChoices } from './categories';
import { CONSENT_VERSION, type ConsentMethod, type ConsentRecord, type ConsentSource } from './consent-value';

export const REJECT_ALL_CHOICES: CategoryChoices = { preferences: false, analytics: false, marketing: false };

/**
 * "Accept all". With Global Privacy Control on, marketing (third-party
 * tracking and advertising) stays off unless the reader switched it on
 * themselves in the dialog: GPC is a valid opt-out under the CCPA and the
 * Colorado/Connecticut rules, and honouring it here costs readers nothing.
 */
export function acceptAllChoices(gpc: boolean, marketingSwitchedOn = false): CategoryChoices {
  return { preferences: true, analytics: true, marketing: !gpc || marketingSwitchedOn };
}

export type DecisionInput = {
  /** The reader's current valid choice, if any: its id and ts are kept. */
  previous: ConsentRecord | null;
  choices: CategoryChoices;
  method: ConsentMethod;
  source: ConsentSource;
  locale: Locale;
  gpc: boolean;
  nowSeconds: number;
  newId: () => string;
};

/** The record a decision writes; changing a choice keeps the id and the first decision time. */
export function buildConsentRecord(input: DecisionInput): ConsentRecord {
  const { previous, choices, nowSeconds } = input;
  const c = Object.fromEntries(OPTIONAL_CATEGORIES.map((k) => [k, choices[k] === true])) as CategoryChoices;
  return {
    v: CONSENT_VERSION,
    rev: POLICY_REVISION,
    id: previous?.id ?? input.newId(),
    ts: previous ? Math.min(previous.ts, nowSeconds) : nowSeconds,
    upd: nowSeconds,
    c,
    m: input.method,
    gpc: input.gpc,
    l: input.locale,
    src: input.source,
  };
}
