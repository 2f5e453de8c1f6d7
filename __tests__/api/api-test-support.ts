import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeStore, getStore } from '@/lib/store/get-store';

export const ORIGIN = 'http://127.0.0.1:3000';

/**
 * Points the process-wide store at a fresh SQLite file for one test file, and
 * reads that file directly so tests can prove a refused request left it
 * untouched.
 */
export function withTemporaryStore() {
  let folder = '';
  let filePath = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'api-test-'));
    filePath = join(folder, 'site.sqlite');
    delete process.env.DATABASE_URL;
    process.env.SQLITE_PATH = filePath;
    await closeStore();
    await getStore();
  });

  afterAll(async () => {
    await closeStore();
    delete process.env.SQLITE_PATH;
    rmSync(folder, { recursive: true, force: true });
  });

  return {
    /** Receipts stored, and page views counted, so far. */
    rowCounts(): { receipts: number; views: number } {
      const db = new Database(filePath, { readonly: true });
      try {
        const receipts = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM consent_receipts').get()?.n ?? 0;
        const views = db.prepare<[], { n: number }>('SELECT COALESCE(SUM(views), 0) AS n FROM page_view_days').get()?.n ?? 0;
        return { receipts, views };
      } finally {
        db.close();
      }
    },
  };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A body with no Content-Length, as a chunked upload arrives. */
export function postStream(path: string, chunks: string[], contentType = 'application/json'): Request {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: stream,
    // Node's fetch requires this for a streamed request body.
    duplex: 'half',
  } as RequestInit);
}

export async function errorBody(response: Response): Promise<{ error: string; field?: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: string; field?: string };
  expect(typeof body.error).toBe('string');
  expect(body.error.length).toBeGreaterThan(5);
  expect(Object.keys(body).every((key) => key === 'error' || key === 'field')).toBe(true);
  return body;
}
