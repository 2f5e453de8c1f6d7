// Sends the plan with a fixed number of workers over one keep-alive agent and
// inspects every answer as it comes.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { HostileConfig } from './config';
import { Findings } from './response-checks';
import { send, truncate } from './transport';
import type { HostileRequest, Outcome } from './types';

export type StormResult = {
  done: number;
  seconds: number;
  slowestMs: number;
  byStatus: Map<string, number>;
  byCategory: Map<string, Map<string, number>>;
  /** Statuses of the requests `watch` gave a label to (e.g. real French articles). */
  watched: Map<string, Map<string, number>>;
  findings: Findings;
};

/** A label for requests whose answers are tallied apart, or null. */
export type Watch = (r: HostileRequest) => string | null;

function count(map: Map<string, Map<string, number>>, label: string, key: string) {
  const counts = map.get(label) ?? new Map<string, number>();
  counts.set(key, (counts.get(key) ?? 0) + 1);
  map.set(label, counts);
}

const statusKey = (o: Outcome) => (o.status === -1 ? 'not sent' : o.status === 0 ? 'no answer' : String(o.status));

function tally(result: StormResult, r: HostileRequest, o: Outcome, watch: Watch) {
  const key = statusKey(o);
  result.byStatus.set(key, (result.byStatus.get(key) ?? 0) + 1);
  count(result.byCategory, r.category, key);
  const label = watch(r);
  if (label) count(result.watched, label, key);
  result.slowestMs = Math.max(result.slowestMs, o.ms);
}

export async function runStorm(plan: HostileRequest[], server: { port: number; origin: string }, config: HostileConfig, watch: Watch): Promise<StormResult> {
  const { port, origin } = server;
  const result: StormResult = { done: 0, seconds: 0, slowestMs: 0, byStatus: new Map(), byCategory: new Map(), watched: new Map(), findings: new Findings(origin, config.metricsToken) };
  const bounds = { timeoutMs: config.requestTimeoutMs, maxResponseBytes: config.maxResponseBytes };
  // Keep-alive, like browsers and CDNs: a connection left in a bad state by one request shows up on the next.
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
  const progressEvery = Math.max(500, Math.floor(plan.length / 10));
  /** One line per request (index, sent, answered ms, status, category, method, path). */
  const trace: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < plan.length; index = next++) {
      const r = plan[index] as HostileRequest;
      const sentAt = performance.now() - started;
      const o = await send(agent, port, r, bounds);
      if (config.trace) trace.push(`${index}\t${sentAt.toFixed(0)}\t${(sentAt + o.ms).toFixed(0)}\t${o.status}\t${r.category}\t${r.method}\t${truncate(r.path, 100)}`);
      result.done += 1;
      if (result.done % progressEvery === 0) console.log(`  … ${result.done}/${plan.length}`);
      tally(result, r, o, watch);
      result.findings.inspect(r, o);
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  agent.destroy();
  result.seconds = (performance.now() - started) / 1000;
  if (config.trace) writeFileSync(config.trace, `${trace.join('\n')}\n`);
  return result;
}
