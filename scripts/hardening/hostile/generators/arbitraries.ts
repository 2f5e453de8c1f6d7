// Small fast-check building blocks shared by the generators.
import fc from 'fast-check';
import type { HostileRequest } from '../types';

/**
 * Builds the requests of one category. `k` counts the requests of this
 * category so far: lists that must be sent whole are walked in order with
 * it (every entry goes out whatever the seed); everything else is drawn.
 */
export type Generator = (k: number) => fc.Arbitrary<HostileRequest>;

/** The entry of a fixed list the k-th request of a category gets. */
export function walk<T>(list: readonly T[], k: number): T {
  const entry = list[k % list.length];
  if (entry === undefined) throw new Error('walk() over an empty list');
  return entry;
}

/** true with probability p. */
export const chance = (p: number): fc.Arbitrary<boolean> => fc.integer({ min: 0, max: 999 }).map((n) => n < Math.round(p * 1000));

/** A string of `minLength` to `maxLength` characters taken from `alphabet`. */
export const textOf = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength, maxLength });

/** One of the choices, equally likely; a choice may itself be drawn (one article among all). */
export function pickOne<T>(...choices: (T | fc.Arbitrary<T>)[]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map((c) => (c instanceof fc.Arbitrary ? c : fc.constant(c))));
}

export const hex = (length: number) => textOf('0123456789abcdef', length, length);

export const uuidV4 = () => fc.uuid({ version: 4 });

export function request(category: string, method: string, path: string, extra: Partial<HostileRequest> = {}): HostileRequest {
  return { category, method, path, ...extra, headers: { ...extra.headers } };
}

export const utf8 = (text: string) => Buffer.from(text, 'utf8');
export const JSON_TYPE = { 'Content-Type': 'application/json' };
