import { CookiePolicy } from '@/components/consent/CookiePolicy';
import { PageShell } from '@/components/layout/PageShell';
import { staticAlternates } from '@/i18n/alternates';
import { staticPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/cookies');

export const generateMetadata = staticPageMetadata('CookiePolicy', alternates);

export default function CookiesPage() {
  return (
    <PageShell alternates={alternates}>
      <CookiePolicy />
    </PageShell>
  );
}
