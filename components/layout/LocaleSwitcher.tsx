import { useLocale, useTranslations } from 'next-intl';
import type { Alternates } from '@/i18n/alternates';
import { localeTags, otherLocale } from '@/i18n/routing';
import { LocaleSwitchLink } from './LocaleSwitchLink';

export function LocaleSwitcher({ alternates }: { alternates: Alternates }) {
  const t = useTranslations('LocaleSwitcher');
  const locale = useLocale();
  const target = otherLocale(locale);
  const href = alternates[target];
  const lang = localeTags[target].html;
  if (!href) {
    // An untranslated page says so rather than sending the reader to a 404.
    return (
      <p className="locale-switcher locale-switcher--none" lang={localeTags[locale].html}>
        {t('untranslated')}
      </p>
    );
  }
  return (
    <div className="locale-switcher">
      <LocaleSwitchLink href={href} locale={target} hrefLang={lang} lang={lang}>
        <span aria-hidden="true" className="locale-switcher__short">
          {t('switchToShort')}
        </span>{' '}
        <span className="locale-switcher__long">{t('switchTo')}</span>
      </LocaleSwitchLink>
    </div>
  );
}
