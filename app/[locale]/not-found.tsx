import { NotFoundContent } from '@/components/layout/NotFoundContent';

// Reached when a page calls notFound(); unknown paths are answered by the
// proxy with the page-not-found route instead (see proxy.ts).
export default function NotFound() {
  return <NotFoundContent />;
}
