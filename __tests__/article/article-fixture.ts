import type { Locale } from '@/i18n/routing';
import type { Article } from '@/lib/content/repository';

/** An article as the repository returns it, for rendering components in isolation. */
export function makeArticle(overrides: Partial<Article> & { locale?: Locale } = {}): Article {
  const locale = overrides.locale ?? 'en';
  const slug = overrides.slug ?? `story-${locale}`;
  return {
    id: 'story',
    locale,
    slug,
    path: `/${locale}/articles/${slug}`,
    file: `content/articles/story/${locale}.md`,
    title: 'A headline',
    dek: 'A dek.',
    section: 'world',
    tags: ['trade'],
    authors: [{ name: 'Staff', organization: true }],
    published: '2026-01-16T15:20:00-05:00',
    updated: '2026-01-16T18:45:00-05:00',
    lead: false,
    hero: { src: '/images/story.svg', width: 1200, height: 675, alt: 'An illustration.', caption: 'A caption.', credit: 'Illustration: Us' },
    body: 'Body text.',
    corrections: [],
    formerSlugs: [],
    ...overrides,
  };
}
