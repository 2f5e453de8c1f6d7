import { z } from 'zod';
import { locales } from '@/i18n/routing';
import { COOKIE_ATTRIBUTES } from '@/lib/browser-cookie';
import { CONSENT_MAX_AGE_DAYS, POLICY_REVISION } from './categories';
import {
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_METHODS,
  CONSENT_RULES,
  CONSENT_SOURCES,
  CONSENT_VERSION,
  encodeConsent,
  parseConsentValue,
  type ConsentRecord,
} from './consent-value';

/**
 * The consent cookie codec, one contract for the inline <head> script, the
 * client island and the server (the proof-of-consent endpoint re-sets the
 * cookie). The format and its validator live in ./consent-value (zod-free,
 * so browsers get it without zod); this module adds the typed zod boundary
 * for the server and is the API everyone else imports.
 */
export * from './consent-value';

const epoch = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Typed boundary for decoded JSON on the server (and for the receipt
 * endpoint). The client does not ship it: zod alone would exceed the consent
 * code budget, so the browser relies on parseConsentValue, and a property
 * test checks that both always agree.
 */
export const consentRecordSchema = z.strictObject({
  v: z.literal(CONSENT_VERSION),
  rev: z.literal(POLICY_REVISION),
  id: z.uuidv4(),
  ts: epoch,
  upd: epoch,
  c: z.strictObject({ preferences: z.boolean(), analytics: z.boolean(), marketing: z.boolean() }),
  m: z.enum(CONSENT_METHODS),
  gpc: z.boolean(),
  l: z.enum(locales),
  src: z.enum(CONSENT_SOURCES),
});

/**
 * The field a reader of a 400 should look at, when parseConsentValue refused
 * a well-formed record. Wording only: the decision is parseConsentValue's.
 */
function whyRefused(record: ConsentRecord, nowSeconds: number): { path: [keyof ConsentRecord]; message: string } {
  if (record.ts > record.upd) return { path: ['ts'], message: 'the first decision cannot be after upd' };
  if (record.upd > nowSeconds) return { path: ['upd'], message: 'the decision is dated in the future' };
  if (nowSeconds - record.upd > CONSENT_MAX_AGE_SECONDS) {
    return { path: ['upd'], message: `the decision is older than ${CONSENT_MAX_AGE_DAYS} days` };
  }
  return { path: ['id'], message: 'not a consent choice this site would accept' };
}

/**
 * A decision as the receipt endpoint receives it (the decoded cookie, as
 * JSON), judged at `nowSeconds`. The schema names a malformed field; whether
 * a well-formed record is a valid choice now is decided by parseConsentValue,
 * the validator of the cookie itself, so the server never stores proof of a
 * choice the site would ignore. One validator, not a copy: a property test
 * (__tests__/consent/consent-validators.test.ts) checks both directions.
 */
export function consentReceiptSchema(nowSeconds: number) {
  return consentRecordSchema.superRefine((record, context) => {
    if (parseConsentValue(encodeConsent(record), CONSENT_RULES, nowSeconds)) return;
    context.addIssue({ code: 'custom', ...whyRefused(record, nowSeconds) });
  });
}

/**
 * Reads a cookie value. Total: returns null for anything that is not a valid
 * choice today (malformed, over 1 KB, other policy revision, last decision
 * older than CONSENT_MAX_AGE_DAYS whatever the browser's expiry said).
 */
export function decodeConsent(raw: string | null | undefined, now: Date = new Date()): ConsentRecord | null {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const record = parseConsentValue(raw, CONSENT_RULES, nowSeconds);
  if (!record) return null;
  const checked = consentRecordSchema.safeParse(record);
  return checked.success ? checked.data : null;
}

/**
 * Attributes of the consent cookie as the receipt endpoint's Set-Cookie
 * writes it: the site's cookie attributes (lib/browser-cookie, which the
 * client writes with) and the consent period. Host-only: no Domain.
 */
export function consentCookieAttributes(secure: boolean) {
  return {
    ...COOKIE_ATTRIBUTES,
    secure,
    maxAgeSeconds: CONSENT_MAX_AGE_SECONDS,
  };
}
