import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';

/** A plain GET form: search works without JavaScript. */
export function SearchForm({ query = '', id = 'search-q' }: { query?: string; id?: string }) {
  const t = useTranslations('Search');
  const locale = useLocale();
  return (
    <form role="search" action={localizedPath(locale, '/search')} method="get" className="search-form">
      <label htmlFor={id}>{t('label')}</label>
      <div className="search-form__row">
        <input id={id} name="q" type="search" defaultValue={query} maxLength={200} placeholder={t('placeholder')} />
        <button type="submit">{t('submit')}</button>
      </div>
    </form>
  );
}
