import { locales, type Locale } from '@/i18n/routing';
import type { Article, ContentRepository } from '@/lib/content/repository';
import { cacheTag, SITE_TAG } from './cache-tags';

/** How many related stories an article page shows (components/article/RelatedArticles). */
export const RELATED_COUNT = 3;

export type ContentChange = {
  /** Every tag whose pages differ after the change. */
  tags: string[];
  /** Language versions readers can now open (new or changed), by article id. */
  upserted: Article[];
  /** Language versions readers can no longer open. */
  removed: { locale: Locale; id: string }[];
};

/** What a reader could see of an article version: any difference means its pages change. */
function fingerprint(article: Article | undefined): string {
  if (!article) return '';
  // `file` says where the record came from, which readers never see.
  return JSON.stringify({ ...article, file: undefined });
}

function byId(repository: ContentRepository, locale: Locale): Map<string, Article> {
  return new Map(repository.listArticles(locale).map((a) => [a.id, a]));
}

/**
 * The one place that decides what a change touches. Compares what readers
 * could see before and after; an unknown "before" (nothing loaded yet in this
 * process) or a changed taxonomy touches everything (`site`).
 */
export function describeChange(before: ContentRepository | null, after: ContentRepository): ContentChange {
  const upserted: Article[] = [];
  const removed: { locale: Locale; id: string }[] = [];
  const tags = new Set<string>();
  const sameTaxonomy =
    before !== null &&
    JSON.stringify([before.listSections(), before.listTags()]) === JSON.stringify([after.listSections(), after.listTags()]);
  if (!sameTaxonomy) tags.add(SITE_TAG);

  for (const locale of locales) {
    const old = before ? byId(before, locale) : new Map<string, Article>();
    const now = byId(after, locale);
    const changedIds = [...new Set([...old.keys(), ...now.keys()])].filter((id) => fingerprint(old.get(id)) !== fingerprint(now.get(id)));
    if (changedIds.length === 0) continue;
    for (const t of [cacheTag.home(locale), cacheTag.feed(locale), cacheTag.search(locale), cacheTag.sitemap, cacheTag.newsSitemap]) tags.add(t);
    for (const id of changedIds) {
      const versions = [old.get(id), now.get(id)].filter((a): a is Article => a !== undefined);
      const current = now.get(id);
      if (current) upserted.push(current);
      else removed.push({ locale, id });
      for (const [repository, article] of [[before, old.get(id)], [after, current]] as const) {
        if (!repository || !article) continue;
        // Article pages that list this one among their related stories.
        for (const other of repository.listArticles(locale)) {
          if (other.id !== id && repository.relatedArticles(other, RELATED_COUNT).some((r) => r.id === id)) {
            tags.add(cacheTag.article(locale, other.slug));
          }
        }
      }
      for (const version of versions) {
        tags.add(cacheTag.article(locale, version.slug));
        for (const former of version.formerSlugs) tags.add(cacheTag.article(locale, former));
        const section = after.listSections().find((s) => s.key === version.section) ?? before?.listSections().find((s) => s.key === version.section);
        if (section) tags.add(cacheTag.section(locale, section[locale].slug));
        for (const key of version.tags) {
          const term = after.listTags().find((t) => t.key === key) ?? before?.listTags().find((t) => t.key === key);
          if (term) tags.add(cacheTag.tag(locale, term[locale].slug));
        }
      }
      // The other language's page links to this one (language switcher, hreflang).
      const otherLocale = locales.find((l) => l !== locale);
      const translation = otherLocale ? (after.listArticles(otherLocale).find((a) => a.id === id) ?? before?.listArticles(otherLocale).find((a) => a.id === id)) : undefined;
      if (otherLocale && translation) tags.add(cacheTag.article(otherLocale, translation.slug));
    }
  }
  return { tags: [...tags].sort(), upserted, removed };
}
