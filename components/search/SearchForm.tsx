import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { MAX_QUERY_LENGTH } from '@/lib/search/search-params';
import './search.css';

type Props = {
  query?: string;
  /** Unique per page: the header form and a page's own form live side by side. */
  id?: string;
  /** `compact`: the header's form, with its label read by assistive technology only. */
  variant?: 'page' | 'compact';
};

/**
 * A plain GET form: search works without JavaScript. Each variant names its
 * search landmark differently, so a page with both has distinct landmarks.
 * `compact` comes inside a disclosure whose summary says "Search".
 */
export function SearchForm({ query = '', id = 'search-q', variant = 'page' }: Props) {
  const t = useTranslations('Search');
  const locale = useLocale();
  const compact = variant === 'compact';
  const label = compact ? t('headerLabel') : t('label');
  const form = (
    <form
      role="search"
      aria-label={label}
      action={localizedPath(locale, '/search')}
      method="get"
      className={compact ? 'search-form search-form--compact' : 'search-form'}
    >
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <div className="search-form__row">
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={compact ? undefined : t('placeholder')}
          enterKeyHint="search"
        />
        <button type="submit">{t('submit')}</button>
      </div>
    </form>
  );
  if (!compact) return form;
  // The header's form sits behind a disclosure on phones, where a full form
  // would take a tenth of the first screen; <details> opens without
  // JavaScript, and the inline <head> script moves focus into the field
  // (data-focus-on-open, lib/early-interactions.ts). On wider screens
  // search.css shows the form and hides the summary.
  return (
    <details className="search-disclosure" data-focus-on-open="">
      <summary className="search-disclosure__summary">{t('title')}</summary>
      {form}
    </details>
  );
}
