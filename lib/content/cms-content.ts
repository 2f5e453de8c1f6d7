import type { Payload, PayloadRequest, Where } from 'payload';
import { locales, type Locale } from '@/i18n/routing';
import { checkFrontmatter, type ArticleFile } from './article-schema';
import type { ContentProblem } from './content-error';
import { toNewsroomIso } from './format-date';
import { mediaUrl } from './media-file';
import { contentSourceProblems, type ContentSource } from './repository';
import { parseTaxonomy, type Taxonomy, type TaxonomyTerm } from './taxonomy';

/**
 * Reads the CMS into the shape the content repository has always used
 * (today's frontmatter fields, one record per language version), validated by
 * the same schema as the seed files. Reader pages never call the CMS's HTTP
 * API: this runs Payload's Local API inside the server.
 */

type Localized<T> = Partial<Record<Locale, T | null>> | null | undefined;
type TermRecord = { id: number | string; key: string; label: Localized<string>; slug: Localized<string> };

/** A record as `locale: 'all'` returns it: localized fields hold one value per language. */
export type CmsArticleRecord = {
  id: number | string;
  key?: string | null;
  title?: Localized<string>;
  slug?: Localized<string>;
  dek?: Localized<string>;
  body?: Localized<string>;
  section?: number | string | TermRecord | null;
  tags?: (number | string | TermRecord)[] | null;
  authors?: { name?: string | null; organization?: boolean | null }[] | null;
  published?: string | null;
  updated?: string | null;
  lead?: boolean | null;
  hero?: {
    /** An uploaded image (an id at depth 0, the record when populated); wins over `src`. */
    image?: number | string | CmsMediaRecord | null;
    src?: string | null;
    width?: number | null;
    height?: number | null;
    alt?: Localized<string>;
    caption?: Localized<string>;
    credit?: string | null;
  } | null;
  corrections?: Localized<{ date?: string | null; note?: string | null }[]>;
  formerSlugs?: Localized<unknown>;
  _status?: 'draft' | 'published' | null;
};

/** An upload in the `media` collection, as `locale: 'all'` returns it. */
export type CmsMediaRecord = {
  id: number | string;
  filename?: string | null;
  mimeType?: string | null;
  width?: number | null;
  height?: number | null;
  alt?: Localized<string>;
};

type HeroFields = { src?: string; width?: number; height?: number; alt?: string; caption?: string; credit?: string };

/**
 * The reader's hero of one language version. An uploaded image brings its
 * URL (/media/<name>), size and alt text; the article's own alt text, when
 * given, wins (it can say what the picture means for this story). Otherwise
 * the seeded fields (`src` under /images/, width, height).
 */
export function heroFieldsOf(
  hero: CmsArticleRecord['hero'],
  locale: Locale,
  media: ReadonlyMap<string, CmsMediaRecord>,
): { hero: HeroFields; problem?: string } {
  const own = {
    alt: hero?.alt?.[locale] || undefined,
    caption: hero?.caption?.[locale] ?? undefined,
    credit: hero?.credit ?? undefined,
  };
  const image = hero?.image;
  if (image === undefined || image === null || image === '') {
    return { hero: { src: hero?.src ?? undefined, width: hero?.width ?? undefined, height: hero?.height ?? undefined, ...own } };
  }
  const upload = typeof image === 'object' ? image : media.get(String(image));
  if (!upload?.filename) return { hero: own, problem: 'is an uploaded image that no longer exists' };
  return {
    hero: {
      src: mediaUrl(upload.filename),
      width: upload.width ?? undefined,
      height: upload.height ?? undefined,
      ...own,
      alt: own.alt ?? (upload.alt?.[locale] || undefined),
    },
  };
}

/** The uploads the records' heroes name, by id, with their alt text in every language. */
async function readHeroMedia(payload: Payload, records: CmsArticleRecord[], req?: Partial<PayloadRequest>): Promise<Map<string, CmsMediaRecord>> {
  const ids = [...new Set(records.map((r) => r.hero?.image).filter((i): i is number | string => typeof i === 'number' || typeof i === 'string'))];
  if (ids.length === 0) return new Map();
  const found = await payload.find({ collection: 'media', locale: 'all', where: { id: { in: ids } }, pagination: false, depth: 0, req, overrideAccess: true });
  return new Map((found.docs as unknown as CmsMediaRecord[]).map((m) => [String(m.id), m]));
}

const idOf = (value: number | string | TermRecord | null | undefined) =>
  value !== null && typeof value === 'object' ? value.id : value;

function termOf(record: TermRecord): TaxonomyTerm {
  return {
    key: record.key,
    en: { label: record.label?.en ?? '', slug: record.slug?.en ?? '' },
    fr: { label: record.label?.fr ?? '', slug: record.slug?.fr ?? '' },
  };
}

async function readTerms(payload: Payload, collection: 'sections' | 'tags', req?: Partial<PayloadRequest>): Promise<TermRecord[]> {
  const found = await payload.find({ collection, locale: 'all', pagination: false, depth: 0, sort: 'id', req, overrideAccess: true });
  return found.docs as unknown as TermRecord[];
}

/** What a language version of a record holds, or null where the record has no text in that language. */
export function articleFileOf(
  record: CmsArticleRecord,
  locale: Locale,
  taxonomy: Taxonomy,
  termKeys: { sections: Map<string, string>; tags: Map<string, string> },
  media: ReadonlyMap<string, CmsMediaRecord> = new Map(),
): { file: ArticleFile | null; problems: ContentProblem[] } {
  const title = record.title?.[locale];
  const body = record.body?.[locale]?.trim();
  if (!title && !body) return { file: null, problems: [] };
  const file = `cms:articles/${record.key ?? record.id}/${locale}`;
  const sectionId = idOf(record.section);
  const hero = heroFieldsOf(record.hero, locale, media);
  const data: Record<string, unknown> = {
    id: record.key ?? undefined,
    slug: record.slug?.[locale] ?? undefined,
    title: title ?? undefined,
    dek: record.dek?.[locale] ?? undefined,
    section: sectionId === undefined || sectionId === null ? undefined : termKeys.sections.get(String(sectionId)),
    tags: (record.tags ?? []).map((t) => termKeys.tags.get(String(idOf(t))) ?? String(idOf(t))),
    authors: (record.authors ?? []).map((a) => ({ name: a.name ?? undefined, organization: Boolean(a.organization) })),
    published: toNewsroomIso(record.published),
    updated: toNewsroomIso(record.updated ?? record.published),
    lead: Boolean(record.lead),
    hero: hero.hero,
    corrections: (record.corrections?.[locale] ?? []).map((c) => ({ date: toNewsroomIso(c.date), note: c.note ?? undefined })),
    formerSlugs: Array.isArray(record.formerSlugs?.[locale]) ? record.formerSlugs[locale] : [],
  };
  const checked = checkFrontmatter(file, data, taxonomy);
  const problems = [...checked.problems];
  if (hero.problem) problems.push({ file, field: 'hero.image', message: hero.problem });
  if (!body) problems.push({ file, field: 'body', message: 'is empty' });
  if (!checked.data || problems.length) return { file: null, problems };
  return { file: { ...checked.data, locale, file, body: body ?? '' }, problems };
}

export type CmsReadOptions = {
  /** Read drafts (the latest saved version) instead of what readers see. */
  draft?: boolean;
  where?: Where;
  /** Inside a CMS hook: read through its transaction, so the change just made is visible. */
  req?: Partial<PayloadRequest>;
};

/**
 * Everything readers may see: published articles, in every language they
 * have. A language version that fails validation is left out and reported,
 * never allowed to break the other pages.
 */
export async function readCmsContent(payload: Payload, { draft = false, where, req }: CmsReadOptions = {}): Promise<{ source: ContentSource; problems: ContentProblem[] }> {
  const [sections, tags] = await Promise.all([readTerms(payload, 'sections', req), readTerms(payload, 'tags', req)]);
  const taxonomy = parseTaxonomy('cms:taxonomy', { sections: sections.map(termOf), tags: tags.map(termOf) });
  const termKeys = {
    sections: new Map(sections.map((s) => [String(s.id), s.key])),
    tags: new Map(tags.map((t) => [String(t.id), t.key])),
  };
  const found = await payload.find({
    collection: 'articles',
    locale: 'all',
    draft,
    where: draft ? where : { and: [{ _status: { equals: 'published' } }, ...(where ? [where] : [])] },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  });
  const records = found.docs as unknown as CmsArticleRecord[];
  const media = await readHeroMedia(payload, records, req);
  const problems: ContentProblem[] = [];
  const files: ArticleFile[] = [];
  for (const record of records) {
    for (const locale of locales) {
      const result = articleFileOf(record, locale, taxonomy, termKeys, media);
      problems.push(...result.problems);
      if (result.file) files.push(result.file);
    }
  }
  // Two leads in a language: the newest keeps the flag (the CMS cannot enforce a rule across records).
  for (const locale of locales) {
    const leads = files.filter((f) => f.locale === locale && f.lead).sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    for (const extra of leads.slice(1)) extra.lead = false;
  }
  const source = { taxonomy, files };
  problems.push(...contentSourceProblems(source));
  return { source, problems };
}
