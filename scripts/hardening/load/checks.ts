// What the load run printed and checked.
import { check, type Check } from '../../support/report';
import type { LoadConfig } from './config';
import { mib, type Settled } from './memory';
import { loadAverage, type Measured, type WarmUp } from './phases';
import { statusFits, type Route } from './routes';

const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function printFigures(m: Measured, config: LoadConfig, before: Settled, after: Settled) {
  const { result } = m;
  const { latency } = result;
  console.log(`\nThroughput: ${result.requests.average.toFixed(0)} req/s average (${result.requests.total} requests in ${config.seconds} s, ${(result.throughput.average / 1024 / 1024).toFixed(1)} MiB/s)`);
  console.log(`Latency: p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  console.log(`Errors: ${result.errors}, timeouts: ${result.timeouts}, resets: ${result.resets ?? 0}, non-2xx: ${result.non2xx}`);
  console.log(`Server RSS during the run (raw, garbage included): ${m.series.join(', ')}`);
  const cpu = average(m.cpuPerSecond);
  if (cpu !== null) {
    const idle = m.cpuPerSecond.filter((c) => c < 0.2).length;
    console.log(
      `Server CPU: ${(cpu * 100).toFixed(0)} % of a core on average; ${idle} of ${m.cpuPerSecond.length} seconds under 20 %; ` +
        `load generator (autocannon, this process) ${(m.clientShare * 100).toFixed(0)} % (machine load average ${loadAverage()})`,
    );
  }
  const pct = before.rss && after.rss ? ` (${after.rss >= before.rss ? '+' : ''}${(((after.rss - before.rss) / before.rss) * 100).toFixed(1)} %)` : '';
  console.log(`Server RSS after a full GC: ${mib(before.rss)} after the warm-up, ${mib(after.rss)} after the run${pct}`);
  const heap = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} MiB`);
  console.log(`Live JS heap after a full GC: ${heap(before.heapMiB)} after the warm-up, ${heap(after.heapMiB)} after the run`);
}

/** Prints statuses and latencies per route; returns the routes that answered otherwise than intended. */
export function printRoutes(m: Measured, routes: Route[]): string[] {
  console.log('\nResponses per route (latency as seen by one connection, queueing included):');
  const wrong: string[] = [];
  const expectOf = new Map(routes.map((r) => [r.label, r.expect]));
  for (const [label, counts] of [...m.routes.statuses].sort(([a], [b]) => a.localeCompare(b))) {
    const detail = [...counts].map(([status, n]) => `${status}×${n}`).join(' ');
    const times = [...(m.routes.latencies.get(label) ?? [])].sort((a, b) => a - b);
    const pct = (p: number) => (times.length ? (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(0) : '-');
    const shown = label.length > 64 ? `${label.slice(0, 63)}…` : label;
    console.log(`  ${shown.padEnd(64)} ${detail.padEnd(10)} p50 ${pct(0.5).padStart(5)} ms  p99 ${pct(0.99).padStart(5)} ms`);
    const expect = expectOf.get(label) ?? 'page';
    for (const [status, n] of counts) if (!statusFits(expect, status)) wrong.push(`${label}: ${n} × ${status} (expected ${expect})`);
  }
  for (const route of routes) if (!m.routes.statuses.has(route.label)) wrong.push(`${route.label}: never answered during the run`);
  return wrong;
}

function timeoutProblems(m: Measured, config: LoadConfig): string[] {
  const { result } = m;
  if (result.timeouts === 0) return [];
  const cpu = average(m.cpuPerSecond);
  const starved = cpu !== null && cpu < 0.5 ? ` while the server used only ${(cpu * 100).toFixed(0)} % of a core: starved by other processes on this machine, not busy` : '';
  return [`${result.timeouts} requests got no answer within ${config.timeoutSeconds} s${starved}`, ...[...result.lostByRoute].map(([label, n]) => `${n} × ${label.replace(/\s+/g, ' ')}`)];
}

function memoryProblems(warm: WarmUp, before: Settled, after: Settled, config: LoadConfig): string[] {
  const problems: string[] = [];
  if (!warm.warmedUp) {
    problems.push(`memory never settled during ${config.warmupMaxSeconds} s of warm-up (${warm.series.join(', ')}): a leak, or a machine too slow for the warm-up (LOAD_WARMUP_MAX_SECONDS)`);
  }
  if (before.rss === null || after.rss === null) problems.push('could not read VmRSS from /proc/<pid>/status');
  else if (after.rss > before.rss * (1 + config.rssTolerance)) problems.push(`grew from ${mib(before.rss)} to ${mib(after.rss)}, more than ${config.rssTolerance * 100} %`);
  return problems;
}

export type RunFacts = { preflight: string[]; wrongStatus: string[]; warm: WarmUp; after: Settled; health: string[] };

export function loadChecks(m: Measured, config: LoadConfig, facts: RunFacts): Check[] {
  const { errors, timeouts } = m.result;
  return [
    check('every route answers as intended on its own', facts.preflight),
    check(`no connection errors (${errors})`, errors === 0 ? [] : [`${errors} errors`]),
    check(`no timeouts (${timeouts})`, timeoutProblems(m, config)),
    check('only 2xx/3xx, except the intended 404 routes', facts.wrongStatus),
    check(`resident memory (after a full GC) flat within ${config.rssTolerance * 100} % after the warm-up`, memoryProblems(facts.warm, facts.warm.settled, facts.after, config)),
    check('the server still serves /en normally afterwards', facts.health),
  ];
}
