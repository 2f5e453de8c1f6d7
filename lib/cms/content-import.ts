import path from 'node:path';
import type { Payload } from 'payload';
import { locales, type Locale } from '@/i18n/routing';
import type { ArticleFile } from '@/lib/content/article-schema';
import { createContentRepository } from '@/lib/content/repository';
import type { TaxonomyTerm } from '@/lib/content/taxonomy';

export type ImportReport = { sectionsCreated: number; tagsCreated: number; articlesCreated: number; articlesSkipped: number };

/** Writes made by an import reach the caches through the server's revalidation endpoint, once, at the end. */
const context = { skipPublishing: true };

async function ensureTerms(payload: Payload, collection: 'sections' | 'tags', terms: TaxonomyTerm[]): Promise<{ ids: Map<string, number | string>; created: number }> {
  const ids = new Map<string, number | string>();
  let created = 0;
  for (const term of terms) {
    const existing = await payload.find({ collection, where: { key: { equals: term.key } }, limit: 1, depth: 0, overrideAccess: true });
    let id = existing.docs[0]?.id;
    if (id === undefined) {
      const doc = await payload.create({ collection, locale: 'en', data: { key: term.key, label: term.en.label, slug: term.en.slug }, overrideAccess: true, context });
      await payload.update({ collection, id: doc.id, locale: 'fr', data: { label: term.fr.label, slug: term.fr.slug }, overrideAccess: true, context });
      id = doc.id;
      created += 1;
    }
    ids.set(term.key, id);
  }
  return { ids, created };
}

function localizedData(article: ArticleFile) {
  return {
    title: article.title,
    slug: article.slug,
    dek: article.dek,
    body: article.body,
    hero: { alt: article.hero.alt, caption: article.hero.caption },
    corrections: article.corrections,
    formerSlugs: article.formerSlugs,
  };
}

/**
 * Imports a folder laid out like `content/` (taxonomy.json, articles/<id>/<locale>.md),
 * validated by the same schema as ever: a broken file stops the import with a
 * message naming it. Idempotent: sections, tags and articles whose key already
 * exists are left as editors made them.
 */
export async function importContentFolder(payload: Payload, folder: string, { publicDir }: { publicDir?: string } = {}): Promise<ImportReport> {
  const repository = createContentRepository({ contentDir: path.resolve(folder), publicDir });
  const sections = await ensureTerms(payload, 'sections', repository.listSections());
  const tags = await ensureTerms(payload, 'tags', repository.listTags());
  const versions = new Map<string, Partial<Record<Locale, ArticleFile>>>();
  for (const locale of locales) {
    for (const article of repository.listArticles(locale)) versions.set(article.id, { ...versions.get(article.id), [locale]: article });
  }
  let articlesCreated = 0;
  let articlesSkipped = 0;
  // Oldest first, so that database ids follow publication order.
  for (const [key, byLocale] of [...versions].reverse()) {
    const existing = await payload.find({ collection: 'articles', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true, draft: true });
    if (existing.docs.length > 0) {
      articlesSkipped += 1;
      continue;
    }
    const [first, ...rest] = locales.filter((l) => byLocale[l]);
    const main = first ? byLocale[first] : undefined;
    if (!first || !main) continue;
    const shared = {
      key,
      section: sections.ids.get(main.section),
      tags: main.tags.map((t) => tags.ids.get(t)).filter((id) => id !== undefined),
      authors: main.authors,
      published: main.published,
      updated: main.updated,
      lead: main.lead,
      hero: { src: main.hero.src, width: main.hero.width, height: main.hero.height, credit: main.hero.credit },
      _status: 'published' as const,
    };
    const created = await payload.create({
      collection: 'articles',
      locale: first,
      data: { ...shared, ...localizedData(main), hero: { ...shared.hero, ...localizedData(main).hero } },
      overrideAccess: true,
      context,
    });
    for (const locale of rest) {
      const version = byLocale[locale];
      if (!version) continue;
      const data = localizedData(version);
      await payload.update({
        collection: 'articles',
        id: created.id,
        locale,
        data: { ...data, hero: { ...shared.hero, ...data.hero }, _status: 'published' },
        overrideAccess: true,
        context,
      });
    }
    articlesCreated += 1;
  }
  return { sectionsCreated: sections.created, tagsCreated: tags.created, articlesCreated, articlesSkipped };
}
