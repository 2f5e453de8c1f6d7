import type { NewsArticle, WithContext } from 'schema-dts';
import { localeTags } from '@/i18n/routing';
import type { Article, Section, Tag } from '@/lib/content/repository';
import { absoluteUrl, siteName } from '@/lib/site-config';
import { articleCardAlt, articleCardPath, SOCIAL_CARD } from './social-card';

type NewsArticleInput = { article: Article; section: Section; tags: Tag[] };

/**
 * schema.org NewsArticle for an article page: what search engines show in Top
 * stories (headline, image, dates, author, publisher).
 * https://developers.google.com/search/docs/appearance/structured-data/article
 */
export function newsArticleJsonLd({ article, section, tags }: NewsArticleInput): WithContext<NewsArticle> {
  const { locale } = article;
  const url = absoluteUrl(article.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.dek,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    inLanguage: localeTags[locale].html,
    datePublished: article.published,
    dateModified: article.updated,
    articleSection: section[locale].label,
    keywords: tags.map((t) => t[locale].label),
    isAccessibleForFree: true,
    // The PNG card first: search engines and news apps that do not render
    // SVG still get a 1200 px wide raster image (Google asks for ≥ 1200 px for
    // large previews); the hero, 16:9, as the article shows it.
    image: [
      {
        '@type': 'ImageObject',
        url: absoluteUrl(articleCardPath(article)),
        width: { '@type': 'QuantitativeValue', value: SOCIAL_CARD.width, unitCode: 'E37' },
        height: { '@type': 'QuantitativeValue', value: SOCIAL_CARD.height, unitCode: 'E37' },
        encodingFormat: SOCIAL_CARD.type,
        caption: articleCardAlt(article, section),
      },
      {
        '@type': 'ImageObject',
        url: absoluteUrl(article.hero.src),
        width: { '@type': 'QuantitativeValue', value: article.hero.width, unitCode: 'E37' },
        height: { '@type': 'QuantitativeValue', value: article.hero.height, unitCode: 'E37' },
        caption: article.hero.caption,
        creditText: article.hero.credit,
      },
    ],
    author: article.authors.map((a) =>
      a.organization
        ? { '@type': 'Organization', name: a.name, url: absoluteUrl(`/${locale}`) }
        : { '@type': 'Person', name: a.name },
    ),
    // Google and news aggregators read corrections from here (schema.org CorrectionComment).
    ...(article.corrections.length > 0
      ? { correction: article.corrections.map((c) => ({ '@type': 'CorrectionComment' as const, text: c.note, datePublished: c.date })) }
      : {}),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: siteName[locale],
      url: absoluteUrl(`/${locale}`),
      logo: { '@type': 'ImageObject', url: absoluteUrl('/icon.svg') },
    },
  };
}

/**
 * JSON for a `<script type="application/ld+json">`. `<` is escaped so that a
 * headline containing `</script>` cannot close the tag; U+2028/2029 too, for
 * old JavaScript parsers that treat them as line ends.
 */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
