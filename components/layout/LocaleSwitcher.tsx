import { useLocale, useTranslations } from 'next-intl';
import type { Alternates } from '@/i18n/alternates';
import { localeTags, otherLocale } from '@/i18n/routing';
import { localeSwitchAttribute } from '@/lib/locale-cookie';

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
      {/* A plain link: the head script remembers the choice as it is tapped (lib/locale-cookie.ts). */}
      <a href={href} hrefLang={lang} lang={lang} {...localeSwitchAttribute(target)}>
        <span aria-hidden="true" className="locale-switcher__short">
          {t('switchToShort')}
        </span>{' '}
        <span className="locale-switcher__long">{t('switchTo')}</span>
      </a>
    </div>
  );
}
