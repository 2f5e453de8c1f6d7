// The valid writes interleaved with the storm: the only things the store
// may hold afterwards. Receipts are built from the consent module's own
// constants and encoded by it (lib/consent), never by a copy.
import fc from 'fast-check';
import { locales, type Locale } from '@/i18n/routing';
import { OPTIONAL_CATEGORIES, POLICY_REVISION, type CategoryChoices } from '@/lib/consent/categories';
import { CONSENT_METHODS, CONSENT_VERSION, type ConsentRecord } from '@/lib/consent/consent-cookie';
import type { PageView } from '../types';
import { chance, uuidV4 } from './arbitraries';

export type ValidWrites = { receipts: ConsentRecord[]; views: { view: PageView; contentType: string }[] };
export type ValidCounts = { receipts: number; views: number; withdrawals: number };

const DAY = 24 * 3600;
/** Every optional category set to `value` (or each drawn from it). */
const choices = (value: boolean | fc.Arbitrary<boolean>): fc.Arbitrary<CategoryChoices> =>
  fc.record(Object.fromEntries(OPTIONAL_CATEGORIES.map((c) => [c, typeof value === 'boolean' ? fc.constant(value) : value])) as Record<keyof CategoryChoices, fc.Arbitrary<boolean>>);
const refuseAll = Object.fromEntries(OPTIONAL_CATEGORIES.map((c) => [c, false])) as CategoryChoices;

/** A first decision from the banner, made in the last 30 days. */
function firstReceipt(nowSeconds: number): fc.Arbitrary<ConsentRecord> {
  return fc
    .record({ id: uuidV4(), age: fc.integer({ min: 60, max: 60 + 30 * DAY - 1 }), m: fc.constantFrom(...CONSENT_METHODS), gpc: chance(0.2), l: fc.constantFrom<Locale>(...locales) })
    .chain(({ m, ...rest }) => {
      const c = m === 'accept_all' ? choices(true) : m === 'reject_all' ? choices(false) : choices(fc.boolean());
      return c.map((c) => ({ ...rest, m, c }));
    })
    .map(({ id, age, m, c, gpc, l }) => ({ v: CONSENT_VERSION, rev: POLICY_REVISION, id, ts: nowSeconds - age, upd: nowSeconds - age, c, m, gpc, l, src: 'banner' as const }));
}

/** The same reader refusing everything from the settings, 30 s later. */
function withdrawal(first: ConsentRecord): ConsentRecord {
  return { ...first, upd: first.upd + 30, c: refuseAll, m: 'reject_all', src: 'settings' };
}

function pageView(viewPaths: string[]): fc.Arbitrary<PageView> {
  return fc
    // Mixed case on purpose: the store keeps host names in lower case.
    .record({ path: fc.constantFrom(...viewPaths), referrerHost: fc.constantFrom('', '', 'news.google.com', 'Example.COM', 'duckduckgo.com') })
    .map(({ path, referrerHost }) => ({ path, locale: path.slice(1, 3) as Locale, referrerHost }));
}

export function validWrites(counts: ValidCounts, viewPaths: string[], nowSeconds: number): fc.Arbitrary<ValidWrites> {
  return fc
    .record({
      firsts: fc.array(firstReceipt(nowSeconds), { minLength: counts.receipts - counts.withdrawals, maxLength: counts.receipts - counts.withdrawals }),
      views: fc.array(pageView(viewPaths), { minLength: counts.views, maxLength: counts.views }),
    })
    .map(({ firsts, views }) => {
      // Every 7th id in capitals: the server keeps one (lower-case) spelling per id.
      const spelled = firsts.map((r, i) => (i % 7 === 3 ? { ...r, id: r.id.toUpperCase() } : r));
      return {
        receipts: [...spelled, ...spelled.slice(0, counts.withdrawals).map(withdrawal)],
        // sendBeacon with a string sends text/plain.
        views: views.map((view, i) => ({ view, contentType: i % 2 === 0 ? 'application/json' : 'text/plain;charset=UTF-8' })),
      };
    });
}
