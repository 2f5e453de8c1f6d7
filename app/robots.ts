import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/site-config';

// Placeholders are not disallowed here: crawlers must fetch them to see their noindex.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/api/'] },
    sitemap: [absoluteUrl('/sitemap.xml'), absoluteUrl('/news-sitemap.xml')],
  };
}
