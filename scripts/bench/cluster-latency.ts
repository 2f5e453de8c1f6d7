/**
 * Change-to-every-instance latency through two production servers sharing a
 * fresh PostgreSQL database (e2e/support/cluster.ts; needs `next build`): an
 * article is changed through A's REST API, N times one after another, each
 * timed from the save request until B's article page shows the change (polled
 * every 20 ms). Run by `change-channel.bench.ts --servers`.
 */
import { performance } from 'node:perf_hooks';
import { CmsClient, editorAdd } from '../../e2e/support/cms';
import { startCluster } from '../../e2e/support/cluster';

const POLL_MS = 20;
const TIMEOUT_MS = 10_000;

export type ClusterLatency = { fromSaveMs: number[]; afterSaveMs: number[] };

export async function measureClusterLatency(adminUrl: string, changes: number, ports: readonly number[]): Promise<ClusterLatency> {
  const cluster = await startCluster(adminUrl, ['A', 'B'], ports);
  const [a, b] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
  const fromSaveMs: number[] = [];
  const afterSaveMs: number[] = [];
  try {
    await Promise.all([cluster.start(a), cluster.start(b)]);
    const email = `bench-${Date.now()}@example.org`;
    const password = 'bench password long enough';
    const added = editorAdd(email, password, cluster.dataDir, cluster.databaseUrl);
    if (added.status !== 0) throw new Error(added.output);
    const cms = await CmsClient.login(email, password, a.origin);
    const { body } = await cms.call<{ docs: { id: number; slug: string }[] }>('GET', '/articles?locale=en&limit=1&depth=0&where[_status][equals]=published');
    const article = body.docs[0];
    if (!article) throw new Error('no published article in the seed');
    const path = `/en/articles/${article.slug}`;
    for (let n = 0; n < changes; n++) {
      const marker = `Latency probe ${Date.now().toString(36)}-${n}.`;
      const started = performance.now();
      const saved = await cms.call('PATCH', `/articles/${article.id}?locale=en`, { dek: marker });
      if (saved.status !== 200) throw new Error(`save ${n}: ${saved.status}`);
      const savedAt = performance.now();
      for (;;) {
        const res = await fetch(`${b.origin}${path}`);
        if ((await res.text()).includes(marker)) break;
        if (performance.now() - started > TIMEOUT_MS) {
          const onA = (await (await fetch(`${a.origin}${path}`)).text()).includes(marker);
          throw new Error(`change ${n} not on B within ${TIMEOUT_MS} ms (on A: ${onA})`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const seen = performance.now();
      fromSaveMs.push(seen - started);
      afterSaveMs.push(seen - savedAt);
    }
  } finally {
    await cluster.stop();
  }
  return { fromSaveMs, afterSaveMs };
}
