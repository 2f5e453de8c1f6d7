import { routing, type AppPathname, type Locale } from './routing';

type ParamsOf<P extends string> = P extends `${string}[${infer Name}]${infer Rest}`
  ? { [K in Name | keyof ParamsOf<Rest>]: string }
  : Record<never, never>;

/**
 * Public path of a page in a language: `localizedPath('fr', '/search')` is
 * `/fr/recherche`. A pure function of `routing.pathnames`, so that server
 * components, the proxy and build scripts share it without a request context.
 */
export function localizedPath<P extends AppPathname>(
  locale: Locale,
  pathname: P,
  ...[params]: keyof ParamsOf<P> extends never ? [] : [ParamsOf<P>]
): string {
  const template = routing.pathnames[pathname] as string | Record<Locale, string>;
  const localized = typeof template === 'string' ? template : template[locale];
  const values = (params ?? {}) as Record<string, string>;
  const filled = localized.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  return filled === '/' ? `/${locale}` : `/${locale}${filled}`;
}
