import type { MetadataRoute } from 'next';
import { getContent } from '@/lib/content/live-content';
import { buildSitemap } from '@/lib/metadata/sitemap';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const content = await getContent();
  return buildSitemap({ contentPages: content.listContentPages(), articlesByLocale: content.listArticlesByLocale() });
}
