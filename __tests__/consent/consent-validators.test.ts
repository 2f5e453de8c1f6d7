import fc from 'fast-check';
import { POLICY_REVISION } from '@/lib/consent/categories';
import {
  CONSENT_CLOCK_SKEW_SECONDS,
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_METHODS,
  CONSENT_RULES,
  CONSENT_SOURCES,
  consentReceiptSchema,
  parseConsentValue,
  type ConsentRecord,
} from '@/lib/consent/consent-cookie';

/**
 * The receipt endpoint (zod, consentReceiptSchema) and the cookie
 * (parseConsentValue, also inlined into every page) must take the same
 * records: a receipt the cookie would refuse is proof of a choice the site
 * ignores; a cookie the endpoint would refuse is a choice without proof.
 */
const NOW_S = Math.floor(new Date('2026-12-01T12:00:00Z').getTime() / 1000);
const DAY = 86_400;

const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
/** What the endpoint sees: the JSON body, parsed. */
const asBody = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

const validRecord: fc.Arbitrary<ConsentRecord> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    age: fc.integer({ min: -CONSENT_CLOCK_SKEW_SECONDS, max: CONSENT_MAX_AGE_SECONDS }),
    span: fc.integer({ min: 0, max: 400 * DAY }),
    c: fc.record({ preferences: fc.boolean(), analytics: fc.boolean(), marketing: fc.boolean() }),
    m: fc.constantFrom(...CONSENT_METHODS),
    gpc: fc.boolean(),
    l: fc.constantFrom('en' as const, 'fr' as const),
    src: fc.constantFrom(...CONSENT_SOURCES),
  })
  .map(({ id, age, span, ...rest }) => {
    const upd = NOW_S - age;
    return { v: 1 as const, rev: POLICY_REVISION, id, ts: Math.max(1, upd - span), upd, ...rest };
  });

/** Values near the edge of each field's validity, and some far from it. `undefined` drops the field. */
const time = fc.oneof(
  fc.integer({ min: NOW_S - CONSENT_MAX_AGE_SECONDS - 2 * DAY, max: NOW_S + CONSENT_CLOCK_SKEW_SECONDS + 2 * DAY }),
  fc.constantFrom(0, -1, 1, 0.5, NOW_S - 0.5, NOW_S - CONSENT_MAX_AGE_SECONDS, NOW_S + CONSENT_CLOCK_SKEW_SECONDS),
  fc.constantFrom(NOW_S - CONSENT_MAX_AGE_SECONDS - 1, NOW_S + CONSENT_CLOCK_SKEW_SECONDS + 1, Number.MAX_SAFE_INTEGER, 2 ** 53),
  fc.constantFrom(String(NOW_S), null, undefined),
);
const categories = fc.oneof(
  fc.record({ preferences: fc.boolean(), analytics: fc.boolean(), marketing: fc.boolean() }),
  fc.dictionary(fc.constantFrom('preferences', 'analytics', 'marketing', 'ads'), fc.oneof(fc.boolean(), fc.jsonValue())),
);
const fieldValues = {
  v: fc.constantFrom(1, 2, 0, '1', undefined),
  rev: fc.constantFrom(POLICY_REVISION, POLICY_REVISION + 1, POLICY_REVISION - 1, String(POLICY_REVISION)),
  id: fc.oneof(fc.uuid(), fc.uuid({ version: 4 }).map((id) => id.toUpperCase()), fc.string({ maxLength: 40 }), fc.constant(undefined)),
  ts: time,
  upd: time,
  c: categories,
  m: fc.constantFrom(...CONSENT_METHODS, 'implied', 'ACCEPT_ALL', '', undefined),
  gpc: fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, null, undefined)),
  l: fc.constantFrom('en', 'fr', 'de', 'EN', 'en-CA', undefined),
  src: fc.constantFrom(...CONSENT_SOURCES, 'wall', undefined),
  extra: fc.jsonValue(),
};
type Field = keyof typeof fieldValues;
const fields = Object.keys(fieldValues) as Field[];

/** A valid record with up to two fields replaced (or dropped, or one added), as JSON would carry it. */
const candidate = fc
  .tuple(validRecord, fc.uniqueArray(fc.constantFrom(...fields), { maxLength: 2 }))
  .chain(([record, replaced]) =>
    fc
      .record(Object.fromEntries(replaced.map((field) => [field, fieldValues[field]])) as Record<Field, fc.Arbitrary<unknown>>)
      .map((patch) => asBody({ ...record, ...patch })),
  );

const cookieAccepts = (value: unknown) => parseConsentValue(encodeJson(value), CONSENT_RULES, NOW_S);
const endpointAccepts = (value: unknown) => consentReceiptSchema(NOW_S).safeParse(value);

describe('the receipt endpoint and the cookie judge a consent record alike', () => {
  const RUNS = 2000;
  const seen = { accepted: 0, refused: 0 };
  afterAll(() => {
    // Both properties are only worth something if the candidates land on both sides.
    expect(seen.accepted).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 10);
  });

  it('what parseConsentValue accepts, the endpoint accepts (as the same record)', () => {
    fc.assert(
      fc.property(candidate, (value) => {
        const record = cookieAccepts(value);
        if (record) seen.accepted++;
        else seen.refused++;
        if (!record) return;
        const parsed = endpointAccepts(value);
        expect(parsed.error?.issues).toBeUndefined();
        expect(parsed.data).toEqual(record);
      }),
      { numRuns: RUNS },
    );
  });

  it('what the endpoint accepts, parseConsentValue accepts (as the same record)', () => {
    fc.assert(
      fc.property(candidate, (value) => {
        const parsed = endpointAccepts(value);
        if (!parsed.success) return;
        expect(cookieAccepts(value)).toEqual(parsed.data);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['a first decision after the last', { ts: NOW_S, upd: NOW_S - 10 }, 'ts', /first decision/],
    ['a decision dated past the clock skew', { ts: NOW_S, upd: NOW_S + CONSENT_CLOCK_SKEW_SECONDS + 1 }, 'upd', /future/],
    ['a decision older than the consent period', { ts: 1, upd: NOW_S - CONSENT_MAX_AGE_SECONDS - 1 }, 'upd', /older than 182 days/],
  ])('names the field when the cookie would refuse %s', (_label, times, field, message) => {
    const parsed = endpointAccepts(asBody({ ...fc.sample(validRecord, { numRuns: 1, seed: 1 })[0], ...times }));
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[field, expect.stringMatching(message)]]);
  });
});
