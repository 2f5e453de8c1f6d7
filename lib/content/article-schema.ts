import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { isLocale, type Locale } from '@/i18n/routing';
import { ContentError, fieldName, type ContentProblem } from './content-error';
import { MEDIA_SRC_PATTERN } from './media-file';
import { SLUG_PATTERN } from './slug';
import type { Taxonomy } from './taxonomy';

const EXAMPLE_TIMESTAMP = '"2026-01-16T15:20:00-05:00"';

const text = z.string().trim().min(1, 'must not be empty');
const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase letters, digits and single hyphens, e.g. "canada-china-reset"');

/**
 * A publication time must carry its offset: a newsroom publishes at 15:20 in
 * Toronto, not at 15:20 somewhere. YAML turns an unquoted timestamp into a Date
 * and drops the offset, hence the hint to quote it. Zod's check also rejects
 * impossible days such as February 30.
 */
const timestamp = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input instanceof Date
      ? `must be quoted so its time zone offset is kept, e.g. ${EXAMPLE_TIMESTAMP}`
      : `must be an ISO 8601 timestamp with a time zone offset, e.g. ${EXAMPLE_TIMESTAMP}`,
});

/** Seeded hero images live under public/images/. */
export const HERO_SRC_PATTERN = /^\/images\/[a-z0-9][a-z0-9._-]*\.(svg|png|webp|avif|jpe?g)$/;

const heroImage = z.strictObject({
  // A file under public/images/, or an image uploaded to the CMS (served at /media/<name>).
  src: z
    .string()
    .refine(
      (src) => HERO_SRC_PATTERN.test(src) || MEDIA_SRC_PATTERN.test(src),
      'must be an image path under /images/, e.g. "/images/canada-china-reset.svg", or an uploaded image under /media/',
    ),
  // Width and height let the browser reserve the image's box before it loads (no layout shift).
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt: text,
  caption: text,
  credit: text,
});

const author = z.strictObject({
  name: text,
  /** Staff bylines are credited to the newsroom as an organization in JSON-LD. */
  organization: z.boolean().default(false),
});

function frontmatterSchema(taxonomy: Taxonomy) {
  const sectionKeys = new Set(taxonomy.sections.map((s) => s.key));
  const tagKeys = new Set(taxonomy.tags.map((t) => t.key));
  return z
    .strictObject({
      id: slug,
      slug,
      title: text,
      dek: text,
      section: z.string().refine((key) => sectionKeys.has(key), {
        error: (issue) => `"${String(issue.input)}" is not a section in content/taxonomy.json`,
      }),
      tags: z
        .array(
          z.string().refine((key) => tagKeys.has(key), {
            error: (issue) => `"${String(issue.input)}" is not a tag in content/taxonomy.json`,
          }),
        )
        .refine((tags) => new Set(tags).size === tags.length, 'lists the same tag twice')
        .default([]),
      authors: z.array(author).min(1, 'must name at least one author'),
      published: timestamp,
      updated: timestamp,
      /** The home page's lead story; at most one per language. */
      lead: z.boolean().default(false),
      hero: heroImage,
      /** Dated correction notes, newest last; each moves `updated` forward. */
      corrections: z.array(z.strictObject({ date: timestamp, note: text })).default([]),
      /** Slugs this language version had before: their URLs redirect (308) to the current one. */
      formerSlugs: z.array(slug).default([]),
    })
    .superRefine((article, ctx) => {
      if (Date.parse(article.updated) < Date.parse(article.published)) {
        ctx.addIssue({ code: 'custom', path: ['updated'], message: `is earlier than published (${article.published})` });
      }
    });
}

export type ArticleFrontmatter = z.output<ReturnType<typeof frontmatterSchema>>;

/** One language version of an article, as read from `content/articles/<id>/<locale>.md`. */
export type ArticleFile = ArticleFrontmatter & {
  locale: Locale;
  /** Path shown in error messages, e.g. `content/articles/canada-china-reset/fr.md`. */
  file: string;
  /** Markdown body, rendered by `renderArticleBody`. */
  body: string;
};

/**
 * Parses and validates one article file. The file's own path decides its
 * language (`en.md`, `fr.md`) and must sit in a folder named after its `id`.
 * Throws a ContentError naming the file and each broken field.
 */
export function parseArticleFile(file: string, source: string, taxonomy: Taxonomy): ArticleFile {
  const problems: ContentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });

  const locale = path.basename(file, '.md');
  if (!isLocale(locale) || !file.endsWith('.md')) problem('file name', 'must be en.md or fr.md');

  let data: Record<string, unknown> = {};
  let body = '';
  try {
    // Options disable gray-matter's cache, which hands out shared mutable objects.
    const parsed = matter(source, {});
    data = parsed.data;
    body = parsed.content.trim();
  } catch (error) {
    problem('frontmatter', `is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }

  const checked = checkFrontmatter(file, data, taxonomy);
  problems.push(...checked.problems);
  if (checked.data && checked.data.id !== path.basename(path.dirname(file))) {
    problem('id', `"${checked.data.id}" must match its folder name "${path.basename(path.dirname(file))}"`);
  }
  if (!body) problem('body', 'is empty');

  if (problems.length || !checked.data || !isLocale(locale)) throw new ContentError(problems);
  return { ...checked.data, locale, file, body };
}

/**
 * Validates an article's fields wherever they come from (a Markdown file's
 * frontmatter, or a CMS record), so both sources obey one schema.
 */
export function checkFrontmatter(
  file: string,
  data: Record<string, unknown>,
  taxonomy: Taxonomy,
): { data: ArticleFrontmatter | null; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const result = frontmatterSchema(taxonomy).safeParse(data, { reportInput: true });
  if (result.success) return { data: result.data, problems };
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ file, field: fieldName([...issue.path, key]), message: 'is not a known field (a typo?)' });
    } else {
      problems.push({ file, field: fieldName(issue.path), message: issue.input === undefined ? 'is missing' : issue.message });
    }
  }
  return { data: null, problems };
}
