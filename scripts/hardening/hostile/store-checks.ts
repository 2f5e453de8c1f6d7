// After the storm: the store holds exactly the valid writes (through the
// public API, then in the SQLite file itself), and the flooded editor's
// account is locked.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { cmsDatabase } from '@/lib/cms/cms-environment';
import { receiptFromConsentRecord, type receiptToJson } from '@/lib/store/consent-receipt';
import type { ConsentReceipt, PageViewSummary } from '@/lib/store/consent-store';
import { storeConfigFromEnv } from '@/lib/store/get-store';
import { getJson } from './transport';
import type { ConsentRecord, PageView } from './types';

type Counts = Map<string, number>;

/** Where the server of the suite keeps its data (startProductionServer clears the database settings). */
const serverEnv = (dataDir: string): NodeJS.ProcessEnv => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SQLITE_PATH: '' });

function countKeys(keys: string[]): Counts {
  const m: Counts = new Map();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function diffCounts(expected: Counts, found: Counts): string[] {
  const lines: string[] = [];
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const x = expected.get(key) ?? 0;
    const y = found.get(key) ?? 0;
    if (x !== y) lines.push(`${key}: expected ${x}, found ${y}`);
  }
  return lines;
}

/** One line per receipt, the same whichever way it was read back. */
function receiptKey(r: ConsentReceipt): string {
  const { preferences, analytics, marketing } = r.categories;
  return [r.consentId, r.policyRevision, +preferences, +analytics, +marketing, r.method, r.language, r.source, +r.gpc, r.firstDecidedAt, r.decidedAt].join('|');
}

const sentKey = (record: ConsentRecord) => receiptKey(receiptFromConsentRecord(record));

type ReceiptJson = ReturnType<typeof receiptToJson>;
function receiptOfJson(x: ReceiptJson): ConsentReceipt {
  const seconds = (iso: string) => Math.round(Date.parse(iso) / 1000);
  return { ...x, firstDecidedAt: seconds(x.clientFirstDecidedAt), decidedAt: seconds(x.clientDecidedAt) };
}

/** GET /api/consent/<id> for every id: exactly the receipts accepted for it. */
async function receiptsThroughApi(origin: string, receipts: ConsentRecord[], timeoutMs: number): Promise<string[]> {
  const problems: string[] = [];
  const byId = new Map<string, ConsentRecord[]>();
  for (const r of receipts) byId.set(r.id.toLowerCase(), [...(byId.get(r.id.toLowerCase()) ?? []), r]);
  for (const [id, sent] of byId) {
    const { status, json } = await getJson(origin, `/api/consent/${id}`, timeoutMs);
    const found = (json as { receipts?: unknown } | null)?.receipts;
    if (status !== 200 || !Array.isArray(found)) {
      problems.push(`GET /api/consent/${id}: ${status}, expected 200 with receipts`);
      continue;
    }
    const foundKeys = countKeys((found as ReceiptJson[]).map((x) => receiptKey(receiptOfJson(x))));
    for (const line of diffCounts(countKeys(sent.map(sentKey)), foundKeys)) problems.push(`GET /api/consent/${id}: ${line}`);
  }
  return problems;
}

/** The metrics summary over the whole run: exactly the page views accepted, per page and per referrer. */
async function viewsThroughApi(origin: string, views: PageView[], token: string, timeoutMs: number): Promise<string[]> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  // The whole span of the run, midnight included; views carry only the server's day.
  const { status, json } = await getJson(origin, `/api/metrics/summary?from=${day(-2)}&to=${day(1)}`, timeoutMs, { Authorization: `Bearer ${token}` });
  const summary = json as PageViewSummary | null;
  if (status !== 200 || !Array.isArray(summary?.pages)) return [`GET /api/metrics/summary: ${status}, expected 200 with pages`];
  const problems: string[] = [];
  if (summary.total !== views.length) problems.push(`metrics summary total: expected ${views.length}, found ${summary.total}`);
  const expectedPages = countKeys(views.map((v) => `${v.path} ${v.locale}`));
  const foundPages = new Map(summary.pages.map((p) => [`${p.path} ${p.locale}`, p.views]));
  for (const line of diffCounts(expectedPages, foundPages)) problems.push(`metrics summary page ${line}`);
  const expectedRefs = countKeys(views.map((v) => v.referrerHost.toLowerCase()));
  const foundRefs = new Map((summary.referrers ?? []).map((r) => [r.host, r.views]));
  for (const line of diffCounts(expectedRefs, foundRefs)) problems.push(`metrics summary referrer ${JSON.stringify(line)}`);
  return problems;
}

export async function checkThroughApi(
  origin: string,
  accepted: { receipts: ConsentRecord[]; views: PageView[] },
  { token, timeoutMs }: { token: string; timeoutMs: number },
): Promise<string[]> {
  return [...(await receiptsThroughApi(origin, accepted.receipts, timeoutMs)), ...(await viewsThroughApi(origin, accepted.views, token, timeoutMs))];
}

type ReceiptRow = {
  consent_id: string;
  policy_revision: number;
  preferences: number;
  analytics: number;
  marketing: number;
  method: string;
  language: string;
  source: string;
  gpc: number;
  client_first_decided_at: number;
  client_decided_at: number;
};
type ViewRow = { path: string; locale: string; referrer_host: string; views: number };

/** Rows compared with what was accepted. Table names as in lib/store/migrations.ts (version 1). */
function compareRows(db: Database.Database, receipts: ConsentRecord[], views: PageView[]) {
  const rows = db.prepare('SELECT * FROM consent_receipts ORDER BY seq').all() as ReceiptRow[];
  const found = countKeys(
    rows.map((r) => [r.consent_id, r.policy_revision, r.preferences, r.analytics, r.marketing, r.method, r.language, r.source, r.gpc, r.client_first_decided_at, r.client_decided_at].join('|')),
  );
  const problems = diffCounts(countKeys(receipts.map(sentKey)), found).map((line) => `consent_receipts row ${line}`);
  const viewRows = db.prepare('SELECT path, locale, referrer_host, SUM(views) AS views FROM page_view_days GROUP BY path, locale, referrer_host').all() as ViewRow[];
  const foundViews = new Map(viewRows.map((r) => [`${r.path} ${r.locale} ${JSON.stringify(r.referrer_host)}`, r.views]));
  const expectedViews = countKeys(views.map((v) => `${v.path} ${v.locale} ${JSON.stringify(v.referrerHost.toLowerCase())}`));
  for (const line of diffCounts(expectedViews, foundViews)) problems.push(`page_view_days ${line}`);
  const totalViews = viewRows.reduce((sum, r) => sum + r.views, 0);
  return { problems, summary: `${rows.length} rows in consent_receipts, ${totalViews} views in page_view_days` };
}

/** Reads the SQLite file the server wrote (read-only). */
export function checkSqliteFile(dataDir: string, receipts: ConsentRecord[], views: PageView[]): { problems: string[]; summary: string } {
  const store = storeConfigFromEnv(serverEnv(dataDir));
  if (store.kind !== 'sqlite') return { problems: ['the store of the suite is not SQLite'], summary: '' };
  if (!existsSync(store.filePath)) return { problems: [`no SQLite file at ${store.filePath} after ${receipts.length + views.length} accepted writes`], summary: '' };
  const db = new Database(store.filePath, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = ['consent_receipts', 'page_view_days'].filter((t) => !tables.has(t));
    if (missing.length) return { problems: missing.map((t) => `table ${t} missing (tables: ${[...tables].join(', ')})`), summary: '' };
    return compareRows(db, receipts, views);
  } finally {
    db.close();
  }
}

/** After the login flood: the editor's account is locked (lockUntil in the future) and even the right password does not sign in. */
export async function checkEditorLockout(origin: string, dataDir: string, editor: { email: string; password: string }): Promise<string[]> {
  const problems: string[] = [];
  const cms = cmsDatabase(serverEnv(dataDir));
  if (cms.kind !== 'sqlite') return ['the CMS of the suite is not SQLite'];
  const db = new Database(cms.file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT login_attempts, lock_until FROM users WHERE email = ?').get(editor.email) as { login_attempts: number | null; lock_until: string | null } | undefined;
    if (!row) problems.push(`no editor ${editor.email} in ${cms.file}`);
    else if (!row.lock_until || Date.parse(row.lock_until) <= Date.now()) problems.push(`not locked: ${row.login_attempts} failed attempts, lock_until ${row.lock_until}`);
  } finally {
    db.close();
  }
  const res = await fetch(`${origin}/cms/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(editor) });
  await res.arrayBuffer();
  if (res.status === 200) problems.push('the right password signed in to a locked account');
  return problems;
}
