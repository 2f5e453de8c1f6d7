import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { ALL_CATEGORIES } from '@/lib/consent/categories';
import { withdrawalRules } from '@/lib/consent/cookie-registry';
import { MAIN_ID } from '@/components/layout/SkipLinks';
import { ConsentManager, type ConsentStrings } from './ConsentManager';
import './consent.css';

/**
 * Banner and dialog for the layout, rendered right after the skip links so
 * that they are the next stop for a keyboard. Translates every string here,
 * on the server, and hands them to the client island.
 */
export function ConsentRoot() {
  const t = useTranslations('Consent');
  const locale = useLocale();
  const categories = Object.fromEntries(
    ALL_CATEGORIES.map((c) => [c, { name: t(`categories.${c}.name`), description: t(`categories.${c}.description`) }]),
  ) as ConsentStrings['categories'];
  const strings: ConsentStrings = {
    bannerLabel: t('bannerLabel'),
    bannerText: t('bannerText'),
    policyLink: t('policyLink'),
    gpcNotice: t('gpcNotice'),
    acceptAll: t('acceptAll'),
    rejectAll: t('rejectAll'),
    customize: t('customize'),
    dialogTitle: t('dialogTitle'),
    dialogIntro: t('dialogIntro'),
    save: t('save'),
    close: t('close'),
    alwaysOn: t('alwaysOn'),
    categories,
  };
  return (
    <ConsentManager
      locale={locale}
      strings={strings}
      policyHref={localizedPath(locale, '/cookies')}
      withdrawalRules={withdrawalRules()}
      mainId={MAIN_ID}
    />
  );
}
