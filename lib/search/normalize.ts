/**
 * Text folding shared by indexing and querying, so that what a reader types
 * and what an article says meet in the same form: `Québec`, `QUEBEC` and
 * `quebec` all become `quebec`, `œuvre` becomes `oeuvre`.
 *
 * No dependency on MiniSearch or React: the benchmark and the snippet builder
 * use exactly the same functions as the index.
 */

// Letters, digits and combining marks (text may arrive decomposed, NFD).
// Everything else separates words, including apostrophes and hyphens, so that
// French elisions split off (`l’énergie` → `l`, `énergie`) and `Canada-U.S.`
// gives `canada`, `u`, `s`.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
// NFD does not decompose ligatures: they are letters of their own in Unicode.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae' };
const LIGATURE = /[œæ]/g;

// Most words of English text, and many of French, are plain ASCII: they only
// need lower-casing. Skipping NFD for them makes indexing several times faster.
const ASCII = /^[\x00-\x7f]*$/;

// Words with accents recur (`énergie`, `fédéral`): their folded form is kept,
// for a bounded number of words, so that indexing and highlighting do not
// decompose the same word thousands of times.
const foldedWords = new Map<string, string>();
const MAX_FOLDED_WORDS = 50_000;
const MAX_CACHED_WORD_LENGTH = 40;

/** Lower case, no diacritics, ligatures spelled out. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower;
  const cached = foldedWords.get(lower);
  if (cached !== undefined) return cached;
  const folded = lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURE, (ligature) => LIGATURES[ligature] ?? ligature);
  if (lower.length <= MAX_CACHED_WORD_LENGTH) {
    if (foldedWords.size >= MAX_FOLDED_WORDS) foldedWords.clear();
    foldedWords.set(lower, folded);
  }
  return folded;
}

export type WordSpan = { word: string; start: number; end: number };

/**
 * Words of a text with their offsets in the original string, lazily, so that
 * the snippet builder can stop at the first match in a long body.
 */
export function* wordSpans(text: string): Generator<WordSpan> {
  for (const m of text.matchAll(WORD)) yield { word: m[0], start: m.index, end: m.index + m[0].length };
}

/** Words of a text, as written (folding happens per term, see `foldText`). */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}
