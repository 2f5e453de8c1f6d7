'use client';

import { consentHistoryUrl } from '@/lib/consent/send-receipt';
import { useConsent } from './useConsent';

/**
 * The reader's own receipts. The policy page is the same prerendered HTML for
 * everyone, so the link to this browser's id can only be built here, from
 * the cookie, once the reader has chosen.
 */
export function ConsentReceiptsLink({ label, none }: { label: string; none: string }) {
  const { status, record } = useConsent();
  if (status !== 'decided') return <p className="consent-receipts">{none}</p>;
  return (
    <p className="consent-receipts">
      <a href={consentHistoryUrl(record.id)} type="application/json">
        {label}
      </a>
    </p>
  );
}
