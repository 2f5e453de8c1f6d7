import { localeTags, type Locale } from '@/i18n/routing';
import { embedProviders } from './providers';

/** "YouTube and OpenStreetMap" / "YouTube et OpenStreetMap": the providers an article can embed, as prose. */
export function embedProviderList(locale: Locale): string {
  return new Intl.ListFormat(localeTags[locale].html, { type: 'conjunction' }).format(embedProviders.map((p) => p.name));
}
