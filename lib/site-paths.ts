import { buildKnownPaths, normalisePath } from './known-paths';

// Articles, sections and tags join this set once the content repository lands.
const knownPaths = buildKnownPaths(() => []);

export function isKnownPath(pathname: string): boolean {
  return knownPaths.has(normalisePath(pathname));
}
