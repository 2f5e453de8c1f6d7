// Child processes of the scripts (the hardening suites, the bench): spawn, find
// a free port, wait for an answer, stop. Each child runs in its own process
// group (detached) so that stopping it also stops what it spawned (Next's
// workers), and nothing outlives the script.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const HOST = '127.0.0.1';

/**
 * The one place that says how the production server is started. `nodeArgs`
 * are Node flags placed before the entry (e.g. `--expose-gc`); `entry` lets a
 * script run another copy of the server (HARDENING_SERVER: an older one, to
 * see a check fail).
 */
export const PRODUCTION_SERVER_ENTRY = 'server/production-server.mjs';
export function productionServerCommand(nodeArgs: string[] = [], entry = PRODUCTION_SERVER_ENTRY): { command: string; args: string[] } {
  return { command: process.execPath, args: [...nodeArgs, entry] };
}

/** A problem with the setup (no build, no free port...): printed without a stack. */
export class SetupError extends Error {}

export const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ManagedProcess = {
  name: string;
  pid: number;
  child: ChildProcess;
  alive: () => boolean;
  /** Last ~64 KB of stdout and stderr together (shown when it fails). */
  output: () => string;
  /** stdout alone, for commands whose output is a result (first 1 MB). */
  stdout: () => string;
  exited: Promise<Exit>;
};

type Registered = { proc: ManagedProcess; cleanup: () => void };
/** Processes not stopped yet: killed synchronously if the script exits anyway. */
const running = new Set<Registered>();

export type StartOptions = {
  cwd?: string;
  env?: Record<string, string>;
  /** Everything the process prints on stdout, as it comes. */
  onStdout?: (text: string) => void;
  /** Synchronous clean-up once the process is stopped (a temporary folder). */
  cleanup?: () => void;
};

function keepOutput(child: ChildProcess, onStdout?: (text: string) => void) {
  const chunks: string[] = [];
  let size = 0;
  let stdout = '';
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    size += chunk.length;
    while (size > 64_000 && chunks.length > 1) size -= (chunks.shift() ?? '').length;
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (stdout.length < 1_000_000) stdout += chunk.toString('utf8');
    onStdout?.(chunk.toString('utf8'));
  });
  child.stderr?.on('data', keep);
  return { output: () => chunks.join(''), stdout: () => stdout, keep };
}

/** Starts a command in a new process group and keeps the tail of its output. */
export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kept = keepOutput(child, options.onStdout);
  let gone = false;
  const exited = new Promise<Exit>((done) => {
    child.once('exit', (code, signal) => {
      gone = true;
      done({ code, signal });
    });
    child.once('error', (error) => {
      gone = true;
      kept.keep(Buffer.from(String(error)));
      done({ code: -1, signal: null });
    });
  });
  // pid is undefined only when spawn failed; 'error' above then resolves `exited`.
  const proc: ManagedProcess = { name, pid: child.pid ?? -1, child, alive: () => !gone, output: kept.output, stdout: kept.stdout, exited };
  running.add({ proc, cleanup: options.cleanup ?? (() => {}) });
  return proc;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  if (pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function unregister(proc: ManagedProcess): Registered | undefined {
  const entry = [...running].find((r) => r.proc === proc);
  if (entry) running.delete(entry);
  return entry;
}

/** SIGTERM to the whole group, SIGKILL if it has not exited `graceMs` later; then its clean-up. */
export async function stopProcess(proc: ManagedProcess, graceMs = 5000): Promise<void> {
  const entry = unregister(proc);
  signalGroup(proc.pid, 'SIGTERM');
  const exited = await Promise.race([proc.exited.then(() => true), delay(graceMs).then(() => false)]);
  // The leader may be gone while children it spawned still hold the group.
  signalGroup(proc.pid, 'SIGKILL');
  if (!exited) await Promise.race([proc.exited, delay(2000)]);
  entry?.cleanup();
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(({ proc }) => stopProcess(proc)));
}

/** Last resort from an exit handler, where nothing asynchronous runs. */
export function killAllProcessesNow(): void {
  for (const { proc } of running) signalGroup(proc.pid, 'SIGKILL');
  for (const { cleanup } of running) cleanup();
  running.clear();
}

let hooksInstalled = false;
/**
 * For scripts that own their exit: on `exit` (process.exit anywhere, an
 * uncaught exception) every child group is killed; Ctrl-C, SIGTERM and SIGHUP
 * exit at once (no report on a half run) through that hook.
 */
export function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllProcessesNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nreceived ${signal}: stopping child processes and exiting`);
      process.exit(130);
    });
  }
}

/** Runs a command to completion (a build), killing its group after timeoutMs. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  { cwd, env, timeoutMs }: { cwd?: string; env?: Record<string, string>; timeoutMs: number },
) {
  const started = Date.now();
  const proc = startProcess(name, command, args, { cwd, env });
  const timer = setTimeout(() => signalGroup(proc.pid, 'SIGKILL'), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  unregister(proc);
  return { ok: code === 0, code, signal, output: proc.output(), stdout: proc.stdout(), seconds: (Date.now() - started) / 1000 };
}

function portIsFree(port: number): Promise<number | null> {
  return new Promise((done) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => done(null));
    probe.listen(port, HOST, () => {
      const address = probe.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      probe.close(() => done(bound));
    });
  });
}

/**
 * A port nothing listens on at the moment, on 127.0.0.1: the first free one in
 * [from, to] (checked by binding it), or any the system picks without a range.
 */
export async function findFreePort(range?: { from: number; to: number }): Promise<number> {
  if (!range) {
    const port = await portIsFree(0);
    if (port === null) throw new SetupError(`No free port on ${HOST}`);
    return port;
  }
  for (let port = range.from; port <= range.to; port += 1) {
    if ((await portIsFree(port)) !== null) return port;
  }
  throw new SetupError(`No free port between ${range.from} and ${range.to} on ${HOST}`);
}

/** One GET, resolved with the status and body, never rejected (status 0 on error or timeout). */
export function httpGet(url: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((done) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ status: 0, body: '' }));
  });
}

/**
 * Polls `url` until its status satisfies `accept` (default: 200; no answer at
 * all never does), the process exits (error with its output) or the deadline
 * passes (error).
 */
export async function waitForHttp(
  url: string,
  proc: ManagedProcess,
  { timeoutMs, accept = (status) => status === 200 }: { timeoutMs: number; accept?: (status: number) => boolean },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.alive()) {
      const { code, signal } = await proc.exited;
      throw new Error(`${proc.name} exited before answering ${url} (code ${code}, signal ${signal}):\n${proc.output().slice(-3000)}`);
    }
    const { status } = await httpGet(url, 5000);
    if (status !== 0 && accept(status)) return;
    if (Date.now() > deadline) {
      throw new Error(`${proc.name} did not answer ${url} as expected within ${timeoutMs / 1000} s (last status ${status}):\n${proc.output().slice(-3000)}`);
    }
    await delay(200);
  }
}

/** The dist dir the scripts use (`NEXT_DIST_DIR`, default `.next`). */
export function distDirFromEnv(): string {
  return process.env.NEXT_DIST_DIR || '.next';
}

/** Throws a readable error when there is no production build to serve. */
export function assertBuildExists(distDir: string): void {
  const buildId = resolve(distDir, 'BUILD_ID');
  if (!existsSync(buildId)) {
    throw new SetupError(`No production build in ${distDir} (${buildId} is missing).\nBuild first, e.g.: NEXT_DIST_DIR=${distDir} npx next build`);
  }
}

export type ServerHandle = {
  proc: ManagedProcess;
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Fresh temporary DATA_DIR (a copy of CMS_DATA_TEMPLATE when set), removed on stop. */
  dataDir: string;
  distDir: string;
  alive: () => boolean;
  /** SIGTERM to the group, SIGKILL after 5 s; removes the data folder. */
  stop: () => Promise<void>;
};

export type ProductionServerOptions = {
  port: number;
  distDir: string;
  /** Names the temporary data folder. */
  label: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Extra Node flags for the server. */
  nodeArgs?: string[];
  onStdout?: (text: string) => void;
};

/** A temporary DATA_DIR, seeded from the CMS database the build was made from (CMS_DATA_TEMPLATE) when there is one. */
function freshDataDir(label: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), `${label}-data-`));
  if (process.env.CMS_DATA_TEMPLATE) cpSync(process.env.CMS_DATA_TEMPLATE, dataDir, { recursive: true });
  return dataDir;
}

/**
 * Starts the production server on 127.0.0.1 with its own data folder and
 * waits until `/en` answers 200. HARDENING_SERVER_NODE_ARGS adds Node flags
 * (e.g. --trace-gc); HARDENING_SERVER_LOG=<file> keeps all it printed;
 * HARDENING_SERVER runs another entry point.
 */
export async function startProductionServer(options: ProductionServerOptions): Promise<ServerHandle> {
  const { port, distDir, label, env = {}, readyTimeoutMs = 60_000, nodeArgs = [], onStdout } = options;
  assertBuildExists(distDir);
  const dataDir = freshDataDir(label);
  const extraArgs = (process.env.HARDENING_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const { command, args } = productionServerCommand([...nodeArgs, ...extraArgs], process.env.HARDENING_SERVER || undefined);
  const proc = startProcess('production server', command, args, {
    onStdout,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST,
      NEXT_DIST_DIR: distDir,
      DATA_DIR: dataDir,
      // Never let an outside database receive the scripts' writes.
      DATABASE_URL: '',
      SQLITE_PATH: '',
      ...env,
    },
  });
  if (process.env.HARDENING_SERVER_LOG) {
    const log = createWriteStream(process.env.HARDENING_SERVER_LOG);
    proc.child.stdout?.pipe(log, { end: false });
    proc.child.stderr?.pipe(log, { end: false });
  }
  const origin = `http://${HOST}:${port}`;
  const handle: ServerHandle = { proc, pid: proc.pid, port, origin, dataDir, distDir, alive: proc.alive, stop: () => stopProcess(proc) };
  try {
    await waitForHttp(`${origin}/en`, proc, { timeoutMs: readyTimeoutMs });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** Resident memory of a process in KiB (VmRSS in /proc/<pid>/status), or null. */
export function residentKiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in seconds, or null. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Median of `samples` RSS readings `intervalMs` apart (one reading can land in the middle of a garbage collection). */
export async function sampleResidentKiB(pid: number, samples = 5, intervalMs = 200): Promise<number | null> {
  const values: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const value = residentKiB(pid);
    if (value !== null) values.push(value);
    if (i < samples - 1) await delay(intervalMs);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? null;
}
