import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PORT, SERVER_PID_FILE } from './config';
import { productionServerCommand } from '../../scripts/support/processes';
import { createFreshDatabase, dropDatabase, prepareCms } from './fresh-database';

/** How `npm start` runs the server: the bundle `next build` writes (docs/architecture/0010-server-in-typescript.md). */
const serverCommand = productionServerCommand();

/**
 * Two production servers sharing one PostgreSQL database, as a newsroom runs
 * them behind a CDN (docs/operations.md). Ports: E2E_PORT+10 and +11, clear
 * of the shared e2e servers (E2E_PORT and +1).
 */
export const CLUSTER_PORTS = [E2E_PORT + 10, E2E_PORT + 11] as const;

export type ClusterInstance = {
  name: string;
  port: number;
  origin: string;
  /** The process group's id (the server was started detached); null while stopped. */
  pid: number | null;
};

export type Cluster = {
  databaseUrl: string;
  dataDir: string;
  instances: ClusterInstance[];
  start(instance: ClusterInstance, timeoutMs?: number): Promise<void>;
  /** SIGKILL to the instance's process group: no graceful close, as when a machine dies. */
  kill(instance: ClusterInstance): Promise<void>;
  stop(): Promise<void>;
};

async function waitForServer(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${origin}/en`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${origin} did not answer within ${timeoutMs} ms`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * A fresh database from `adminUrl` (TEST_DATABASE_URL), migrated and seeded by
 * `scripts/cms/prepare.ts` as `npm start` does, then `names.length` servers on
 * it. Every process is stopped by its id in `stop()` (and listed in the e2e
 * pid file, so the global teardown stops any a crashed test left behind).
 */
export async function startCluster(adminUrl: string, names: readonly string[] = ['A', 'B'], ports: readonly number[] = CLUSTER_PORTS): Promise<Cluster> {
  const databaseUrl = await createFreshDatabase(adminUrl, 'cms_cluster');
  const dataDir = mkdtempSync(join(tmpdir(), 'news-cluster-'));
  const origins = ports.map((port) => `http://127.0.0.1:${port}`);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    // Every instance signs and reads editors' sessions with the same secret.
    PAYLOAD_SECRET: randomBytes(32).toString('base64url'),
    CMS_ALLOWED_ORIGINS: origins.join(','),
    HOST: '127.0.0.1',
    // Pages are cached as they are read: the test decides what each page cache holds.
    WARM_CACHE: '0',
  };
  prepareCms(env);

  const children = new Map<ClusterInstance, ChildProcess>();
  const instances: ClusterInstance[] = names.map((name, i) => ({ name, port: ports[i]!, origin: origins[i]!, pid: null }));

  const cluster: Cluster = {
    databaseUrl,
    dataDir,
    instances,
    async start(instance, timeoutMs = 90_000) {
      if (instance.pid !== null) throw new Error(`${instance.name} is already running`);
      const child = spawn(serverCommand.command, serverCommand.args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
        env: { ...env, PORT: String(instance.port) },
      });
      if (child.pid === undefined) throw new Error(`${instance.name} did not start`);
      instance.pid = child.pid;
      children.set(instance, child);
      appendFileSync(SERVER_PID_FILE, `${child.pid}\n`);
      await waitForServer(instance.origin, timeoutMs);
    },
    async kill(instance) {
      const child = children.get(instance);
      if (instance.pid === null || !child) return;
      try {
        process.kill(-instance.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited(child);
      instance.pid = null;
      children.delete(instance);
    },
    async stop() {
      for (const instance of instances) {
        const child = children.get(instance);
        if (instance.pid === null || !child) continue;
        try {
          process.kill(-instance.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const stopped = await Promise.race([exited(child).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
        if (!stopped) await cluster.kill(instance);
        instance.pid = null;
        children.delete(instance);
      }
      await dropDatabase(adminUrl, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}
