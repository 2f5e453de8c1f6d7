import { useTranslations } from 'next-intl';

export const MAIN_ID = 'main';
export const NAV_ID = 'site-nav';

export function SkipLinks() {
  const t = useTranslations('SkipLinks');
  return (
    <nav aria-label={t('label')} className="skip-links">
      <a href={`#${MAIN_ID}`}>{t('toMain')}</a>
      <a href={`#${NAV_ID}`}>{t('toNav')}</a>
    </nav>
  );
}
