import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster of the test's own, on 127.0.0.1 and a port of
 * the test's range: fault tests stop and restart it, which they must never do
 * to a cluster others use. Trust authentication, no password: it listens on
 * loopback only and lives for one test file.
 */
export type PrivatePostgres = {
  readonly port: number;
  /** Connection string for a database of this cluster, as the `postgres` superuser. */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** The postmaster's PID while running (from postmaster.pid), else null. */
  pid(): number | null;
  /** Asynchronous, so a test's load keeps running while the cluster starts or stops. */
  start(): Promise<void>;
  /** `fast`: active sessions are terminated, as an operator's restart does. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it (by PID if pg_ctl fails) and removes every file of the cluster. */
  destroy(): void;
};

/** The highest installed PostgreSQL version's binaries (Debian layout), or PG_BINDIR. */
export function postgresBinDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server binaries under ${root} (apt-get install postgresql), and PG_BINDIR is not set`);
  return join(root, versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` system user. */
function asClusterOwner(): { wrap: (command: string, args: string[]) => [string, string[]]; chown: (path: string) => void } {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args], chown: () => undefined };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return {
    wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]],
    chown: (path) => chownSync(path, uid, gid),
  };
}

export function createPrivatePostgres(port: number): PrivatePostgres {
  const bin = postgresBinDir();
  const owner = asClusterOwner();
  const root = mkdtempSync(join(tmpdir(), 'news-private-pg-'));
  owner.chown(root);
  const data = join(root, 'data');
  const log = join(root, 'postgres.log');

  const logTail = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '');
  const runSync = (tool: string, args: string[]) => {
    const [command, fullArgs] = owner.wrap(join(bin, tool), args);
    const result = spawnSync(command, fullArgs, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`${tool} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}\n${logTail()}`);
    }
  };
  const run = async (tool: string, args: string[]) => {
    const [command, fullArgs] = owner.wrap(join(bin, tool), args);
    try {
      await execFileAsync(command, fullArgs, { encoding: 'utf8', timeout: 60_000 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`${tool} ${args.join(' ')} failed:\n${stdout}${stderr}\n${logTail()}`);
    }
  };

  runSync('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);

  const cluster: PrivatePostgres = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name: ${name}`);
      const client = new Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    pid() {
      const file = join(data, 'postmaster.pid');
      if (!existsSync(file)) return null;
      const pid = Number(readFileSync(file, 'utf8').split('\n', 1)[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    },
    async start() {
      // -w: returns once the server accepts connections. The socket lives in the
      // cluster's folder, so nothing is written to the system's socket directory.
      await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`, 'start']);
    },
    async stop(mode = 'fast') {
      await run('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', mode, 'stop']);
    },
    destroy() {
      const pid = cluster.pid();
      if (pid !== null) {
        try {
          runSync('pg_ctl', ['-D', data, '-w', '-t', '30', '-m', 'immediate', 'stop']);
        } catch {
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {
            // already gone
          }
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}
