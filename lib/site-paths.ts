import { listContentPages } from './content/repository';
import { buildKnownPaths, normalisePath } from './known-paths';

// Built once when the proxy loads: content changes ship with a new build.
const contentPaths = listContentPages();
const knownPaths = buildKnownPaths((locale) => contentPaths.filter((p) => p.locale === locale).map((p) => p.path));

export function isKnownPath(pathname: string): boolean {
  return knownPaths.has(normalisePath(pathname));
}
