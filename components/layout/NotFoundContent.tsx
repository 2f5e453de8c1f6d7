import { useLocale, useTranslations } from 'next-intl';
import { staticAlternates } from '@/i18n/alternates';
import { localizedPath } from '@/i18n/paths';
import { SearchForm } from '@/components/search/SearchForm';
import { PageShell } from './PageShell';

/** The localized 404: says what happened and offers two ways on. */
export function NotFoundContent() {
  const t = useTranslations('NotFound');
  const locale = useLocale();
  return (
    <PageShell alternates={staticAlternates('/')}>
      <div className="not-found">
        <h1>{t('title')}</h1>
        <p>{t('body')}</p>
        <SearchForm id="not-found-q" />
        <p>
          <a className="button-link" href={localizedPath(locale, '/')}>
            {t('home')}
          </a>
        </p>
      </div>
    </PageShell>
  );
}
