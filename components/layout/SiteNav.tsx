import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { NAV_ID } from './SkipLinks';

export type NavItem = 'home' | 'account' | 'cart' | 'search';

const items = [
  { key: 'home', href: '/' },
  { key: 'account', href: '/account' },
  { key: 'cart', href: '/cart' },
  { key: 'search', href: '/search' },
] as const;

export function SiteNav({ current }: { current?: NavItem }) {
  const t = useTranslations('Nav');
  const locale = useLocale();
  return (
    <nav id={NAV_ID} aria-label={t('label')} className="site-nav" tabIndex={-1}>
      <ul>
        {items.map(({ key, href }) => (
          <li key={key}>
            <a
              href={localizedPath(locale, href)}
              aria-current={current === key ? 'page' : undefined}
              data-nav={key}
            >
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
