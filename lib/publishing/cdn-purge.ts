/**
 * Tells a CDN to drop the pages of some tags: a POST of `{"tags": [...]}` to
 * CDN_PURGE_URL (with `Authorization: Bearer CDN_PURGE_TOKEN` when set). Each
 * CDN's own purge API takes about this shape, or a small adapter in front of it
 * does (docs/operations.md). Retried with backoff; a CDN that stays down is
 * logged and never blocks an editor's save: pages there expire on their own
 * (s-maxage).
 */
export type CdnPurgeOptions = {
  url?: string;
  token?: string;
  attempts?: number;
  /** First retry delay; doubled after each failure. */
  backoffMs?: number;
  fetchImpl?: typeof fetch;
  log?: (message: string) => void;
};

export async function purgeCdnTags(tags: readonly string[], options: CdnPurgeOptions = {}): Promise<'purged' | 'skipped' | 'failed'> {
  const url = options.url ?? process.env.CDN_PURGE_URL?.trim();
  if (!url || tags.length === 0) return 'skipped';
  const token = options.token ?? process.env.CDN_PURGE_TOKEN?.trim();
  const attempts = options.attempts ?? 4;
  const log = options.log ?? ((m: string) => console.log(m));
  const doFetch = options.fetchImpl ?? fetch;
  let delay = options.backoffMs ?? 500;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ tags }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) {
        log(`cdn purge: ${tags.length} tags (attempt ${attempt})`);
        return 'purged';
      }
      log(`cdn purge: answer ${res.status} (attempt ${attempt} of ${attempts})`);
    } catch (error) {
      log(`cdn purge: ${error instanceof Error ? error.message : String(error)} (attempt ${attempt} of ${attempts})`);
    }
    if (attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
  log(`cdn purge: gave up on ${tags.join(',')}`);
  return 'failed';
}
