import { spawnSync } from 'node:child_process';
import { BASE_URL } from './config';

/** The e2e server's data folder (global-setup.ts), where its CMS database lives. */
export function e2eDataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set: global-setup.ts sets it before the tests run');
  return dir;
}

/** Runs `npm run editor:add` against the e2e server's database, with the password in the environment only. */
export function editorAdd(email: string, password: string): { status: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', 'scripts/cms/editor-add.ts'], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: e2eDataDir(), DATABASE_URL: '', EDITOR_EMAIL: email, EDITOR_PASSWORD: password },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A signed-in editor's calls to the CMS's REST API (/cms/api). */
export class CmsClient {
  private constructor(private readonly token: string) {}

  static async login(email: string, password: string): Promise<CmsClient> {
    const res = await fetch(`${BASE_URL}/cms/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || !body.token) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    return new CmsClient(body.token);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${BASE_URL}/cms/api${path}`, {
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

/**
 * Asks `check` again until it holds or `timeoutMs` passes; returns the time it
 * took. Waits on a condition, not on a clock: the figure is how long readers
 * waited for the change.
 */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000, label = 'condition'): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${label}: not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function fetchText(path: string): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(`${BASE_URL}${path}`, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}
