import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LeadStory } from '@/components/home/LeadStory';
import { StoryList } from '@/components/home/StoryList';
import { PageShell } from '@/components/layout/PageShell';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { getContent } from '@/lib/content/live-content';
import { sectionPath, type Article } from '@/lib/content/repository';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/');

// Only /en and /fr: any other first segment (`/package.json`, `/.env`) is a
// 404 from the router instead of a render with a locale that does not exist.
export const dynamicParams = false;

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'Home' });
  const m = await getTranslations({ locale, namespace: 'Metadata' });
  return buildPageMetadata({ locale, title: t('title'), description: m('description'), alternates, absoluteTitle: true });
}

export default async function HomePage({ params }: Props) {
  const locale = (await params).locale as Locale;
  const t = await getTranslations('Home');
  const content = await getContent();
  const { lead, latest, sections } = content.homeEdition(locale);
  const withSection = (article: Article) => ({ article, kicker: content.sectionOf(article)[locale].label });
  return (
    <PageShell alternates={alternates} current="home">
      <h1 className="home-heading">{t('heading')}</h1>
      {lead ? <LeadStory {...withSection(lead)} /> : null}
      <StoryList id="home-latest" heading={t('latest')} stories={latest.map(withSection)} />
      <div className="home-sections">
        {sections.map(({ section, articles }) => (
          <StoryList
            key={section.key}
            id={`home-section-${section.key}`}
            heading={section[locale].label}
            stories={articles.map((article) => ({ article }))}
            more={{ href: sectionPath(section, locale), label: t('moreIn', { section: section[locale].label }) }}
            variant="compact"
          />
        ))}
      </div>
    </PageShell>
  );
}
