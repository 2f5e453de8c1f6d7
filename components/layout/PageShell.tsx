import type { ReactNode } from 'react';
import { useLocale } from 'next-intl';
import { FeatureIslands } from '@/components/layout/FeatureIslands';
import { CookieSettingsLink } from '@/components/consent/CookieSettingsLink';
import { ThemeChoice } from '@/components/theme/ThemeChoice';
import type { Alternates } from '@/i18n/alternates';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { MAIN_ID } from './SkipLinks';
import type { NavItem } from './SiteNav';

type Props = {
  alternates: Alternates;
  current?: NavItem;
  children: ReactNode;
};

/**
 * Header, main landmark and footer of every page. It lives in pages rather than
 * in the layout because the language switcher needs the page's own alternates
 * (a translated article slug), which a shared layout cannot know.
 *
 * FeatureIslands (page views, embeds, theme) is mounted here, once per page,
 * rather than in the layout: the layout's client components all share the
 * consent island's chunk, and that chunk's budget is spent.
 */
export function PageShell({ alternates, current, children }: Props) {
  const locale = useLocale();
  return (
    <>
      <SiteHeader alternates={alternates} current={current} />
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        {children}
      </main>
      <SiteFooter settingsSlot={<CookieSettingsLink />} themeSlot={<ThemeChoice />} />
      <FeatureIslands locale={locale} />
    </>
  );
}
