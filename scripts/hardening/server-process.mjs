// @ts-check
// Starts, watches and stops the production server (server/production-server.mjs)
// for the hostile-input and load suites. Shared by hostile.mjs and load.mjs.
//
// The server is spawned in its own process group (detached) so that stopping
// it kills everything it may have started; every exit path of the calling
// script (normal end, exception, Ctrl-C, watchdog) goes through stop().
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const HOST = '127.0.0.1';

/** A problem with the setup (no build, no free port...): printed without a stack. */
export class SetupError extends Error {}

/**
 * @typedef {object} ServerHandle
 * @property {number} pid process id of the server (also its process group id)
 * @property {number} port
 * @property {string} origin `http://127.0.0.1:<port>`
 * @property {string} dataDir fresh temporary DATA_DIR (SQLite store starts empty)
 * @property {string} distDir
 * @property {() => boolean} alive
 * @property {() => string} stderrTail last bytes the server wrote to stderr
 * @property {() => string} stdoutTail last bytes the server wrote to stdout
 * @property {() => Promise<void>} stop SIGTERM to the group, SIGKILL after 5 s; removes the data folder
 */

/** The dist dir the scripts use (`NEXT_DIST_DIR`, default `.next`). */
export function distDirFromEnv() {
  return process.env.NEXT_DIST_DIR || '.next';
}

/**
 * Throws a readable error when there is no production build to serve.
 * @param {string} distDir
 */
export function assertBuildExists(distDir) {
  const buildId = resolve(distDir, 'BUILD_ID');
  if (!existsSync(buildId)) {
    throw new SetupError(
      `No production build in ${distDir} (${buildId} is missing).\n` +
        `Build first, e.g.: NEXT_DIST_DIR=${distDir} npx next build`,
    );
  }
}

/**
 * First port in [from, to] nothing listens on (checked by binding it).
 * @param {number} from
 * @param {number} to
 */
export async function findFreePort(from, to) {
  for (let port = from; port <= to; port += 1) {
    const free = await new Promise((done) => {
      const probe = net.createServer();
      probe.once('error', () => done(false));
      probe.listen(port, HOST, () => probe.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new SetupError(`No free port between ${from} and ${to} on ${HOST}`);
}

/**
 * Keeps only the last `limit` characters written to a stream.
 * @param {import('node:stream').Readable | null} stream
 * @param {number} limit
 */
function tail(stream, limit) {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk) => {
    text += chunk;
    if (text.length > limit * 2) text = text.slice(-limit);
  });
  return () => text.slice(-limit);
}

/**
 * One GET, resolved with the status and body, never rejected (status 0 on error).
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<{ status: number, body: string }>}
 */
export function simpleGet(url, timeoutMs = 5000) {
  return new Promise((done) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ status: 0, body: '' }));
  });
}

/**
 * Starts `node server/production-server.mjs` on 127.0.0.1 with an empty
 * temporary DATA_DIR and waits until `/en` answers 200.
 * @param {{ port: number, distDir: string, env?: Record<string, string>, label: string, readyTimeoutMs?: number,
 *   nodeArgs?: string[], onStdout?: (text: string) => void }} options `nodeArgs`: extra Node flags for the server;
 *   `onStdout`: everything the server prints on stdout, as it comes
 * @returns {Promise<ServerHandle>}
 */
export async function startServer({ port, distDir, env = {}, label, readyTimeoutMs = 60_000, nodeArgs = [], onStdout }) {
  assertBuildExists(distDir);
  const dataDir = mkdtempSync(join(tmpdir(), `${label}-data-`));
  // The CMS database the build was made from (npm test prepares it): each server starts from a copy.
  if (process.env.CMS_DATA_TEMPLATE) cpSync(process.env.CMS_DATA_TEMPLATE, dataDir, { recursive: true });
  // HARDENING_SERVER runs the suites against another entry point (e.g. an
  // older copy of the server, to see a check fail).
  const entry = process.env.HARDENING_SERVER || join(distDir, 'production-server.mjs');
  // HARDENING_SERVER_NODE_ARGS: extra Node flags for the server (e.g. --trace-gc).
  const extraArgs = (process.env.HARDENING_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...extraArgs, entry], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST,
      NEXT_DIST_DIR: distDir,
      DATA_DIR: dataDir,
      // Never let an outside database receive the suites' writes.
      DATABASE_URL: '',
      SQLITE_PATH: '',
      ...env,
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start the production server');
  let exited = false;
  /** @type {number | null} */
  let exitCode = null;
  /** @type {string | null} */
  let exitSignal = null;
  const exitPromise = new Promise((done) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      done(undefined);
    });
  });
  const stderrTail = tail(child.stderr, 16_384);
  const stdoutTail = tail(child.stdout, 16_384);
  if (onStdout) child.stdout?.on('data', (chunk) => onStdout(String(chunk)));
  // HARDENING_SERVER_LOG=<file> keeps everything the server printed (e.g. with
  // HARDENING_SERVER_NODE_ARGS=--trace-gc to tell a leak from heap growth).
  if (process.env.HARDENING_SERVER_LOG) {
    const log = createWriteStream(process.env.HARDENING_SERVER_LOG);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  const origin = `http://${HOST}:${port}`;
  let stopped = false;

  /** @type {ServerHandle} */
  const handle = {
    pid,
    port,
    origin,
    dataDir,
    distDir,
    alive: () => !exited,
    stderrTail,
    stdoutTail,
    async stop() {
      if (stopped) return;
      stopped = true;
      unregister(handle);
      if (!exited) {
        killGroup(pid, 'SIGTERM');
        const killed = await Promise.race([exitPromise.then(() => true), delay(5000).then(() => false)]);
        if (!killed) {
          killGroup(pid, 'SIGKILL');
          await Promise.race([exitPromise, delay(2000)]);
        }
      } else {
        // The server itself is gone; anything it left in its group goes too.
        killGroup(pid, 'SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  register(handle);

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await handle.stop();
      throw new Error(
        `The production server exited before it was ready (code ${exitCode}, signal ${exitSignal}).\n` +
          `stderr:\n${stderrTail()}\nstdout:\n${stdoutTail()}`,
      );
    }
    const { status } = await simpleGet(`${origin}/en`, 5000);
    if (status === 200) return handle;
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`The production server did not answer 200 on ${origin}/en within ${readyTimeoutMs / 1000} s`);
    }
    await delay(200);
  }
}

/**
 * Resident memory of a process in KiB (VmRSS in /proc/<pid>/status), or null.
 * @param {number} pid
 */
export function residentKiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) a process has used, in seconds, or null.
 * @param {number} pid
 */
export function cpuSeconds(pid) {
  try {
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Median of `samples` RSS readings `intervalMs` apart (one reading can land
 * in the middle of a garbage collection).
 * @param {number} pid
 * @param {number} samples
 * @param {number} intervalMs
 */
export async function sampleResidentKiB(pid, samples = 5, intervalMs = 200) {
  /** @type {number[]} */
  const values = [];
  for (let i = 0; i < samples; i += 1) {
    const value = residentKiB(pid);
    if (value !== null) values.push(value);
    if (i < samples - 1) await delay(intervalMs);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? null;
}

/** @param {number} ms */
export function delay(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Servers not stopped yet: killed synchronously if the script exits anyway. */
const running = new Set();
let hooksInstalled = false;

/** @param {ServerHandle} handle */
function register(handle) {
  running.add(handle);
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Last resort for paths that skip stop(): process.exit() from anywhere, an
  // uncaught exception. 'exit' handlers must be synchronous: SIGKILL the group.
  process.on('exit', () => {
    for (const h of running) killGroup(h.pid, 'SIGKILL');
    for (const h of running) rmSync(h.dataDir, { recursive: true, force: true });
  });
  // Interrupted: exit at once (no report on a half run); the 'exit' hook
  // above kills the server's process group and removes its data folder.
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      console.error(`\nreceived ${signal}: stopping the server and exiting`);
      process.exit(130);
    });
  }
}

/** @param {ServerHandle} handle */
function unregister(handle) {
  running.delete(handle);
}

/**
 * Runs `main` with a hard deadline: past `ms`, the servers are stopped and the
 * process exits 1, whatever `main` is waiting for.
 * @param {string} name
 * @param {number} ms
 * @param {() => Promise<number>} main resolves with the exit code
 */
export function runBounded(name, ms, main) {
  const watchdog = setTimeout(() => {
    console.error(`\n${name}: still running after ${Math.round(ms / 1000)} s: giving up`);
    console.log(`${name}: 0 passed, 1 failed`);
    void Promise.all([...running].map((h) => h.stop())).finally(() => process.exit(1));
  }, ms);
  main()
    .then(
      (code) => code,
      (error) => {
        const text = error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
        console.error(`\n${name}: ${text}`);
        console.log(`${name}: 0 passed, 1 failed`);
        return 1;
      },
    )
    .then(async (code) => {
      await Promise.all([...running].map((h) => h.stop()));
      clearTimeout(watchdog);
      process.exit(code);
    });
}
