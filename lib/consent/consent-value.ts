import { locales, type Locale } from '@/i18n/routing';
import {
  CONSENT_MAX_AGE_DAYS,
  OPTIONAL_CATEGORIES,
  POLICY_REVISION,
  type CategoryChoices,
} from './categories';

/**
 * The consent cookie's value, with nothing but plain data imports: this module is shipped to
 * browsers and its validator is inlined into every page, so it must stay
 * small (no zod here). Import from ./consent-cookie everywhere except in
 * browser code: it re-exports all of this and adds the zod schema.
 *
 * Value: base64url (no padding) of compact JSON, keys in this order:
 * {"v":1,"rev":1,"id":"<uuid v4>","ts":<first decision, epoch s>,"upd":<last decision, epoch s>,
 *  "c":{"preferences":b,"analytics":b,"marketing":b},"m":"accept_all"|"reject_all"|"custom",
 *  "gpc":b,"l":"en"|"fr","src":"banner"|"settings"}
 *
 * Refusal is stored like acceptance so the reader is not asked again: the
 * CNIL (recommendation 2020-092) wants a refusal remembered as long as a
 * consent, not asked again at every visit.
 */
export const CONSENT_COOKIE = 'consent';
export const CONSENT_VERSION = 1;
/** Both the cookie's Max-Age and the age after which a stored choice is asked again. */
export const CONSENT_MAX_AGE_SECONDS = CONSENT_MAX_AGE_DAYS * 24 * 60 * 60;
/** A longer value is not ours (ours is about 250 characters): treat it as no choice. */
export const CONSENT_MAX_VALUE_LENGTH = 1024;
/** Tolerance for a reader's clock running ahead of the server's. */
export const CONSENT_CLOCK_SKEW_SECONDS = 24 * 60 * 60;

export const CONSENT_METHODS = ['accept_all', 'reject_all', 'custom'] as const;
export const CONSENT_SOURCES = ['banner', 'settings'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export type ConsentRecord = {
  v: typeof CONSENT_VERSION;
  rev: number;
  id: string;
  ts: number;
  upd: number;
  c: CategoryChoices;
  m: ConsentMethod;
  gpc: boolean;
  l: Locale;
  src: ConsentSource;
};

/** What makes a stored value acceptable today; plain data so it can be inlined as JSON. */
export type ConsentRules = {
  version: number;
  revision: number;
  maxAgeSeconds: number;
  maxLength: number;
  skewSeconds: number;
  categories: readonly string[];
  locales: readonly string[];
  methods: readonly string[];
  sources: readonly string[];
};

export const CONSENT_RULES: ConsentRules = {
  version: CONSENT_VERSION,
  revision: POLICY_REVISION,
  maxAgeSeconds: CONSENT_MAX_AGE_SECONDS,
  maxLength: CONSENT_MAX_VALUE_LENGTH,
  skewSeconds: CONSENT_CLOCK_SKEW_SECONDS,
  categories: OPTIONAL_CATEGORIES,
  locales,
  methods: CONSENT_METHODS,
  sources: CONSENT_SOURCES,
};

/**
 * The one decision "is this cookie value a valid choice today?", used by the
 * server (through decodeConsent), the client island, and the inline script
 * that hides the banner before first paint.
 *
 * It is serialised with Function.prototype.toString() into that inline script
 * (see lib/consent/inline-script.ts), so it must stay self-contained: no
 * imports, no module constants, no helpers, only what every browser we
 * support and Node 20 have (atob, JSON, RegExp). The rules come in as data.
 * It never throws: any malformed input is "no valid choice".
 */
export function parseConsentValue(raw: unknown, rules: ConsentRules, nowSeconds: number): ConsentRecord | null {
  try {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > rules.maxLength) return null;
    if (!/^[A-Za-z0-9_-]+$/.test(raw) || raw.length % 4 === 1) return null;
    let b64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4 !== 0) b64 += '=';
    const o = JSON.parse(atob(b64));
    const isObject = (x: unknown): x is Record<string, unknown> =>
      typeof x === 'object' && x !== null && !Array.isArray(x);
    const sameKeys = (x: Record<string, unknown>, keys: readonly string[]) =>
      Object.keys(x).sort().join() === keys.slice().sort().join();
    const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
    if (!isObject(o) || !sameKeys(o, ['v', 'rev', 'id', 'ts', 'upd', 'c', 'm', 'gpc', 'l', 'src'])) return null;
    if (o.v !== rules.version || o.rev !== rules.revision) return null;
    if (typeof o.id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(o.id)) {
      return null;
    }
    if (!isTime(o.ts) || !isTime(o.upd) || o.ts > o.upd) return null;
    if (o.upd > nowSeconds + rules.skewSeconds || nowSeconds - o.upd > rules.maxAgeSeconds) return null;
    const c = o.c;
    if (!isObject(c) || !sameKeys(c, rules.categories)) return null;
    for (const key of rules.categories) if (typeof c[key] !== 'boolean') return null;
    if (typeof o.gpc !== 'boolean') return null;
    if (rules.methods.indexOf(o.m as string) < 0 || rules.sources.indexOf(o.src as string) < 0) return null;
    if (rules.locales.indexOf(o.l as string) < 0) return null;
    return o as ConsentRecord;
  } catch {
    return null;
  }
}

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Cookie value for a record; keys in the documented order, categories explicit. */
export function encodeConsent(record: ConsentRecord): string {
  const compact = {
    v: record.v,
    rev: record.rev,
    id: record.id,
    ts: record.ts,
    upd: record.upd,
    c: { preferences: record.c.preferences, analytics: record.c.analytics, marketing: record.c.marketing },
    m: record.m,
    gpc: record.gpc,
    l: record.l,
    src: record.src,
  };
  return toBase64Url(JSON.stringify(compact));
}

