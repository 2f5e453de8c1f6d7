/** Lowercase ASCII words joined by single hyphens: safe in a URL and in a file name. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 200 && SLUG_PATTERN.test(value);
}
