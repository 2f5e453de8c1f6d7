import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { SETTINGS_OPENER_ATTRIBUTE } from '@/lib/consent/settings-opener';

/**
 * "Cookie settings": without JavaScript a link to the cookie policy page
 * (which explains that nothing optional runs without JavaScript); the consent
 * island turns it into a button that opens the preferences dialog.
 */
export function CookieSettingsLink({ className, label }: { className?: string; label?: string }) {
  const t = useTranslations('Footer');
  const locale = useLocale();
  const attributes = { [SETTINGS_OPENER_ATTRIBUTE]: '' };
  return (
    <a href={localizedPath(locale, '/cookies')} className={className} {...attributes}>
      {label ?? t('cookieSettings')}
    </a>
  );
}
