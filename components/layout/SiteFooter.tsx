import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';

/**
 * `settingsSlot` receives the consent "Cookie settings" control, so that every
 * page (404 and cookie policy included) offers it; `themeSlot` the theme choice.
 */
export function SiteFooter({ settingsSlot, themeSlot }: { settingsSlot?: ReactNode; themeSlot?: ReactNode }) {
  const t = useTranslations('Footer');
  const locale = useLocale();
  return (
    <footer className="site-footer">
      <nav aria-label={t('label')}>
        <h2 className="site-footer__heading">{t('policies')}</h2>
        <ul>
          <li>
            <a href={localizedPath(locale, '/privacy')}>{t('privacyPolicy')}</a>
          </li>
          <li>
            <a href={localizedPath(locale, '/cookies')}>{t('cookiePolicy')}</a>
          </li>
          {settingsSlot ? <li>{settingsSlot}</li> : null}
          <li>
            <a href={`/${locale}/feed.xml`} type="application/rss+xml">
              {t('feed')}
            </a>
          </li>
        </ul>
      </nav>
      {themeSlot}
      <p className="site-footer__copyright">{t('copyright', { year: 2026 })}</p>
    </footer>
  );
}
