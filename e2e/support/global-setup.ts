import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, CHROMIUM_PATH, DIST_DIR, E2E_PORT, POSTGRES_BASE_URL, POSTGRES_PORT, SERVER_PID_FILE } from './config';
import { productionServerCommand } from '../../scripts/support/processes';
import { createFreshDatabase, prepareCms } from './fresh-database';

/** How `npm start` runs the server: the bundle `next build` writes (docs/architecture/0010-server-in-typescript.md). */
const serverCommand = productionServerCommand();

async function waitForServer(baseUrl: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/en`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the production server did not answer on ${baseUrl} within 60 s`);
}

/** The production server (Next behind its static page cache), as `npm start` runs it, in its own process group. */
function startServer(port: number, env: Record<string, string>): void {
  const server = spawn(serverCommand.command, serverCommand.args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_TOKEN: process.env.METRICS_TOKEN ?? 'e2e-metrics-token',
      // The admin is reached at 127.0.0.1 here, not at SITE_ORIGIN.
      CMS_ALLOWED_ORIGINS: `${BASE_URL},${POSTGRES_BASE_URL}`,
      ...env,
    },
  });
  server.unref();
  appendFileSync(SERVER_PID_FILE, `${server.pid}\n`);
}

/**
 * A second server on PostgreSQL (CMS and store), in a database of its own for
 * this run: the publishing tests run against both databases. Required in CI.
 */
async function startPostgresServer(): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    if (process.env.CI) throw new Error('CI runs the publishing tests on PostgreSQL too: TEST_DATABASE_URL is not set (npm test sets it)');
    return;
  }
  const databaseUrl = await createFreshDatabase(admin, 'cms_e2e');
  // The CMS migrates and takes the seed, like `npm start` on a new PostgreSQL.
  const dataDir = mkdtempSync(join(tmpdir(), 'news-e2e-pg-'));
  prepareCms({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  startServer(POSTGRES_PORT, { DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  process.env.E2E_POSTGRES_DATABASE_URL = databaseUrl;
  process.env.E2E_POSTGRES_DATA_DIR = dataDir;
  await waitForServer(POSTGRES_BASE_URL, Date.now() + 60_000);
}

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with:\n` +
        `  apt-get update && apt-get install -y --no-install-recommends chromium\n` +
        `or point CHROMIUM_PATH at another Chromium binary.`,
    );
  }
  if (!existsSync(`${DIST_DIR}/BUILD_ID`)) {
    throw new Error(`No production build in ${DIST_DIR}: run \`npx next build\` first (npm test does this).`);
  }
  rmSync(SERVER_PID_FILE, { force: true });
  // A fresh data folder for every run, outside the work tree, holding a copy of
  // the CMS database the build was made from (npm test prepares it).
  const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'news-e2e-data-'));
  if (process.env.CMS_DATA_TEMPLATE) cpSync(process.env.CMS_DATA_TEMPLATE, dataDir, { recursive: true });
  process.env.E2E_DATA_DIR = dataDir;
  // Never let an outside database receive the tests' writes.
  startServer(E2E_PORT, { DATA_DIR: dataDir, DATABASE_URL: '' });
  await Promise.all([waitForServer(BASE_URL, Date.now() + 60_000), startPostgresServer()]);
}
