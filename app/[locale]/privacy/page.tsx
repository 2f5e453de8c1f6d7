import { PageShell } from '@/components/layout/PageShell';
import { PrivacyPolicy } from '@/components/privacy/PrivacyPolicy';
import { staticAlternates } from '@/i18n/alternates';
import { staticPageMetadata } from '@/lib/metadata/page-metadata';
import { privacyOfficerFromEnv, warnIfPrivacyOfficerMissing } from '@/lib/privacy/privacy-officer';

const alternates = staticAlternates('/privacy');
const officer = privacyOfficerFromEnv();
warnIfPrivacyOfficerMissing(officer);

export const generateMetadata = staticPageMetadata('Privacy', alternates);

export default function PrivacyPage() {
  return (
    <PageShell alternates={alternates}>
      <PrivacyPolicy officer={officer} />
    </PageShell>
  );
}
