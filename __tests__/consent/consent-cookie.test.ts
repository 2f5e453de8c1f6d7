import fc from 'fast-check';
import { CONSENT_MAX_AGE_DAYS, POLICY_REVISION } from '@/lib/consent/categories';
import {
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_RULES,
  consentRecordSchema,
  decodeConsent,
  encodeConsent,
  parseConsentValue,
  type ConsentRecord,
} from '@/lib/consent/consent-cookie';
import { aConsentRecord } from '../support/consent-record';

const NOW = new Date('2026-12-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const DAY = 24 * 60 * 60;

// A fixed id and the fixed clock: the encoding test spells the exact JSON.
const base = aConsentRecord({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  ts: NOW_S - 10 * DAY,
  upd: NOW_S - DAY,
  c: { preferences: true, analytics: false, marketing: false },
  l: 'fr',
});

const toB64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const encodeJson = (value: unknown) => toB64Url(JSON.stringify(value));

/** Any record the site could write and still accept at NOW. */
const validRecord: fc.Arbitrary<ConsentRecord> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    age: fc.integer({ min: 0, max: CONSENT_MAX_AGE_SECONDS }),
    span: fc.integer({ min: 0, max: 5 * 365 * DAY }),
    c: fc.record({ preferences: fc.boolean(), analytics: fc.boolean(), marketing: fc.boolean() }),
    m: fc.constantFrom('accept_all' as const, 'reject_all' as const, 'custom' as const),
    gpc: fc.boolean(),
    l: fc.constantFrom('en' as const, 'fr' as const),
    src: fc.constantFrom('banner' as const, 'settings' as const),
  })
  .map(({ id, age, span, ...rest }) => {
    const upd = NOW_S - age;
    return { v: 1 as const, rev: POLICY_REVISION, id, ts: Math.max(1, upd - span), upd, ...rest };
  });

describe('encodeConsent', () => {
  it('writes base64url (no padding) of the compact JSON, keys in the documented order', () => {
    const value = encodeConsent(base);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(value, 'base64url').toString('utf8')).toBe(
      `{"v":1,"rev":${POLICY_REVISION},"id":"3b241101-e2bb-4255-8caf-4136c566a962","ts":${base.ts},"upd":${base.upd},` +
        '"c":{"preferences":true,"analytics":false,"marketing":false},"m":"custom","gpc":false,"l":"fr","src":"settings"}',
    );
  });

  it('keeps every category explicit, refusals included', () => {
    const refused = { ...base, c: { preferences: false, analytics: false, marketing: false }, m: 'reject_all' as const };
    const json = JSON.parse(Buffer.from(encodeConsent(refused), 'base64url').toString('utf8'));
    expect(json.c).toEqual({ preferences: false, analytics: false, marketing: false });
  });
});

describe('decodeConsent (property-based)', () => {
  it('round-trips every valid record', () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        expect(decodeConsent(encodeConsent(record), NOW)).toEqual(record);
      }),
    );
  });

  it('never throws on arbitrary strings, and accepts none of them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (raw) => {
        expect(decodeConsent(raw, NOW)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  // decodeConsent swallows every error, so "does not throw" proves nothing: it must answer null.
  it('never throws on arbitrary base64url-encoded JSON, and accepts none of it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeConsent(encodeJson(value), NOW)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any record with one field replaced by an arbitrary value of another type', () => {
    const fields = Object.keys(base) as (keyof ConsentRecord)[];
    fc.assert(
      fc.property(validRecord, fc.constantFrom(...fields), fc.anything(), (record, field, junk) => {
        fc.pre(typeof junk !== typeof record[field] || junk === null);
        const broken = { ...record, [field]: junk };
        expect(decodeConsent(encodeJson(broken), NOW)).toBeNull();
      }),
    );
  });

  it('agrees with the inline validator on every input (one decision for server, client and first paint)', () => {
    const mutated = fc.tuple(validRecord, fc.dictionary(fc.constantFrom('v', 'rev', 'id', 'ts', 'upd', 'm', 'l', 'src', 'gpc', 'x'), fc.jsonValue()));
    fc.assert(
      fc.property(mutated, ([record, patch]) => {
        const raw = encodeJson({ ...record, ...patch });
        const inline = parseConsentValue(raw, CONSENT_RULES, NOW_S);
        expect(decodeConsent(raw, NOW) !== null).toBe(inline !== null);
        if (inline) expect(consentRecordSchema.safeParse(inline).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeConsent treats as "no valid choice"', () => {
  const cases: [string, string | null | undefined][] = [
    ['no cookie', undefined],
    ['null', null],
    ['empty', ''],
    ['not base64url', 'not base64!'],
    ['base64 with padding characters', `${encodeConsent(base)}=`],
    ['not JSON', toB64Url('{"v":1,')],
    ['a JSON array', encodeJson([base])],
    ['unknown version', encodeJson({ ...base, v: 2 })],
    ['another policy revision', encodeJson({ ...base, rev: POLICY_REVISION + 1 })],
    ['a missing category', encodeJson({ ...base, c: { preferences: true, analytics: true } })],
    ['an extra category', encodeJson({ ...base, c: { ...base.c, social: true } })],
    ['a category as a string', encodeJson({ ...base, c: { ...base.c, analytics: 'true' } })],
    ['an unknown key', encodeJson({ ...base, extra: 1 })],
    ['an id that is not a UUID v4', encodeJson({ ...base, id: '3b241101-e2bb-1255-8caf-4136c566a962' })],
    ['an unknown method', encodeJson({ ...base, m: 'implied' })],
    ['an unknown language', encodeJson({ ...base, l: 'de' })],
    ['an unknown source', encodeJson({ ...base, src: 'wall' })],
    ['ts after upd', encodeJson({ ...base, ts: base.upd + 1 })],
    ['a fractional time', encodeJson({ ...base, upd: base.upd + 0.5 })],
    ['a decision older than 182 days', encodeJson({ ...base, ts: NOW_S - 400 * DAY, upd: NOW_S - CONSENT_MAX_AGE_DAYS * DAY - 1 })],
    ['a decision dated next week', encodeJson({ ...base, upd: NOW_S + 7 * DAY })],
    // Valid JSON of a valid record, only too long: the size limit alone rejects it.
    ['a value over 1 KB', toB64Url(JSON.stringify(base).replace('{', `{${' '.repeat(600)}`))],
    ['a valid value followed by junk over 1 KB', `${encodeConsent(base)}${'A'.repeat(1024)}`],
  ];
  it.each(cases)('%s', (_label, raw) => {
    expect(decodeConsent(raw, NOW)).toBeNull();
  });

  it('but accepts the same record when it fits in 1 KB', () => {
    expect(toB64Url(JSON.stringify(base).replace('{', `{${' '.repeat(600)}`)).length).toBeGreaterThan(1024);
    expect(decodeConsent(toB64Url(JSON.stringify(base).replace('{', `{${' '.repeat(400)}`)), NOW)).toEqual(base);
  });

  it('but accepts a decision exactly 182 days old', () => {
    const record = { ...base, ts: NOW_S - 200 * DAY, upd: NOW_S - CONSENT_MAX_AGE_DAYS * DAY };
    expect(decodeConsent(encodeConsent(record), NOW)).toEqual(record);
  });
});
