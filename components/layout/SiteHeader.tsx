import { useLocale, useTranslations } from 'next-intl';
import type { Alternates } from '@/i18n/alternates';
import { localizedPath } from '@/i18n/paths';
import { siteName } from '@/lib/site-config';
import { LocaleSwitcher } from './LocaleSwitcher';
import { SiteNav, type NavItem } from './SiteNav';

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
        <LocaleSwitcher alternates={alternates} />
      </div>
      <SiteNav current={current} />
    </header>
  );
}
