import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, CHROMIUM_PATH, DIST_DIR, E2E_PORT, SERVER_PID_FILE } from './config';

async function waitForServer(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE_URL}/en`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the production server did not answer on ${BASE_URL} within 30 s`);
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
  // A fresh data folder for every run, outside the work tree, holding a copy of
  // the CMS database the build was made from (npm test prepares it).
  const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'news-e2e-data-'));
  if (process.env.CMS_DATA_TEMPLATE) cpSync(process.env.CMS_DATA_TEMPLATE, dataDir, { recursive: true });
  process.env.E2E_DATA_DIR = dataDir;
  // The production server (Next behind its static page cache), as `npm start` runs it.
  const server = spawn(process.execPath, ['server/production-server.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      METRICS_TOKEN: process.env.METRICS_TOKEN ?? 'e2e-metrics-token',
      DATA_DIR: dataDir,
    },
  });
  server.unref();
  writeFileSync(SERVER_PID_FILE, String(server.pid));
  await waitForServer(Date.now() + 30_000);
}
