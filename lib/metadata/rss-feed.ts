import { localeTags, type Locale } from '@/i18n/routing';
import type { Article, Section, Tag } from '@/lib/content/repository';
import { mediaTypeOf } from '@/lib/content/media-file';
import { absoluteUrl } from '@/lib/site-config';
import { escapeXml, xmlElement } from './xml';

/** Most readers only look at the top of a feed; the sitemap lists everything. */
export const FEED_ITEM_LIMIT = 50;

export type RssFeedInput = {
  locale: Locale;
  title: string;
  description: string;
  /** Newest first, as the repository lists them. */
  articles: Article[];
  sectionOf: (article: Article) => Section;
  tagsOf: (article: Article) => Tag[];
};

export function feedPath(locale: Locale): string {
  return `/${locale}/feed.xml`;
}

/** RFC 822 date, as RSS 2.0 requires (`Fri, 16 Jan 2026 20:20:00 GMT`). */
function rssDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * The hero as Media RSS (https://www.rssboard.org/media-rss#media-content):
 * unlike `<enclosure>` it needs no byte length, and it carries the size so a
 * reader app can reserve the box before the image arrives.
 */
function heroElement(hero: Article['hero']): string {
  const type = mediaTypeOf(hero.src);
  const attributes = [
    ['url', absoluteUrl(hero.src)],
    ['medium', 'image'],
    ...(type ? [['type', type]] : []),
    ['width', String(hero.width)],
    ['height', String(hero.height)],
  ];
  return `<media:content ${attributes.map(([name, value]) => `${name}="${escapeXml(value ?? '')}"`).join(' ')}>${xmlElement('media:description', hero.alt)}</media:content>`;
}

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with absolute URLs. The
 * channel's lastBuildDate is the newest update, not the build time, so the
 * same content always gives the same bytes.
 */
export function buildRssFeed({ locale, title, description, articles, sectionOf, tagsOf }: RssFeedInput): string {
  const items = articles.slice(0, FEED_ITEM_LIMIT).map((a) => {
    const url = absoluteUrl(a.path);
    const categories = [sectionOf(a)[locale].label, ...tagsOf(a).map((t) => t[locale].label)];
    return [
      '<item>',
      xmlElement('title', a.title),
      xmlElement('link', url),
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      xmlElement('description', a.dek),
      xmlElement('pubDate', rssDate(a.published)),
      ...a.authors.map((author) => xmlElement('dc:creator', author.name)),
      ...categories.map((c) => xmlElement('category', c)),
      heroElement(a.hero),
      '</item>',
    ].join('');
  });
  const newestUpdate = articles.map((a) => Date.parse(a.updated)).sort((x, y) => y - x)[0];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    xmlElement('title', title),
    xmlElement('link', absoluteUrl(`/${locale}`)),
    xmlElement('description', description),
    xmlElement('language', localeTags[locale].html),
    newestUpdate === undefined ? '' : xmlElement('lastBuildDate', new Date(newestUpdate).toUTCString()),
    `<atom:link href="${escapeXml(absoluteUrl(feedPath(locale)))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}
