// Hostile paths and queries: traversal, random junk paths, overlong paths,
// broken percent-encodings, abusive query strings.
import fc from 'fast-check';
import { JUNK_ENCODINGS, SEGMENTS, SUFFIXES, TRAVERSALS, UNICODE_BITS } from '../corpus';
import type { Targets } from '../types';
import { chance, pickOne, request, textOf, walk, type Generator } from './arbitraries';

const readMethod = fc.constantFrom('GET', 'GET', 'HEAD');

export const traversal: Generator = (k) => readMethod.map((method) => request('traversal', method, walk(TRAVERSALS, k)));

const pathPart = fc.oneof(
  { arbitrary: fc.constantFrom(...SEGMENTS), weight: 5 },
  { arbitrary: fc.constantFrom(...UNICODE_BITS), weight: 1 },
  { arbitrary: fc.constantFrom(...JUNK_ENCODINGS), weight: 1 },
  { arbitrary: fc.constantFrom(...UNICODE_BITS).map(encodeURIComponent), weight: 1 },
  { arbitrary: textOf("abcdefghijklmnopqrstuvwxyz0123456789-_.~!$&'()*+,;=:@%", 1, 24), weight: 2 },
);

export const randomPath: Generator = () =>
  fc
    .record({
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'),
      parts: fc.array(pathPart, { minLength: 1, maxLength: 5 }),
      separator: fc.constantFrom('/', '/', '/', '//', '/./', '\\', '/%2f', ';/'),
      suffix: fc.constantFrom(...SUFFIXES),
    })
    .map(({ method, parts, separator, suffix }) => request('random-path', method, `/${parts.join(separator)}${suffix}`));

export const overlong: Generator = () =>
  fc
    .record({
      unit: fc.constantFrom('a', 'é', '%41', '../', '%C0%AF', '😀'),
      count: fc.constantFrom(2500, 5000, 10_000),
      shape: fc.constantFrom((l: string) => `/en/articles/${l}`, (l: string) => `/${l}`, (l: string) => `/fr/rubrique/${l}`, (l: string) => `/api/consent/${l}`, (l: string) => `/en/${l}/x`),
    })
    // Past Node's 16 KB header limit the answer is a protocol-level 431.
    .map(({ unit, count, shape }) => request('overlong', 'GET', shape(unit.repeat(count))));

const junkEncoding = fc.array(fc.constantFrom(...JUNK_ENCODINGS), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

export const badEncoding: Generator = () =>
  fc.tuple(readMethod, junkEncoding, fc.nat(8)).map(([method, junk, shape]) => {
    const shapes = [`/en/${junk}`, `/${junk}`, `/fr/recherche?q=${junk}`, `/en/articles/${junk}`, `/fr/rubrique/${junk}`, `/api/consent/${junk}`, `/en/search?q=${junk}&page=${junk}`, `/${junk}/en`, `/_next/static/${junk}`];
    return request('bad-encoding', method, shapes[shape] ?? `/${junk}`);
  });

/** Query strings (walked in order), each an arbitrary for the parts that vary. */
const QUERIES: fc.Arbitrary<string>[] = [
  fc.constant(`q=${'a'.repeat(16 * 1024)}`),
  fc.constant(`q=${'%C3%A9'.repeat(1300)}`),
  fc.constant(`q=${'b'.repeat(8 * 1024)}`),
  fc.constant(Array.from({ length: 500 }, () => 'q=').join('&')),
  fc.constant(Array.from({ length: 500 }, (_, i) => `q=${i}`).join('&')),
  fc.constant(Array.from({ length: 800 }, (_, i) => `k${i}=v`).join('&')),
  fc.constant('__proto__[polluted]=1&constructor[prototype][x]=1'),
  fc.constant('q[]=1&q[a]=2&q[__proto__]=3'),
  fc.constant('_rsc=junk'),
  fc.constantFrom(...JUNK_ENCODINGS).map((junk) => `q=%00&q=%FF&q=${junk}`),
  fc.constant('page=-1'),
  fc.constant('page=99999999999999999999999'),
  fc.constant('page=NaN&q=canola'),
  fc.constant('q=tariffs&sort=../../etc'),
  fc.constant(`q=${encodeURIComponent('<script>alert(1)</script>')}`),
  fc.constant(`q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`),
  fc.constant(`q=${encodeURIComponent("' OR 1=1 --")}`),
  fc.constant(`q=${encodeURIComponent('*'.repeat(300))}`),
  fc.constant(`q=${encodeURIComponent('a* b~ c^2 "d" (e) [f] {g}')}`),
  fc.constantFrom(...UNICODE_BITS).map((bit) => `q=${encodeURIComponent(bit.repeat(200))}`),
  fc.constant('from=0001-01-01&to=9999-12-31'),
  fc.constant('from=2026-13-45&to=aaaa'),
  fc.constant('from[]=1&to[$gt]=2'),
  fc.constant('&&&&==&=&'),
];

/** Queries walked in order: a run sends each once it has this many query requests. */
export const QUERY_VARIANTS = QUERIES.length;

export const query =
  (targets: Targets): Generator =>
  (k) =>
    fc
      .record({
        base: pickOne(...targets.searchPaths, '/en', '/fr', fc.constantFrom(...targets.articles), '/api/metrics/summary', '/api/consent', '/'),
        query: walk(QUERIES, k),
        authorised: chance(0.5),
      })
      .map(({ base, query: q, authorised }) => {
        const headers: Record<string, string> = base === '/api/metrics/summary' && authorised ? { Authorization: `Bearer ${targets.metricsToken}` } : {};
        return request('query', 'GET', `${base}?${q}`, { headers });
      });
