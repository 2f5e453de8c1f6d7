import { googleTagSnippet } from '@/lib/analytics/google-tag';

/** In <head>, right after the consent script (it uses its reader); only rendered when a tag id is set. */
export function GoogleTagScript({ id }: { id: string }) {
  return <script id="google-tag" dangerouslySetInnerHTML={{ __html: googleTagSnippet(id) }} />;
}
