import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { ALL_CATEGORIES, POLICY_REVISION, POLICY_REVISION_DATE } from '@/lib/consent/categories';
import { registryFor, type RegistryDuration, type RegistryEntry } from '@/lib/consent/cookie-registry';
import { siteTracking, type SiteTracking } from '@/lib/consent/site-tracking';
import { formatCalendarDay } from '@/lib/content/format-date';
import { formatPeriod } from '@/lib/format-period';
import { ConsentReceiptsLink } from './ConsentReceiptsLink';
import { CookieSettingsLink } from './CookieSettingsLink';
import { useConsentCategoryTexts } from './useConsentCategoryTexts';
import './consent.css';

type TrackingProps = { tracking?: SiteTracking };

/** The cookie table, generated from the registry in the page's language. */
export function CookieTable({ tracking = siteTracking }: TrackingProps) {
  const t = useTranslations('CookiePolicy');
  const c = useTranslations('Consent');
  const locale = useLocale();
  const duration = (d: RegistryDuration) => {
    switch (d.kind) {
      case 'session':
        return t('duration.session');
      case 'not-set':
        return t('duration.notSet');
      case 'days':
        return formatPeriod(d.days, locale);
      case 'session-or-days':
        return t('duration.sessionOr', { period: formatPeriod(d.days, locale) });
    }
  };
  const party = (entry: RegistryEntry) =>
    entry.party.kind === 'first'
      ? t('party.first')
      : t('party.third', { provider: entry.party.provider, domain: entry.party.domain });
  return (
    <div className="cookie-table-wrap" role="region" aria-labelledby="cookie-table-heading" tabIndex={0}>
      <table className="cookie-table" aria-labelledby="cookie-table-heading">
        <thead>
          <tr>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.category')}</th>
            <th scope="col">{t('columns.purpose')}</th>
            <th scope="col">{t('columns.duration')}</th>
            <th scope="col">{t('columns.party')}</th>
          </tr>
        </thead>
        <tbody>
          {registryFor(tracking).map((entry) => (
            <tr key={`${entry.storage}:${entry.name}:${entry.party.kind}`}>
              <th scope="row">
                <code>{entry.name}</code>
                {entry.storage === 'cookie' ? null : ` (${t(`storage.${entry.storage}`)})`}
              </th>
              <td>{c(`categories.${entry.category}.name`)}</td>
              <td>{entry.purpose[locale]}</td>
              <td>{duration(entry.duration)}</td>
              <td>{party(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Content of /en/cookies and /fr/temoins. */
export function CookiePolicy({ tracking = siteTracking }: TrackingProps) {
  const t = useTranslations('CookiePolicy');
  const c = useTranslations('Consent');
  const locale = useLocale();
  const descriptions = useConsentCategoryTexts(tracking);
  return (
    <article className="cookie-policy">
      <h1>{t('title')}</h1>
      <p>{t.rich('intro', { privacy: (chunks) => <a href={localizedPath(locale, '/privacy')}>{chunks}</a> })}</p>
      <p className="cookie-policy__revision">
        {t('revision', { revision: POLICY_REVISION, date: formatCalendarDay(POLICY_REVISION_DATE, locale) })}
      </p>
      <h2>{t('categoriesHeading')}</h2>
      <dl className="cookie-policy__categories">
        {ALL_CATEGORIES.map((category) => (
          <div key={category}>
            <dt>
              <strong>{c(`categories.${category}.name`)}</strong>
            </dt>
            <dd>
              {descriptions[category]}
              {category === 'necessary' ? ` ${c('alwaysOn')}` : null}
            </dd>
          </div>
        ))}
      </dl>
      <h2 id="cookie-table-heading">{t('tableHeading')}</h2>
      <CookieTable tracking={tracking} />
      <p>{t('thirdPartyNote')}</p>
      {tracking.googleTag ? <p>{t('googleTagNote')}</p> : null}
      <h2>{t('settingsHeading')}</h2>
      <p>{t('settingsBody')}</p>
      <p>
        <CookieSettingsLink className="button-link" label={t('settingsButton')} />
      </p>
      <noscript>
        <p>{t('noScript')}</p>
      </noscript>
      <h2>{t('receiptsHeading')}</h2>
      <p>{t('receiptsBody')}</p>
      <ConsentReceiptsLink label={t('receiptsLink')} none={t('receiptsNone')} />
    </article>
  );
}
