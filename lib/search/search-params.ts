import { z } from 'zod';

export const MAX_QUERY_LENGTH = 200;

/** What the results page needs from its URL, already made safe. */
export type SearchParams = {
  /** Trimmed, whitespace collapsed, at most MAX_QUERY_LENGTH characters; '' when absent. */
  query: string;
  /** The reader's query was longer than MAX_QUERY_LENGTH and was cut. */
  queryWasCut: boolean;
  /** 1-based; past the last page gives an empty page, not an error. */
  page: number;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

// `?q=a&q=b` arrives as an array: the first value is the one the form sent.
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// Control characters (newlines from a pasted query) separate words; format
// characters (soft hyphen, zero-width space, bidi marks) are invisible and
// would split or glue words unseen, so they go.
const CONTROL = /\p{Cc}+/gu;
const FORMAT = /\p{Cf}+/gu;

const schema = z.object({
  q: z.preprocess(firstValue, z.string()).catch(''),
  // `page=abc`, `page=-1`, `page=2.5` are not pages: show the first one.
  page: z
    .preprocess(firstValue, z.string().regex(/^\d+$/))
    .transform(Number)
    .pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER))
    .catch(1),
});

export function parseSearchParams(raw: RawSearchParams): SearchParams {
  const { q, page } = schema.parse(raw);
  const cleaned = q.replace(FORMAT, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  // Code points, not UTF-16 units: never cut an emoji or a surrogate pair in half.
  const chars = Array.from(cleaned);
  const queryWasCut = chars.length > MAX_QUERY_LENGTH;
  const query = queryWasCut ? chars.slice(0, MAX_QUERY_LENGTH).join('').trim() : cleaned;
  return { query, queryWasCut, page };
}
