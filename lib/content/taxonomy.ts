import { z } from 'zod';
import { locales } from '@/i18n/routing';
import { ContentError, fieldName, type ContentProblem } from './content-error';
import { SLUG_PATTERN } from './slug';

const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase letters, digits and single hyphens');
const localizedTerm = z.strictObject({ label: z.string().trim().min(1, 'must not be empty'), slug });
const term = z.strictObject({ key: slug, en: localizedTerm, fr: localizedTerm });

const taxonomySchema = z.strictObject({
  sections: z.array(term).min(1, 'must list at least one section'),
  tags: z.array(term),
});

/** A section or a tag: one key for the code, a label and a slug per language. */
export type TaxonomyTerm = z.infer<typeof term>;
export type Section = TaxonomyTerm;
export type Tag = TaxonomyTerm;
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** Validates `content/taxonomy.json`; keys and per-language slugs must be unique. */
export function parseTaxonomy(file: string, raw: unknown): Taxonomy {
  const result = taxonomySchema.safeParse(raw);
  if (!result.success) {
    throw new ContentError(
      result.error.issues.map((issue) => ({ file, field: fieldName(issue.path) || '(root)', message: issue.message })),
    );
  }
  const problems: ContentProblem[] = [];
  for (const kind of ['sections', 'tags'] as const) {
    const terms = result.data[kind];
    const seen = new Map<string, number>();
    terms.forEach((t, index) => {
      const keys: [string, string][] = [['key', t.key], ...locales.map((l): [string, string] => [`${l}.slug`, t[l].slug])];
      for (const [field, value] of keys) {
        const id = `${field}=${value}`;
        const first = seen.get(id);
        if (first !== undefined) {
          problems.push({ file, field: `${kind}[${index}].${field}`, message: `"${value}" is already used by ${kind}[${first}]` });
        } else {
          seen.set(id, index);
        }
      }
    });
  }
  if (problems.length) throw new ContentError(problems);
  return result.data;
}
