import type { Locale } from '@/i18n/routing';

/**
 * Words too common to say anything about an article. They are left out of the
 * index and out of queries, so `the canola` ranks like `canola` and `les
 * droits de douane` is not dominated by `les` and `de`.
 *
 * Written in folded form (see `foldText`): `à` is `a`, `où` is `ou`. Kept
 * short on purpose: `us` (U.S.), `ete` (été, summer) and `can` (the start of
 * `canola`, `Canada`) are not stop words on a news site.
 */
const english = `an and are as at be been but by could did do does for from had has have he her his how if in
into is it its may might more most must no not of on or our she should so such than that the their them then
there these they this those to was we were what when where which who whom why will with would you your`;

// Elided forms (l’, d’, qu’, j’, n’, s’, c’) arrive as separate words; single
// letters are dropped for every language (see `isIndexable`), `qu` is listed.
const french = `ai au aux avec ce ces cet cette dans de des du elle elles en entre est et etait eu il ils je la le
les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ont ou par pas peu plus pour qu que quel
quelle qui sa sans se ses si son sont sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous`;

const toSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const stopWords: Record<Locale, ReadonlySet<string>> = {
  en: toSet(english),
  fr: toSet(french),
};

/**
 * Whether a folded word is worth indexing or searching for: not a stop word
 * and not a lone letter (`s` of `Canada's`, `l` of `l’énergie`). Lone digits
 * stay (`G 7`, `1 000`).
 */
export function isIndexable(folded: string, locale: Locale): boolean {
  if (folded.length === 1) return /\d/.test(folded);
  return !stopWords[locale].has(folded);
}
