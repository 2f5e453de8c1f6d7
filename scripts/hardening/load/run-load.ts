// One autocannon run over the route mix, with statuses and latencies per
// route and, for requests never answered, which routes they were.
import { startLoad as autocannon, type AutocannonRequest, type AutocannonResult } from '../../support/autocannon';
import type { Route } from './routes';

/** What autocannon reports beyond the fields scripts/support/autocannon.ts types (see its README). */
export type LoadResult = AutocannonResult & {
  resets?: number;
  throughput: { average: number };
  latency: AutocannonResult['latency'] & { p90: number };
  /** Requests sent more than the timeout before the end and never answered, per route label. */
  lostByRoute: Map<string, number>;
};

type RequestContext = { label: string; started: number; seq: number };
type HookedRequest = AutocannonRequest<RequestContext>;

export type PerRoute = { statuses: Map<string, Map<number, number>>; latencies: Map<string, number[]> };

export function perRoute(): PerRoute {
  return { statuses: new Map(), latencies: new Map() };
}

export function runLoad(origin: string, routes: Route[], seconds: number, options: { connections: number; timeoutSeconds: number }, into: PerRoute = perRoute()): Promise<LoadResult> {
  // One round-robin over the routes shared by all connections: whatever the
  // speed of each route, the mix of requests sent is the list's (a fixed
  // list per connection would send mostly its first entries).
  let next = 0;
  const pending = new Map<number, { label: string; started: number }>();
  const request: HookedRequest = {
    method: 'GET',
    setupRequest: (req, context) => {
      const route = routes[next % routes.length] as Route;
      next += 1;
      Object.assign(context, { label: route.label, started: performance.now(), seq: next });
      pending.set(next, { label: route.label, started: context.started });
      return { ...req, method: 'GET', path: route.path, headers: route.headers };
    },
    onResponse: (status, _body, context) => {
      const byStatus = into.statuses.get(context.label) ?? new Map<number, number>();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      into.statuses.set(context.label, byStatus);
      pending.delete(context.seq);
      into.latencies.set(context.label, [...(into.latencies.get(context.label) ?? []), performance.now() - context.started]);
    },
  };
  return new Promise((resolve, reject) => {
    autocannon({ url: origin, connections: options.connections, duration: seconds, timeout: options.timeoutSeconds, requests: [request] }, (error, result) => {
      if (error) return reject(error);
      // Requests still unanswered that were sent more than the timeout before
      // the end are the ones autocannon gave up on: which routes.
      const cutoff = performance.now() - options.timeoutSeconds * 1000;
      const lostByRoute = new Map<string, number>();
      for (const { label, started } of pending.values()) if (started < cutoff) lostByRoute.set(label, (lostByRoute.get(label) ?? 0) + 1);
      resolve({ ...(result as Omit<LoadResult, 'lostByRoute'>), lostByRoute });
    });
  });
}
