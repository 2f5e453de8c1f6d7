import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { ALL_CATEGORIES } from '@/lib/consent/categories';
import { withdrawalRules } from '@/lib/consent/cookie-registry';
import { googleSelect, siteTracking, type SiteTracking } from '@/lib/consent/site-tracking';
import { MAIN_ID } from '@/components/layout/SkipLinks';
import { ConsentManager, type ConsentStrings } from './ConsentManager';
import { useConsentCategoryTexts } from './useConsentCategoryTexts';
import './consent.css';

/**
 * Banner and dialog for the layout, rendered right after the skip links so
 * that they are the next stop for a keyboard. Translates every string here,
 * on the server, and hands them to the client island.
 */
export function ConsentRoot({ tracking = siteTracking }: { tracking?: SiteTracking }) {
  const t = useTranslations('Consent');
  const locale = useLocale();
  const texts = useConsentCategoryTexts(tracking);
  const categories = Object.fromEntries(
    ALL_CATEGORIES.map((c) => [c, { name: t(`categories.${c}.name`), description: texts[c] }]),
  ) as ConsentStrings['categories'];
  const strings: ConsentStrings = {
    bannerLabel: t('bannerLabel'),
    bannerText: t('bannerText', { google: googleSelect(tracking) }),
    policyLink: t('policyLink'),
    privacyLink: t('privacyLink'),
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
      privacyHref={localizedPath(locale, '/privacy')}
      withdrawalRules={withdrawalRules()}
      mainId={MAIN_ID}
    />
  );
}
