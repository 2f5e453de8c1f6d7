// The phases of a load run: every route once alone, the warm-up until memory
// settles, the measured run with the server's CPU and memory sampled.
import { readFileSync } from 'node:fs';
import { cpuSeconds, residentKiB, type ServerHandle } from '../../support/processes';
import type { LoadConfig } from './config';
import type { GcReport } from '../gc-on-signal';
import { mib, settledMemory, type Settled } from './memory';
import { perRoute, runLoad, type LoadResult, type PerRoute } from './run-load';
import { statusFits, type Route } from './routes';

/** Every route once, on its own, before any load: a wrong route list or a broken page is reported as such, not as a load failure. */
export async function preflight(origin: string, routes: Route[]): Promise<string[]> {
  const problems: string[] = [];
  for (const route of routes) {
    const res = await fetch(`${origin}${route.path}`, { headers: route.headers, redirect: 'manual' });
    await res.arrayBuffer();
    if (!statusFits(route.expect, res.status)) problems.push(`${route.label}: GET ${route.path} → ${res.status}, expected ${route.expect}`);
  }
  return problems;
}

export type WarmUp = { settled: Settled; warmedUp: boolean; seconds: number; requests: number; series: string[] };

/**
 * Warm-up matters for the memory check: before it, Next has not loaded the
 * routes' code, the page caches have not filled, V8 has not optimised the hot
 * paths nor sized its heap for this load; one-time growth that a cold
 * "before" sample would count as a leak. Memory is always read in the same
 * state (load stopped, after a forced full GC): under load V8 lets garbage
 * pile up to a limit it keeps adjusting. The same load runs in slices until
 * enough requests were sent and the settled RSS grew less than warmGrowth
 * over the last slice. Memory that never settles within warmupMaxSeconds
 * fails the check: a leak must not be waited out.
 */
export async function warmUp(server: ServerHandle, routes: Route[], config: LoadConfig, reports: GcReport[]): Promise<WarmUp> {
  const state: WarmUp = { settled: await settledMemory(server.pid, reports), warmedUp: false, seconds: 0, requests: 0, series: [] };
  state.series.push(`cold ${mib(state.settled.rss)}`);
  let previous: number | null = null;
  while (state.seconds < config.warmupMaxSeconds) {
    const slice = await runLoad(server.origin, routes, config.warmupSliceSeconds, config);
    state.seconds += config.warmupSliceSeconds;
    state.requests += slice.requests.total;
    state.settled = await settledMemory(server.pid, reports);
    state.series.push(`${state.seconds}s ${mib(state.settled.rss)}`);
    const rss = state.settled.rss;
    if (previous !== null && rss !== null && (rss - previous) / previous < config.warmGrowth && state.requests >= config.warmupRequests) {
      state.warmedUp = true;
      break;
    }
    previous = rss;
  }
  return state;
}

export type Measured = {
  result: LoadResult;
  routes: PerRoute;
  /** Raw RSS every 5 s (garbage included): a leak climbs steadily, a warm heap plateaus. */
  series: string[];
  /** Server CPU per second of the run. */
  cpuPerSecond: number[];
  /** Share of a core the load generator (this process) used. */
  clientShare: number;
};

/**
 * The measured run. Server CPU per second tells a server starved by other
 * processes (little CPU while its answers are slow) from one that blocks (a
 * full core).
 */
export async function measuredRun(server: ServerHandle, routes: Route[], config: LoadConfig): Promise<Measured> {
  const measured: Omit<Measured, 'result' | 'clientShare'> = { routes: perRoute(), series: [], cpuPerSecond: [] };
  const started = performance.now();
  let lastCpu = cpuSeconds(server.pid);
  let ticks = 0;
  const sampler = setInterval(() => {
    const cpu = cpuSeconds(server.pid);
    if (cpu !== null && lastCpu !== null) measured.cpuPerSecond.push(cpu - lastCpu);
    lastCpu = cpu;
    ticks += 1;
    if (ticks % 5 === 0) measured.series.push(`${((performance.now() - started) / 1000).toFixed(0)}s ${mib(residentKiB(server.pid))}`);
  }, 1000);
  const clientStart = process.cpuUsage();
  const result = await runLoad(server.origin, routes, config.seconds, config, measured.routes).finally(() => clearInterval(sampler));
  const client = process.cpuUsage(clientStart);
  return { ...measured, result, clientShare: (client.user + client.system) / 1e6 / config.seconds };
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
