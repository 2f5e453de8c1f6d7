import { getContent } from '@/lib/content/live-content';
import { buildNewsSitemap } from '@/lib/metadata/news-sitemap';

// "The last two days" moves with the clock, so the file is rebuilt at most
// every 15 minutes instead of being frozen at build time.
export const revalidate = 900;

export async function GET() {
  return new Response(buildNewsSitemap((await getContent()).listArticlesByLocale(), new Date()), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
}
