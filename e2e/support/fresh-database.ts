import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A new, empty database (named `<prefix>_<random>`) on the server `adminUrl` points at; its URL. */
export async function createFreshDatabase(adminUrl: string, prefix: string): Promise<string> {
  const database = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The CMS migrates and takes the seed, as `npm start` does on a new database (`env` names DATABASE_URL and DATA_DIR). */
export function prepareCms(env: NodeJS.ProcessEnv): void {
  const prepared = spawnSync('npx', ['tsx', 'scripts/cms/prepare.ts'], { encoding: 'utf8', env });
  if (prepared.status !== 0) throw new Error(`CMS prepare failed:\n${prepared.stdout}${prepared.stderr}`);
}

/** Drops a database made by `createFreshDatabase`, closing whatever is still connected to it. */
export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
