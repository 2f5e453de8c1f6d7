import http from 'node:http';

const MAX_PAGES = 2000;

function getText(host: string, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, headers: { 'accept-encoding': 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${path}`)));
    req.on('error', reject);
  });
}

/**
 * Requests every page of the sitemap once, so the static page cache holds
 * them before the first reader arrives: nobody gets the one uncompressed
 * answer a cache fill costs, and each language's search index is built.
 */
export async function warmStaticPageCache(host: string, port: number): Promise<number> {
  const sitemap = await getText(host, port, '/sitemap.xml');
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => {
      try {
        return new URL(m[1] ?? '').pathname;
      } catch {
        return null;
      }
    })
    .filter((p) => p !== null)
    .slice(0, MAX_PAGES);
  for (const path of new Set(paths)) await getText(host, port, path);
  // Search pages are not in the sitemap (noindex), but the first search in a
  // language builds that language's index: better now than on a reader's
  // request. Their paths are the header search form's action on each home page.
  const homes = [...new Set(paths.filter((p) => /^\/[a-z]{2}$/.test(p)))];
  const searchPages = new Set<string>();
  for (const home of homes) {
    // Whatever the attributes' order: find the search form's tag, then its action.
    const form = /<form\b[^>]*\brole="search"[^>]*>/.exec(await getText(host, port, home))?.[0] ?? '';
    const action = /\baction="(\/[^"?#]+)"/.exec(form)?.[1];
    if (action) searchPages.add(action);
  }
  for (const path of searchPages) await getText(host, port, path);
  return paths.length + searchPages.size;
}
