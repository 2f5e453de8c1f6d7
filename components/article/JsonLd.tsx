import { serializeJsonLd } from '@/lib/metadata/json-ld';

/** Structured data is data, not code: a plain script tag, never next/script. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
