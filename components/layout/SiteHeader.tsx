import { useLocale, useTranslations } from 'next-intl';
import type { Alternates } from '@/i18n/alternates';
import { localizedPath } from '@/i18n/paths';
import { siteName } from '@/lib/site-config';
import { SearchForm } from '@/components/search/SearchForm';
import { LocaleSwitcher } from './LocaleSwitcher';
import { SiteNav, type NavItem } from './SiteNav';

// Distinct from the search page's own field (`search-q`) and the 404's (`not-found-q`).
export const HEADER_SEARCH_ID = 'site-search-q';

export function SiteHeader({ alternates, current }: { alternates: Alternates; current?: NavItem }) {
  const t = useTranslations('Header');
  const locale = useLocale();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="site-header__brand" href={localizedPath(locale, '/')} aria-label={t('homeLabel')}>
          <span className="site-header__name">{siteName[locale]}</span>
          <span className="site-header__tagline">{t('tagline')}</span>
        </a>
        <div className="site-header__tools">
          <SearchForm variant="compact" id={HEADER_SEARCH_ID} />
          <LocaleSwitcher alternates={alternates} />
        </div>
      </div>
      <SiteNav current={current} />
    </header>
  );
}
