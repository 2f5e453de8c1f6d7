import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the CMS keeps its data and its secret. One home for these facts: the
 * Payload config, the start script, `editor:add` and the tests read them here.
 */

/** The folder beside the consent store (`DATA_DIR`, default `./data`). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DATA_DIR?.trim() || 'data';
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}

export type CmsDatabase = { kind: 'sqlite'; url: string; file: string } | { kind: 'postgres'; connectionString: string };

export const CMS_SQLITE_FILE = 'cms.sqlite';

/** `DATABASE_URL` moves the CMS to PostgreSQL, like the consent store; otherwise a SQLite file in the data folder. */
export function cmsDatabase(env: NodeJS.ProcessEnv = process.env): CmsDatabase {
  const connectionString = env.DATABASE_URL?.trim();
  if (connectionString) return { kind: 'postgres', connectionString };
  const file = join(dataDir(env), CMS_SQLITE_FILE);
  return { kind: 'sqlite', url: `file:${file}`, file };
}

const SECRET_FILE = 'payload-secret';
const MIN_SECRET_LENGTH = 32;

/**
 * `PAYLOAD_SECRET` signs editors' sessions. Production sets it in the
 * environment (every instance the same value); a machine without one gets a
 * random secret written once to the data folder, so `npm start` needs no
 * set-up and no secret is ever committed.
 */
export function payloadSecret(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PAYLOAD_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`PAYLOAD_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return fromEnv;
  }
  const dir = dataDir(env);
  const file = join(dir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      // `wx`: two processes starting together (the build's workers) keep the first secret written.
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(file, 'utf8').trim();
  }
}

/**
 * Origins whose requests may use an editor's session cookie (Payload's CSRF
 * check): the site's own, plus `CMS_ALLOWED_ORIGINS` (comma-separated) for an
 * admin reached at another address (a staging host, the test servers on
 * 127.0.0.1). A cross-site form cannot use the cookie anyway (SameSite=Lax);
 * this also refuses a same-site origin we did not name.
 */
export function cmsAllowedOrigins(siteOrigin: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.CMS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  return [...new Set([siteOrigin, ...extra])];
}
