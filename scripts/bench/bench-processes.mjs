// @ts-check
// Child processes of the bench (builds, servers): each runs in its own process
// group so that stopping it also stops what it spawned (Next's build workers,
// `next start`'s server process), and nothing outlives the bench.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

/**
 * @typedef {{
 *   name: string,
 *   child: import('node:child_process').ChildProcess,
 *   output: () => string,
 *   stdout: () => string,
 *   exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>,
 * }} ManagedProcess
 */

/** @type {Set<ManagedProcess>} */
const running = new Set();

/** @param {number} ms */
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nobody listens on at the moment, on loopback. */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const probe = net.createServer();
      probe.unref();
      probe.on('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => resolve(port));
      });
    })
  );
}

/**
 * Starts a command in a new process group and keeps the tail of its output
 * (shown when it fails).
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string> }} options
 * @returns {ManagedProcess}
 */
export function startProcess(name, command, args, { cwd, env = {} }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const chunks = [];
  let size = 0;
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    chunks.push(chunk.toString('utf8'));
    size += chunk.length;
    while (size > 64_000 && chunks.length > 1) size -= (chunks.shift() ?? '').length;
  };
  /** stdout alone, for commands whose output is a result (bounded to 1 MB). */
  let stdout = '';
  child.stdout?.on('data', (/** @type {Buffer} */ chunk) => {
    keep(chunk);
    if (stdout.length < 1_000_000) stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve({ code: -1, signal: null });
    });
  });
  const managed = { name, child, output: () => chunks.join(''), stdout: () => stdout, exited };
  running.add(managed);
  return /** @type {ManagedProcess} */ (managed);
}

/** @param {ManagedProcess} proc @param {NodeJS.Signals} signal */
function signalGroup(proc, signal) {
  if (!proc.child.pid) return;
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * SIGTERM to the whole group, SIGKILL if it has not exited 5 s later.
 * @param {ManagedProcess} proc
 */
export async function stopProcess(proc) {
  signalGroup(proc, 'SIGTERM');
  const exited = await Promise.race([proc.exited.then(() => true), delay(5000).then(() => false)]);
  // The leader may be gone while children it spawned still hold the group.
  signalGroup(proc, 'SIGKILL');
  if (!exited) await Promise.race([proc.exited, delay(2000)]);
  running.delete(proc);
}

export async function stopAllProcesses() {
  await Promise.all([...running].map(stopProcess));
}

/** Last resort from an exit handler, where nothing asynchronous runs. */
export function killAllProcessesNow() {
  for (const proc of running) signalGroup(proc, 'SIGKILL');
  running.clear();
}

/**
 * Runs a command to completion (a build), killing its group after timeoutMs.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string>, timeoutMs: number }} options
 */
export async function runToCompletion(name, command, args, { cwd, env, timeoutMs }) {
  const started = Date.now();
  const proc = startProcess(name, command, args, { cwd, env });
  const timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  running.delete(proc);
  return { ok: code === 0, code, signal, output: proc.output(), stdout: proc.stdout(), seconds: (Date.now() - started) / 1000 };
}

/**
 * Waits until the server answers any HTTP status on url.
 * @param {string} url
 * @param {ManagedProcess} proc
 * @param {number} timeoutMs
 */
export async function waitForHttp(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited before answering:\n${proc.output().slice(-3000)}`);
    const answered = await new Promise((resolve) => {
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
