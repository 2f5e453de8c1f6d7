// Child processes of the bench (builds, servers): each runs in its own process
// group so that stopping it also stops what it spawned (Next's build workers,
// `next start`'s server process), and nothing outlives the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ManagedProcess>();

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A TCP port nobody listens on at the moment, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a command in a new process group and keeps the tail of its output
 * (shown when it fails).
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  let size = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    size += chunk.length;
    while (size > 64_000 && chunks.length > 1) size -= (chunks.shift() ?? '').length;
  };
  /** stdout alone, for commands whose output is a result (bounded to 1 MB). */
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (stdout.length < 1_000_000) stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve({ code: -1, signal: null });
    });
  });
  const managed: ManagedProcess = { name, child, output: () => chunks.join(''), stdout: () => stdout, exited };
  running.add(managed);
  return managed;
}

function signalGroup(proc: ManagedProcess, signal: NodeJS.Signals): void {
  if (!proc.child.pid) return;
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the whole group, SIGKILL if it has not exited graceMs later. */
export async function stopProcess(proc: ManagedProcess, graceMs = 5000): Promise<void> {
  signalGroup(proc, 'SIGTERM');
  const exited = await Promise.race([proc.exited.then(() => true), delay(graceMs).then(() => false)]);
  // The leader may be gone while children it spawned still hold the group.
  signalGroup(proc, 'SIGKILL');
  if (!exited) await Promise.race([proc.exited, delay(2000)]);
  running.delete(proc);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((proc) => stopProcess(proc)));
}

/** Last resort from an exit handler, where nothing asynchronous runs. */
export function killAllProcessesNow(): void {
  for (const proc of running) signalGroup(proc, 'SIGKILL');
  running.clear();
}

/** Runs a command to completion (a build), killing its group after timeoutMs. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  { cwd, env, timeoutMs }: { cwd: string; env?: Record<string, string>; timeoutMs: number },
) {
  const started = Date.now();
  const proc = startProcess(name, command, args, { cwd, env });
  const timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  running.delete(proc);
  return { ok: code === 0, code, signal, output: proc.output(), stdout: proc.stdout(), seconds: (Date.now() - started) / 1000 };
}

/** Waits until the server answers any HTTP status on url. */
export async function waitForHttp(url: string, proc: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited before answering:\n${proc.output().slice(-3000)}`);
    const answered = await new Promise<boolean>((resolve) => {
      const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    if (answered) return;
    await delay(200);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${proc.output().slice(-3000)}`);
}
