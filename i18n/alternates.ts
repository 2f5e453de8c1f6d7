import { localizedPath } from './paths';
import { locales, type AppPathname, type Locale } from './routing';

/** Path of the same page in each language; `null` where no translation exists. */
export type Alternates = Record<Locale, string | null>;

type StaticPathname = Exclude<AppPathname, `${string}[${string}]${string}`>;

/** Alternates of a page whose path has no parameters (home, search, account, ...). */
export function staticAlternates(pathname: StaticPathname): Alternates {
  return Object.fromEntries(locales.map((locale) => [locale, localizedPath(locale, pathname)])) as Alternates;
}
