import { acceptAllChoices, buildConsentRecord, REJECT_ALL_CHOICES } from '@/lib/consent/consent-decision';
import { cookieDomainVariants } from '@/lib/consent/withdrawal';
import { aConsentRecord } from '../support/consent-record';

const base = { method: 'custom' as const, source: 'settings' as const, locale: 'fr' as const, gpc: false };

describe('buildConsentRecord', () => {
  it('starts a new id and ts on a first decision', () => {
    const record = buildConsentRecord({ ...base, previous: null, choices: REJECT_ALL_CHOICES, nowSeconds: 1_800_000_000, newId: () => 'new-id' });
    expect(record).toEqual({
      v: 1,
      rev: 1,
      id: 'new-id',
      ts: 1_800_000_000,
      upd: 1_800_000_000,
      c: { preferences: false, analytics: false, marketing: false },
      m: 'custom',
      gpc: false,
      l: 'fr',
      src: 'settings',
    });
  });

  it('keeps id and ts when a choice changes', () => {
    const previous = aConsentRecord();
    const newId = jest.fn(() => 'should-not-be-used');
    const record = buildConsentRecord({ ...base, previous, choices: acceptAllChoices(false), nowSeconds: previous.upd + 60, newId });
    expect(record).toMatchObject({ id: previous.id, ts: previous.ts, upd: previous.upd + 60 });
    expect(newId).not.toHaveBeenCalled();
  });
});

describe('acceptAllChoices', () => {
  it('grants everything without GPC', () => {
    expect(acceptAllChoices(false)).toEqual({ preferences: true, analytics: true, marketing: true });
  });
  it('leaves marketing off under GPC unless the reader switched it on', () => {
    expect(acceptAllChoices(true)).toEqual({ preferences: true, analytics: true, marketing: false });
    expect(acceptAllChoices(true, true).marketing).toBe(true);
  });
});

describe('cookieDomainVariants', () => {
  it.each([
    ['www.news.example.ca', ['www.news.example.ca', 'news.example.ca', 'example.ca']],
    ['example.ca', ['example.ca']],
    ['localhost', ['localhost']],
    ['127.0.0.1', ['127.0.0.1']],
    ['', []],
  ])('%s → %j', (host, variants) => {
    expect(cookieDomainVariants(host)).toEqual(variants);
  });
});
