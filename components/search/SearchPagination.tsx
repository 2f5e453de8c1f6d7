import { useLocale, useTranslations } from 'next-intl';
import { searchHref } from '@/lib/search/search-urls';

type Props = { query: string; page: number; pageCount: number };

/** Previous/next links that keep the query; nothing when everything fits on one page. */
export function SearchPagination({ query, page, pageCount }: Props) {
  const t = useTranslations('Search');
  const locale = useLocale();
  if (pageCount <= 1) return null;
  return (
    <nav className="search-pagination" aria-label={t('pagination')}>
      {page > 1 ? (
        <a href={searchHref(locale, query, page - 1)} rel="prev">
          {t('previous')}
        </a>
      ) : null}
      <span aria-current="page">{t('pageOf', { page, pageCount })}</span>
      {page < pageCount ? (
        <a href={searchHref(locale, query, page + 1)} rel="next">
          {t('next')}
        </a>
      ) : null}
    </nav>
  );
}
