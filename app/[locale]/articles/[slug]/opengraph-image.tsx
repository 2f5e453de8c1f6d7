import { ImageResponse } from 'next/og';
import { notFound } from 'next/navigation';
import { cardFonts } from '@/lib/metadata/social-card-font';
import { ArticleCard } from '@/components/social/SocialCard';
import { locales } from '@/i18n/routing';
import { getContent } from '@/lib/content/live-content';
import { SOCIAL_CARD } from '@/lib/metadata/social-card';
import { siteName } from '@/lib/site-config';

// The article's social card (1200×630 PNG), drawn once per article and
// language at build time. The page's metadata (lib/metadata/page-metadata.ts) points
// og:image and twitter:image here, with the alt text.
export const size = { width: SOCIAL_CARD.width, height: SOCIAL_CARD.height };
export const contentType = SOCIAL_CARD.type;
// Drawn at build time for the articles published then; a later article's card on its first request.
export const dynamicParams = true;

// Both segments: a route handler does not get its params from the layout's
// generateStaticParams as a page does.
export async function generateStaticParams() {
  const content = await getContent();
  return locales.flatMap((locale) => content.listArticles(locale).map((a) => ({ locale, slug: a.slug })));
}

export default async function Image({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  const content = await getContent();
  const article = content.getArticleBySlug(locale, slug);
  if (!article) notFound();
  return new ImageResponse(
    <ArticleCard
      lang={article.locale}
      siteName={siteName[article.locale]}
      section={content.sectionOf(article)[article.locale].label}
      headline={article.title}
    />,
    { ...size, fonts: await cardFonts() },
  );
}
