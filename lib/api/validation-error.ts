import type { z } from 'zod';
import { jsonError } from './json-responses';

/** Dotted path of an issue (`c.analytics`), or undefined for the body itself. */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

/** Whether the value at `path` is absent from the parsed body (zod v4 issues do not carry the input). */
function isMissing(body: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = body;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return true;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current === undefined;
}

/**
 * 400 naming the first offending field, with a sentence a developer reading
 * the network panel understands without our source.
 */
export function validationErrorResponse(error: z.ZodError, body: unknown): Response {
  const issue = error.issues[0];
  if (!issue) return jsonError(400, 'The body is invalid');
  if (issue.code === 'unrecognized_keys') {
    const field = fieldOf([...issue.path, issue.keys[0] ?? '']);
    return jsonError(400, `Unknown field ${field}: only the documented fields are accepted`, field);
  }
  const field = fieldOf(issue.path);
  if (field === undefined) return jsonError(400, `The body is invalid: ${issue.message}`);
  if (isMissing(body, issue.path)) return jsonError(400, `Missing field ${field}`, field);
  return jsonError(400, `Invalid ${field}: ${issue.message}`, field);
}
