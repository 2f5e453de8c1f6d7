import fs from 'node:fs';
import path from 'node:path';
import type { Alternates } from '@/i18n/alternates';
import { localizedPath } from '@/i18n/paths';
import { isLocale, locales, type Locale } from '@/i18n/routing';
import { parseArticleFile, type ArticleFile } from './article-schema';
import { ContentError, type ContentProblem } from './content-error';
import { isSlug } from './slug';
import { parseTaxonomy, type Section, type Tag, type Taxonomy } from './taxonomy';

export type { Section, Tag } from './taxonomy';

/** One language version of an article, with its public path. */
export type Article = ArticleFile & {
  /** e.g. `/fr/articles/canada-chine-relance` */
  path: string;
};

/** A page made from content, in one language (for the proxy's known paths and the sitemap). */
export type ContentPage = {
  locale: Locale;
  path: string;
  alternates: Alternates;
  /** Newest `updated` of what the page shows; null for an empty section. */
  lastModified: string | null;
};

export type HomeEdition = {
  lead: Article | null;
  latest: Article[];
  sections: { section: Section; articles: Article[] }[];
};

type ContentIndex = {
  taxonomy: Taxonomy;
  /** Newest first. */
  byLocale: Record<Locale, Article[]>;
  bySlug: Record<Locale, Map<string, Article>>;
  byId: Map<string, Partial<Record<Locale, Article>>>;
};

export type ContentRepositoryOptions = {
  /** Folder holding `taxonomy.json` and `articles/<id>/<locale>.md`. */
  contentDir: string;
  /** When given, every hero image must exist in it (the site's `public/`). */
  publicDir?: string;
};

function newestFirst(a: Pick<Article, 'published' | 'id'>, b: Pick<Article, 'published' | 'id'>): number {
  return Date.parse(b.published) - Date.parse(a.published) || a.id.localeCompare(b.id);
}

/** Latest `updated` among the articles (a listing page changes when one of them does). */
export function newestUpdate(articles: Pick<Article, 'updated'>[]): string | null {
  return articles.reduce<string | null>(
    (newest, a) => (newest === null || Date.parse(a.updated) > Date.parse(newest) ? a.updated : newest),
    null,
  );
}

export function sectionPath(section: Section, locale: Locale): string {
  return localizedPath(locale, '/section/[section]', { section: section[locale].slug });
}

export function tagPath(tag: Tag, locale: Locale): string {
  return localizedPath(locale, '/tag/[tag]', { tag: tag[locale].slug });
}

function readTaxonomy(contentDir: string, display: (absolute: string) => string): Taxonomy {
  const file = path.join(contentDir, 'taxonomy.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ContentError([{ file: display(file), field: '(file)', message: `cannot be read: ${message}` }]);
  }
  return parseTaxonomy(display(file), raw);
}

function readArticleFiles(contentDir: string, taxonomy: Taxonomy, display: (absolute: string) => string) {
  const articlesDir = path.join(contentDir, 'articles');
  const files: ArticleFile[] = [];
  const problems: ContentProblem[] = [];
  const folders = fs
    .readdirSync(articlesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const folderPath = path.join(articlesDir, folder);
    const markdownFiles = fs.readdirSync(folderPath).filter((name) => name.endsWith('.md')).sort();
    if (markdownFiles.length === 0) {
      problems.push({ file: display(folderPath), field: '(folder)', message: 'has no en.md or fr.md' });
    }
    for (const name of markdownFiles) {
      const absolute = path.join(folderPath, name);
      try {
        files.push(parseArticleFile(display(absolute), fs.readFileSync(absolute, 'utf8'), taxonomy));
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        problems.push(...error.problems);
      }
    }
  }
  return { files, problems };
}

/** Rules that span several files: unique slugs and one lead story per language, existing images. */
function crossFileProblems(files: ArticleFile[], publicDir: string | undefined): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const slugOwner = new Map<string, ArticleFile>();
  const leadOwner = new Map<Locale, ArticleFile>();
  for (const article of files) {
    const key = `${article.locale}/${article.slug}`;
    const owner = slugOwner.get(key);
    if (owner) problems.push({ file: article.file, field: 'slug', message: `"${article.slug}" is already used by ${owner.file}` });
    else slugOwner.set(key, article);

    if (article.lead) {
      const lead = leadOwner.get(article.locale);
      if (lead) problems.push({ file: article.file, field: 'lead', message: `is also set in ${lead.file}: one lead story per language` });
      else leadOwner.set(article.locale, article);
    }

    if (publicDir && !fs.existsSync(path.join(publicDir, article.hero.src))) {
      problems.push({ file: article.file, field: 'hero.src', message: `"${article.hero.src}" does not exist in public/` });
    }
  }
  return problems;
}

function loadIndex({ contentDir, publicDir }: ContentRepositoryOptions): ContentIndex {
  // Paths in messages read like `content/articles/<id>/fr.md`.
  const display = (absolute: string) => path.relative(path.dirname(contentDir), absolute).split(path.sep).join('/');
  const taxonomy = readTaxonomy(contentDir, display);
  const { files, problems } = readArticleFiles(contentDir, taxonomy, display);
  problems.push(...crossFileProblems(files, publicDir));
  if (problems.length) throw new ContentError(problems);
  return indexOf({ taxonomy, files });
}

/** Articles and taxonomy from any source (files, the CMS), already validated. */
export type ContentSource = { taxonomy: Taxonomy; files: ArticleFile[] };

function indexOf({ taxonomy, files }: ContentSource): ContentIndex {
  const articles: Article[] = files
    .map((file) => ({ ...file, path: localizedPath(file.locale, '/articles/[slug]', { slug: file.slug }) }))
    .sort(newestFirst);
  const byLocale = Object.fromEntries(locales.map((l) => [l, articles.filter((a) => a.locale === l)])) as Record<Locale, Article[]>;
  const bySlug = Object.fromEntries(
    locales.map((l) => [l, new Map(byLocale[l].map((a) => [a.slug, a]))]),
  ) as Record<Locale, Map<string, Article>>;
  const byId = new Map<string, Partial<Record<Locale, Article>>>();
  for (const article of articles) byId.set(article.id, { ...byId.get(article.id), [article.locale]: article });
  return { taxonomy, byLocale, bySlug, byId };
}

/** Cross-article rules (unique slugs, one lead per language) as problems, for sources that must report rather than throw. */
export function contentSourceProblems(source: ContentSource): ContentProblem[] {
  return crossFileProblems(source.files, undefined);
}

/**
 * The only way into the site's content. Files are read and validated once, on
 * first use; a broken file throws a ContentError that names it, so `next build`
 * fails instead of publishing it. Swapping files for a CMS means writing
 * another implementation of these functions, not touching pages.
 */
export function createContentRepository(options: ContentRepositoryOptions | ContentSource) {
  let index: ContentIndex | undefined;
  const load = () => (index ??= 'contentDir' in options ? loadIndex(options) : indexOf(options));

  // The API, defined once. Methods call each other through `repository`, never
  // `this`, so they still work when taken off the object (the named exports below).
  const repository = {
    listArticles(locale: Locale): Article[] {
      return load().byLocale[locale] ?? [];
    },

    /** Every language's articles, newest first (feeds and sitemaps cover both). */
    listArticlesByLocale(): Record<Locale, Article[]> {
      return load().byLocale;
    },

    /** Null for anything that is not a published slug: unknown, encoded, `../` and friends. */
    getArticleBySlug(locale: string, slug: string): Article | null {
      if (!isLocale(locale) || !isSlug(slug)) return null;
      return load().bySlug[locale].get(slug) ?? null;
    },

    /** The article a former slug of this language now lives at (its old URL redirects there). */
    getArticleByFormerSlug(locale: string, slug: string): Article | null {
      if (!isLocale(locale) || !isSlug(slug)) return null;
      return repository.listArticles(locale).find((a) => a.formerSlugs.includes(slug)) ?? null;
    },

    getTranslation(article: Article, locale: Locale): Article | null {
      return load().byId.get(article.id)?.[locale] ?? null;
    },

    /** Path of the article in each language; null where it is not translated. */
    articleAlternates(article: Article): Alternates {
      return Object.fromEntries(locales.map((l) => [l, repository.getTranslation(article, l)?.path ?? null])) as Alternates;
    },

    listSections(): Section[] {
      return load().taxonomy.sections;
    },

    sectionOf(article: Article): Section {
      const section = repository.listSections().find((s) => s.key === article.section);
      // Validation guarantees it; an absent section here is a bug, not bad content.
      if (!section) throw new Error(`Unknown section "${article.section}" in ${article.file}`);
      return section;
    },

    getSectionBySlug(locale: string, slug: string): Section | null {
      if (!isLocale(locale) || !isSlug(slug)) return null;
      return repository.listSections().find((s) => s[locale].slug === slug) ?? null;
    },

    sectionAlternates(section: Section): Alternates {
      return Object.fromEntries(locales.map((l) => [l, sectionPath(section, l)])) as Alternates;
    },

    articlesInSection(locale: Locale, sectionKey: string): Article[] {
      return repository.listArticles(locale).filter((a) => a.section === sectionKey);
    },

    listTags(): Tag[] {
      return load().taxonomy.tags;
    },

    articlesWithTag(locale: Locale, tagKey: string): Article[] {
      return repository.listArticles(locale).filter((a) => a.tags.includes(tagKey));
    },

    /** Tags with at least one article in the language: only those get a page. */
    tagsInUse(locale: Locale): Tag[] {
      return repository.listTags().filter((t) => repository.articlesWithTag(locale, t.key).length > 0);
    },

    getTagBySlug(locale: string, slug: string): Tag | null {
      if (!isLocale(locale) || !isSlug(slug)) return null;
      return repository.tagsInUse(locale).find((t) => t[locale].slug === slug) ?? null;
    },

    tagAlternates(tag: Tag): Alternates {
      return Object.fromEntries(
        locales.map((l) => [l, repository.articlesWithTag(l, tag.key).length > 0 ? tagPath(tag, l) : null]),
      ) as Alternates;
    },

    tagsOf(article: Article): Tag[] {
      return article.tags.flatMap((key) => repository.listTags().find((t) => t.key === key) ?? []);
    },

    /** Articles sharing the most tags (then the section), newest first among equals. */
    relatedArticles(article: Article, count: number): Article[] {
      const score = (other: Article) =>
        2 * other.tags.filter((t) => article.tags.includes(t)).length + (other.section === article.section ? 1 : 0);
      return repository.listArticles(article.locale)
        .filter((other) => other.id !== article.id && score(other) > 0)
        .map((other) => ({ other, score: score(other) }))
        .sort((a, b) => b.score - a.score || newestFirst(a.other, b.other))
        .slice(0, count)
        .map(({ other }) => other);
    },

    /** The article flagged `lead`, else the newest one. */
    leadArticle(locale: Locale): Article | null {
      const articles = repository.listArticles(locale);
      return articles.find((a) => a.lead) ?? articles[0] ?? null;
    },

    homeEdition(locale: Locale, { latest = 6, perSection = 3 } = {}): HomeEdition {
      const lead = repository.leadArticle(locale);
      return {
        lead,
        latest: repository.listArticles(locale)
          .filter((a) => a !== lead)
          .slice(0, latest),
        sections: repository.listSections()
          .map((section) => ({ section, articles: repository.articlesInSection(locale, section.key).slice(0, perSection) }))
          .filter(({ articles }) => articles.length > 0),
      };
    },

    /** Every article, section and tag page in every language, with its alternates. */
    listContentPages(): ContentPage[] {
      return locales.flatMap((locale) => [
        ...repository.listArticles(locale).map(
          (a): ContentPage => ({ locale, path: a.path, alternates: repository.articleAlternates(a), lastModified: a.updated }),
        ),
        ...repository.listSections().map(
          (s): ContentPage => ({
            locale,
            path: sectionPath(s, locale),
            alternates: repository.sectionAlternates(s),
            lastModified: newestUpdate(repository.articlesInSection(locale, s.key)),
          }),
        ),
        ...repository.tagsInUse(locale).map(
          (t): ContentPage => ({
            locale,
            path: tagPath(t, locale),
            alternates: repository.tagAlternates(t),
            lastModified: newestUpdate(repository.articlesWithTag(locale, t.key)),
          }),
        ),
      ]);
    },
  };
  return repository;
}

export type ContentRepository = ReturnType<typeof createContentRepository>;

/** The site's own content, read from `content/` beside the app. */
export const contentRepository: ContentRepository = createContentRepository({
  contentDir: path.join(process.cwd(), 'content'),
  publicDir: path.join(process.cwd(), 'public'),
});

/** `contentRepository`'s methods as named imports (ES modules need each name spelled out). */
export const {
  listArticles,
  listArticlesByLocale,
  getArticleBySlug,
  getTranslation,
  articleAlternates,
  listSections,
  sectionOf,
  getSectionBySlug,
  sectionAlternates,
  articlesInSection,
  listTags,
  tagsInUse,
  getTagBySlug,
  tagAlternates,
  articlesWithTag,
  tagsOf,
  relatedArticles,
  leadArticle,
  homeEdition,
  listContentPages,
} = contentRepository;
