import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import { embedProviderList } from '@/lib/embeds/provider-list';
import { googleSelect, siteTracking, type SiteTracking } from '@/lib/consent/site-tracking';
import { formatCalendarDay } from '@/lib/content/format-date';
import { formatPeriod } from '@/lib/format-period';
import { dataInventory, inventoryFields, PRIVACY_POLICY_DATE, type InventoryRecord } from '@/lib/privacy/data-inventory';
import type { PrivacyOfficer } from '@/lib/privacy/privacy-officer';
import './privacy.css';

function InventoryEntry({ record }: { record: InventoryRecord }) {
  const t = useTranslations('Privacy');
  const locale = useLocale();
  const retention =
    record.retention.kind === 'days'
      ? t('retention.days', { period: formatPeriod(record.retention.days, locale) })
      : t('retention.whileActive');
  return (
    <section className="privacy-record" aria-labelledby={`privacy-record-${record.key}`}>
      <h3 id={`privacy-record-${record.key}`}>{t(`records.${record.key}.name`)}</h3>
      <dl>
        <dt>{t('labels.fields')}</dt>
        <dd>
          <ul>
            {inventoryFields(record).map((field) => (
              <li key={field}>{t(`fields.${field}`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('labels.purpose')}</dt>
        <dd>{t(`records.${record.key}.purpose`)}</dd>
        <dt>{t('labels.retention')}</dt>
        <dd>{retention}</dd>
        <dt>{t('labels.recipients')}</dt>
        <dd>{t('recipientsNone')}</dd>
      </dl>
    </section>
  );
}

function OfficerContact({ officer }: { officer: PrivacyOfficer }) {
  const t = useTranslations('Privacy');
  return (
    <div className="privacy-officer">
      {officer.name ? (
        <p>{t('officerName', { name: officer.name })}</p>
      ) : (
        <p className="privacy-notice">{t('officerNameMissing')}</p>
      )}
      {officer.email ? (
        <p>
          {t.rich('officerEmail', {
            email: officer.email,
            link: (chunks: ReactNode) => <a href={`mailto:${officer.email}`}>{chunks}</a>,
          })}
        </p>
      ) : (
        <p className="privacy-notice">{t('officerEmailMissing')}</p>
      )}
    </div>
  );
}

/**
 * Content of /en/privacy and /fr/confidentialite. The lists come from the
 * data inventory and the retention figures the purge job enforces; the
 * recipients from the embed providers and the build's configuration.
 */
export function PrivacyPolicy({ officer, tracking = siteTracking }: { officer: PrivacyOfficer; tracking?: SiteTracking }) {
  const t = useTranslations('Privacy');
  const locale = useLocale();
  const policy = (chunks: ReactNode) => <a href={localizedPath(locale, '/cookies')}>{chunks}</a>;
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <article className="privacy-policy">
      <h1>{t('title')}</h1>
      <p className="privacy-policy__date">{t('lastChange', { date: formatCalendarDay(PRIVACY_POLICY_DATE, locale) })}</p>
      <p>{t('intro')}</p>

      <h2>{t('collectedHeading')}</h2>
      {dataInventory.map((record) => (
        <InventoryEntry key={record.key} record={record} />
      ))}
      <p>{t('notCollected')}</p>
      <p>{t.rich('cookiesNote', { policy })}</p>

      <h2>{t('recipientsHeading')}</h2>
      <p>{t('recipientsEmbeds', { providers: embedProviderList(locale) })}</p>
      <p>{t('recipientsGoogle', { google: googleSelect(tracking) })}</p>

      <h2>{t('rightsHeading')}</h2>
      <ul>
        <li>{t.rich('rights.access', { strong, policy })}</li>
        <li>{t.rich('rights.rectification', { strong })}</li>
        <li>{t.rich('rights.withdrawal', { strong })}</li>
      </ul>
      <p>{t('rightsHow')}</p>
      <p>{t('complaint')}</p>

      <h2>{t('officerHeading')}</h2>
      <OfficerContact officer={officer} />

      <h2>{t('changesHeading')}</h2>
      <p>{t('changesBody')}</p>
    </article>
  );
}
