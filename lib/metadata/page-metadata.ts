import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { Alternates } from '@/i18n/alternates';
import { localeTags, routing, type Locale } from '@/i18n/routing';
import { mediaTypeOf } from '@/lib/content/media-file';
import type { Article, Section, Tag } from '@/lib/content/repository';
import { feedPath } from './rss-feed';
import { articleCardAlt, articleCardPath, siteCardAlt, siteCardPath, SOCIAL_CARD } from './social-card';
import { absoluteUrl, siteName } from '@/lib/site-config';

export type MetadataImage = { url: string; width: number; height: number; alt: string; type: string };

export type PageMetadataInput = {
  locale: Locale;
  title: string;
  description: string;
  alternates: Alternates;
  /** Placeholders (account, cart, search results) must stay out of indexes. */
  noindex?: boolean;
  /** Absolute title: used by the home page, whose title is the site name. */
  absoluteTitle?: boolean;
  /** Shown when the page is shared (Open Graph, Twitter card); the site card if not given. */
  image?: MetadataImage;
};

/** hreflang map with x-default, pointing at the translated paths. */
export function languageAlternates(alternates: Alternates): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const locale of routing.locales) {
    const path = alternates[locale];
    if (path) languages[localeTags[locale].html] = absoluteUrl(path);
  }
  const fallback = alternates[routing.defaultLocale] ?? Object.values(alternates).find(Boolean);
  if (fallback) languages['x-default'] = absoluteUrl(fallback);
  return languages;
}

/**
 * `<link rel="alternate" type="application/rss+xml">` for the page's language.
 * Every page builder adds it, because a page's `alternates` replaces the
 * layout's wholesale in Next's metadata merge.
 */
export function feedAlternateTypes(locale: Locale) {
  return { 'application/rss+xml': [{ url: absoluteUrl(feedPath(locale)), title: siteName[locale] }] };
}

function sharedMetadata(input: PageMetadataInput) {
  const { locale, title, description, alternates, noindex, absoluteTitle, image } = input;
  const canonicalPath = alternates[locale];
  const canonical = canonicalPath ? absoluteUrl(canonicalPath) : undefined;
  const other = routing.locales.filter((l) => l !== locale && alternates[l]);
  const card = image ?? { url: siteCardPath(locale), ...SOCIAL_CARD, alt: siteCardAlt(locale) };
  const images = [{ ...card, url: absoluteUrl(card.url) }];
  return {
    metadata: {
      title: absoluteTitle ? { absolute: title } : title,
      description,
      alternates: { canonical, languages: languageAlternates(alternates), types: feedAlternateTypes(locale) },
      robots: noindex ? { index: false, follow: true } : undefined,
      twitter: { card: 'summary_large_image', title, description, images },
    } satisfies Metadata,
    openGraph: {
      siteName: siteName[locale],
      locale: localeTags[locale].og,
      alternateLocale: other.map((l) => localeTags[l].og),
      url: canonical,
      title,
      description,
      images,
    },
  };
}

export function buildPageMetadata(input: PageMetadataInput): Metadata {
  const { metadata, openGraph } = sharedMetadata(input);
  return { ...metadata, openGraph: { type: 'website', ...openGraph } };
}

export type ArticleMetadataInput = {
  article: Article;
  section: Section;
  tags: Tag[];
  alternates: Alternates;
};

const RASTER_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

function rasterHero({ hero }: Article): MetadataImage[] {
  const type = mediaTypeOf(hero.src);
  return type && RASTER_TYPES.has(type) ? [{ url: absoluteUrl(hero.src), width: hero.width, height: hero.height, alt: hero.alt, type }] : [];
}

/**
 * An article page: og:type article with its times, section and tags, and its
 * social card (a PNG: networks do not render the SVG hero).
 */
export function buildArticleMetadata({ article, section, tags, alternates }: ArticleMetadataInput): Metadata {
  const { locale } = article;
  const { metadata, openGraph } = sharedMetadata({
    locale,
    title: article.title,
    description: article.dek,
    alternates,
    image: { url: articleCardPath(article), ...SOCIAL_CARD, alt: articleCardAlt(article, section) },
  });
  return {
    ...metadata,
    authors: article.authors.map((a) => ({ name: a.name })),
    openGraph: {
      type: 'article',
      ...openGraph,
      // The hero too, after the card, when networks can draw it (not SVG): a photo an editor uploaded, at its size.
      images: [...openGraph.images, ...rasterHero(article)],
      publishedTime: article.published,
      modifiedTime: article.updated,
      section: section[locale].label,
      tags: tags.map((t) => t[locale].label),
    },
  };
}

/** The message namespaces of the pages whose title and description are two of their strings. */
type StaticPageNamespace = 'Privacy' | 'CookiePolicy' | 'Account' | 'Cart';

/**
 * `generateMetadata` for a page without content of its own (policies,
 * placeholders): its title and description are `title` and `description`
 * (or `body`) of one message namespace, in the page's language.
 */
export function staticPageMetadata(
  namespace: StaticPageNamespace,
  alternates: Alternates,
  { descriptionKey = 'description', noindex = false }: { descriptionKey?: 'description' | 'body'; noindex?: boolean } = {},
) {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const locale = (await params).locale as Locale;
    const t = await getTranslations({ locale, namespace });
    return buildPageMetadata({ locale, title: t('title'), description: t(descriptionKey), alternates, noindex });
  };
}
