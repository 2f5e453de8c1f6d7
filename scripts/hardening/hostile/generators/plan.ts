// The run's requests, drawn by fast-check from one seed: the same seed and
// the same site send the same requests. Categories are weighted; the valid
// writes are spread through the run, each withdrawal after its receipt.
import fc from 'fast-check';
import { ACCEPT_ENCODINGS, TRAVERSALS } from '../corpus';
import type { HostileRequest, Targets } from '../types';
import type { Generator } from './arbitraries';
import { apiBody, apiGet, methods, unknownApi } from './api';
import { cms } from './cms';
import { acceptLanguage, cookies, ODD_HEADER_VARIANTS, oddHeaders, ROUTER_HEADER_VARIANTS, routerHeaders } from './headers';
import { badEncoding, overlong, query, QUERY_VARIANTS, randomPath, traversal } from './paths';
import { RAW_KINDS, rawProtocol } from './raw';
import { validWrites, type ValidCounts, type ValidWrites } from './valid-writes';

/** `walks`: length of the fixed list the category walks in order; a run holds at least that many of it. */
type Category = { name: string; weight: number; generator: Generator; walks?: number };

/** Every hostile category and its share of the run (weights out of 112). */
export function categories(targets: Targets): Category[] {
  return [
    { name: 'traversal', weight: 8, generator: traversal, walks: TRAVERSALS.length },
    { name: 'random-path', weight: 10, generator: randomPath },
    { name: 'overlong', weight: 3, generator: overlong },
    { name: 'bad-encoding', weight: 8, generator: badEncoding },
    { name: 'query', weight: 8, generator: query(targets), walks: QUERY_VARIANTS },
    { name: 'cookies', weight: 8, generator: cookies(targets) },
    { name: 'accept-language', weight: 5, generator: acceptLanguage },
    { name: 'methods', weight: 12, generator: methods(targets) },
    { name: 'router-headers', weight: 5, generator: routerHeaders(targets), walks: ROUTER_HEADER_VARIANTS },
    { name: 'odd-headers', weight: 4, generator: oddHeaders(targets), walks: ODD_HEADER_VARIANTS },
    { name: 'api-body', weight: 16, generator: apiBody(targets) },
    { name: 'api-get', weight: 8, generator: apiGet(targets) },
    { name: 'unknown-api', weight: 2, generator: unknownApi },
    { name: 'raw-protocol', weight: 3, generator: rawProtocol(targets), walks: RAW_KINDS },
    { name: 'cms', weight: 12, generator: cms(targets) },
  ];
}

/** Three requests in ten also say which encodings they accept. */
const acceptEncoding = fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom(...ACCEPT_ENCODINGS) });

function withAcceptEncoding(arbitrary: fc.Arbitrary<HostileRequest>): fc.Arbitrary<HostileRequest> {
  return fc.tuple(arbitrary, acceptEncoding).map(([r, encoding]) => (encoding === null || r.raw ? r : { ...r, headers: { 'Accept-Encoding': encoding, ...r.headers } }));
}

/**
 * Which category each request belongs to: every walked list once whole,
 * the rest drawn by weight, all shuffled together.
 */
function categorySequence(all: Category[], count: number): fc.Arbitrary<Category[]> {
  const whole = all.flatMap((c) => Array.from({ length: c.walks ?? 0 }, () => c)).slice(0, count);
  const weighted = fc.oneof(...all.map((c) => ({ weight: c.weight, arbitrary: fc.constant(c) })));
  const rest = count - whole.length;
  return fc
    .array(weighted, { minLength: rest, maxLength: rest })
    .chain((drawn) => fc.shuffledSubarray([...whole, ...drawn], { minLength: count, maxLength: count }));
}

function hostileRequests(targets: Targets, count: number): fc.Arbitrary<HostileRequest[]> {
  return categorySequence(categories(targets), count).chain((chosen) => {
    const seen = new Map<string, number>();
    const requests = chosen.map((c) => {
      const k = seen.get(c.name) ?? 0;
      seen.set(c.name, k + 1);
      return withAcceptEncoding(c.generator(k));
    });
    return fc.tuple(...requests);
  });
}

function validRequests(writes: ValidWrites): HostileRequest[] {
  return [
    ...writes.receipts.map((record): HostileRequest => ({
      category: 'valid-consent',
      method: 'POST',
      path: '/api/consent',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(record)),
      valid: { kind: 'consent', record },
    })),
    ...writes.views.map(({ view, contentType }): HostileRequest => ({
      category: 'valid-metrics',
      method: 'POST',
      path: '/api/metrics',
      headers: { 'Content-Type': contentType },
      body: Buffer.from(JSON.stringify(view)),
      valid: { kind: 'metrics', view },
    })),
  ];
}

/** The valid requests spread through the hostile ones: the i-th lands somewhere in the i-th stretch. */
function interleave(hostile: HostileRequest[], valid: HostileRequest[]): fc.Arbitrary<HostileRequest[]> {
  const within = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  return fc.array(within, { minLength: valid.length, maxLength: valid.length }).map((offsets) => {
    const plan = [...hostile];
    const slots = offsets.map((u, i) => Math.floor(((i + u) * hostile.length) / valid.length));
    for (let i = valid.length - 1; i >= 0; i -= 1) plan.splice(slots[i] ?? 0, 0, valid[i] as HostileRequest);
    return plan;
  });
}

export type Plan = { requests: HostileRequest[]; writes: ValidWrites };

/** `total` requests, valid writes included, the same for the same seed, site and clock. */
export function buildPlan(site: Omit<Targets, 'receipts' | 'nowSeconds'>, counts: ValidCounts, total: number, seed: number, nowSeconds = Math.floor(Date.now() / 1000)): Plan {
  const plan = validWrites(counts, site.viewPaths, nowSeconds).chain((writes) => {
    const valid = validRequests(writes);
    return hostileRequests({ ...site, receipts: writes.receipts, nowSeconds }, Math.max(0, total - valid.length))
      .chain((hostile) => interleave(hostile, valid))
      .map((requests) => ({ requests, writes }));
  });
  // Unbiased: fast-check's bias towards small and edge values serves shrinking, not a fair mix.
  const [drawn] = fc.sample(fc.noBias(plan), { seed, numRuns: 1 });
  if (!drawn) throw new Error('fast-check drew no plan');
  return drawn;
}
