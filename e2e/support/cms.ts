import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { BASE_URL, POSTGRES_BASE_URL } from './config';

/** The e2e server's data folder (global-setup.ts), where its CMS database lives. */
export function e2eDataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set: global-setup.ts sets it before the tests run');
  return dir;
}

/**
 * Runs `npm run editor:add` against a server's database (the e2e server's
 * unless told otherwise; the bench passes its own), with the password in the
 * environment only.
 */
export function editorAdd(
  email: string,
  password: string,
  dataDir: string = e2eDataDir(),
  databaseUrl = '',
): { status: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', 'scripts/cms/editor-add.ts'], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, EDITOR_EMAIL: email, EDITOR_PASSWORD: password },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * A signed-in editor's calls to the CMS's REST API (/cms/api) of the server at
 * `origin`: the e2e server by default, any other (the bench's) when given.
 */
export class CmsClient {
  private constructor(
    private readonly token: string,
    private readonly origin: string,
  ) {}

  static async login(email: string, password: string, origin: string = BASE_URL): Promise<CmsClient> {
    const res = await fetch(`${origin}/cms/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || !body.token) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    return new CmsClient(body.token, origin);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.origin}/cms/api${path}`, {
      method,
      headers: { Authorization: `JWT ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Database id of a section or tag by its key. */
  async termId(collection: 'sections' | 'tags', key: string): Promise<number> {
    const { body } = await this.call<{ docs: { id: number }[] }>('GET', `/${collection}?where[key][equals]=${encodeURIComponent(key)}&depth=0`);
    const id = body.docs[0]?.id;
    if (id === undefined) throw new Error(`no ${collection} with key ${key}`);
    return id;
  }
}

/** The newsroom's promise: a publish, correction or takedown reaches every page within 5 s. */
export const LIVE_WITHIN_MS = 5000;

/** The password every CMS suite gives the editors it adds (each suite its own e-mail address). */
export const EDITOR_PASSWORD = 'correct horse battery staple';

/**
 * Asks `check` again until it holds or `timeoutMs` passes; returns the time it
 * took. Waits on a condition, not on a clock: the figure is how long readers
 * waited for the change.
 */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = LIVE_WITHIN_MS, label = 'condition', intervalMs = 50): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${label}: not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * GET a path of the e2e server (or of `origin`). `timeoutMs` bounds one
 * request, so that a poll inside `waitUntil` cannot hang past its own deadline.
 */
export async function fetchText(
  path: string,
  { origin = BASE_URL, timeoutMs }: { origin?: string; timeoutMs?: number } = {},
): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual', signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

/** A production server the CMS suites run against, with what `editorAdd` needs to reach its database. */
export type CmsTarget = { name: 'SQLite' | 'PostgreSQL'; origin: string; dataDir: string; databaseUrl: string };

/**
 * The server on SQLite (the embedded default) and, when global-setup.ts
 * started one (always in CI), the server on PostgreSQL.
 */
export function cmsTargets(): CmsTarget[] {
  const postgresUrl = process.env.E2E_POSTGRES_DATABASE_URL;
  return [
    { name: 'SQLite', origin: BASE_URL, dataDir: process.env.E2E_DATA_DIR ?? '', databaseUrl: '' },
    ...(postgresUrl
      ? [{ name: 'PostgreSQL' as const, origin: POSTGRES_BASE_URL, dataDir: process.env.E2E_POSTGRES_DATA_DIR ?? '', databaseUrl: postgresUrl }]
      : []),
  ];
}

/** The check the suites over `cmsTargets()` open with: in CI, they ran on PostgreSQL too. */
export function itRunsOnPostgresInCi(targets: CmsTarget[]): void {
  it('runs against PostgreSQL too in CI', () => {
    expect(targets.map((t) => t.name)).toEqual(process.env.CI ? ['SQLite', 'PostgreSQL'] : expect.arrayContaining(['SQLite']));
  });
}

/** Signs in through the admin's login form, as an editor does, and waits until the admin is past it. */
export async function signInToAdmin(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/admin`);
  await page.waitForURL(/\/admin\/login/);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/login'));
}
