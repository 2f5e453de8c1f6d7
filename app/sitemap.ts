import type { MetadataRoute } from 'next';
import { listArticlesByLocale, listContentPages } from '@/lib/content/repository';
import { buildSitemap } from '@/lib/metadata/sitemap';

export default function sitemap(): MetadataRoute.Sitemap {
  return buildSitemap({ contentPages: listContentPages(), articlesByLocale: listArticlesByLocale() });
}
