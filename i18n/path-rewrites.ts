import { locales, routing } from './routing';

type Rewrite = { source: string; destination: string };
type Redirect = Rewrite & { permanent: boolean };

/**
 * A route path in the path-pattern syntax of Next's rewrites and header
 * rules: `/articles/[slug]` → `/articles/:slug`, each parameter followed by
 * `constraint` (a regular expression in parentheses) when given.
 */
export const toPattern = (path: string, constraint = '') => path.replace(/\[(\w+)\]/g, (_, name: string) => `:${name}${constraint}`);

function localizedPairs() {
  const pairs: { locale: string; internal: string; external: string }[] = [];
  for (const [internal, localized] of Object.entries(routing.pathnames)) {
    for (const locale of locales) {
      const external = typeof localized === 'string' ? localized : localized[locale];
      if (external !== internal) pairs.push({ locale, internal, external });
    }
  }
  return pairs;
}

/** `/fr/recherche` is served by the route `app/[locale]/search`. */
export function localizedRewrites(): Rewrite[] {
  return localizedPairs().map(({ locale, internal, external }) => ({
    source: `/${locale}${toPattern(external)}`,
    destination: `/${locale}${toPattern(internal)}`,
  }));
}

/** `/fr/search` is not a French URL: send the reader to `/fr/recherche`. */
export function internalPathRedirects(): Redirect[] {
  return localizedPairs().map(({ locale, internal, external }) => ({
    source: `/${locale}${toPattern(internal)}`,
    destination: `/${locale}${toPattern(external)}`,
    permanent: true,
  }));
}
