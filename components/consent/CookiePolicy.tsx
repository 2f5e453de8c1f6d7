import { useLocale, useTranslations } from 'next-intl';
import { localeTags, type Locale } from '@/i18n/routing';
import { ALL_CATEGORIES, POLICY_REVISION, POLICY_REVISION_DATE } from '@/lib/consent/categories';
import { cookieRegistry, type RegistryDuration, type RegistryEntry } from '@/lib/consent/cookie-registry';
import { CookieSettingsLink } from './CookieSettingsLink';
import './consent.css';

/** "182 days", "1 year", "1 an": whole years read better than 365 days. */
function formatPeriod(days: number, locale: Locale): string {
  const inYears = days % 365 === 0;
  return new Intl.NumberFormat(localeTags[locale].html, {
    style: 'unit',
    unit: inYears ? 'year' : 'day',
    unitDisplay: 'long',
  }).format(inYears ? days / 365 : days);
}

/** The policy's revision date, read as a calendar day (no time zone shift). */
function formatRevisionDate(locale: Locale): string {
  return new Intl.DateTimeFormat(localeTags[locale].html, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${POLICY_REVISION_DATE}T12:00:00Z`),
  );
}

/** The cookie table, generated from the registry in the page's language. */
export function CookieTable() {
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
          {cookieRegistry.map((entry) => (
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
export function CookiePolicy() {
  const t = useTranslations('CookiePolicy');
  const c = useTranslations('Consent');
  const locale = useLocale();
  return (
    <article className="cookie-policy">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="cookie-policy__revision">
        {t('revision', { revision: POLICY_REVISION, date: formatRevisionDate(locale) })}
      </p>
      <h2>{t('categoriesHeading')}</h2>
      <dl className="cookie-policy__categories">
        {ALL_CATEGORIES.map((category) => (
          <div key={category}>
            <dt>
              <strong>{c(`categories.${category}.name`)}</strong>
            </dt>
            <dd>
              {c(`categories.${category}.description`)}
              {category === 'necessary' ? ` ${c('alwaysOn')}` : null}
            </dd>
          </div>
        ))}
      </dl>
      <h2 id="cookie-table-heading">{t('tableHeading')}</h2>
      <CookieTable />
      <p>{t('thirdPartyNote')}</p>
      <h2>{t('settingsHeading')}</h2>
      <p>{t('settingsBody')}</p>
      <p>
        <CookieSettingsLink className="button-link" label={t('settingsButton')} />
      </p>
      <noscript>
        <p>{t('noScript')}</p>
      </noscript>
    </article>
  );
}
