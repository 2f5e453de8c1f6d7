import { deflateSync } from 'node:zlib';
import { locales } from '@/i18n/routing';
import { withBrowser } from './support/browser';
import { cmsTargets, CmsClient, EDITOR_PASSWORD, editorAdd, fetchText, LIVE_WITHIN_MS, waitUntil } from './support/cms';

// An editor's upload becomes an article's hero that readers see (issue 10, `media`).
jest.setTimeout(120_000);

const password = EDITOR_PASSWORD;

/** CRC-32 as PNG chunks need it (zlib.crc32 arrives in Node 22). */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A real PNG of one colour, so each run and server uploads bytes (and so a name) of its own. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => [r, g, b][i % 3] ?? 0)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const { context } = withBrowser();

describe.each(cmsTargets())('an uploaded hero image on $name', (target) => {
  const stamp = `${Date.now().toString(36)}${target.name === 'SQLite' ? 'm' : 'n'}`;
  const email = `media-${target.name.toLowerCase()}-${stamp}@example.org`;
  const seed = Date.now() % 200;
  const image = png(64, 36, [seed, target.name === 'SQLite' ? 20 : 220, 90]);
  const alt = { en: `Fishing boats at dawn ${stamp}`, fr: `Des bateaux de pêche à l’aube ${stamp}` };
  const story = {
    en: { title: `Harbour reopens ${stamp}`, slug: `harbour-reopens-${stamp}`, dek: 'The port reopened on Monday.', body: 'The port reopened.\n\nBoats left at dawn.' },
    fr: { title: `Le port rouvre ${stamp}`, slug: `le-port-rouvre-${stamp}`, dek: 'Le port a rouvert lundi.', body: 'Le port a rouvert.\n\nLes bateaux sont partis à l’aube.' },
  };
  const paths = { en: `/en/articles/${story.en.slug}`, fr: `/fr/articles/${story.fr.slug}` };

  let token = '';
  let cms: CmsClient;
  let mediaId: number | undefined;
  let filename = '';
  let articleId: number | undefined;
  let svgId: number | undefined;

  const read = (path: string) => fetchText(path, { origin: target.origin, timeoutMs: 5000 });
  const asEditor = (path: string, init: RequestInit = {}) =>
    fetch(`${target.origin}/cms/api${path}`, { ...init, headers: { Authorization: `JWT ${token}`, ...init.headers } });

  beforeAll(async () => {
    expect(editorAdd(email, password, target.dataDir, target.databaseUrl).status).toBe(0);
    cms = await CmsClient.login(email, password, target.origin);
    const login = await fetch(`${target.origin}/cms/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    token = ((await login.json()) as { token: string }).token;
  });

  // Other suites share this server: take the article and the upload away again.
  afterAll(async () => {
    if (articleId !== undefined) expect((await cms.call('DELETE', `/articles/${articleId}`)).status).toBe(200);
    for (const id of [mediaId, svgId]) if (id !== undefined) expect((await cms.call('DELETE', `/media/${id}`)).status).toBe(200);
    if (filename) expect((await read(`/media/${filename}`)).status).toBe(404);
    // Every list is read until it is clean: Next writes a regenerated page to the build folder,
    // and a list left stale there would be served by the next server started on that build.
    for (const list of ['/news-sitemap.xml', '/sitemap.xml', '/en', '/fr', '/en/section/business', '/fr/rubrique/economie', '/en/feed.xml', '/fr/feed.xml']) {
      await waitUntil(async () => !(await read(list)).text.includes(stamp), LIVE_WITHIN_MS, `${list} no longer lists the test article`);
    }
    for (const path of ['/en', '/fr']) {
      await waitUntil(async () => (await fetch(`${target.origin}${path}`)).headers.get('cache-control')?.includes('s-maxage') === true, 10_000, `${path} cached again`);
    }
  });

  it('an editor uploads an image with its alt text in both languages; it is stored under a name made from its content', async () => {
    const form = new FormData();
    form.append('_payload', JSON.stringify({ alt: alt.en }));
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'Boats at dawn.png');
    const res = await asEditor('/media?locale=en', { method: 'POST', body: form });
    const body = (await res.json()) as { doc: { id: number; filename: string; width: number; height: number; mimeType: string } };
    expect(res.status).toBe(201);
    mediaId = body.doc.id;
    filename = body.doc.filename;
    expect(filename).toMatch(/^boats-at-dawn-[0-9a-f]{16}\.png$/);
    expect(body.doc).toMatchObject({ width: 64, height: 36, mimeType: 'image/png' });
    expect((await cms.call('PATCH', `/media/${mediaId}?locale=fr`, { alt: alt.fr })).status).toBe(200);
  });

  it('readers get the file at /media/<name>: its bytes, its type, cacheable for a year, nosniff', async () => {
    const res = await fetch(`${target.origin}/media/${filename}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
  });

  it('an uploaded SVG reaches readers as an image only: sandboxed, nothing it may load or run', async () => {
    const form = new FormData();
    form.append('_payload', JSON.stringify({ alt: `A diagram ${stamp}` }));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="18"><title>${stamp}</title><rect width="32" height="18" fill="#3a6"/></svg>`;
    form.append('file', new Blob([svg], { type: 'image/svg+xml' }), 'diagram.svg');
    const res = await asEditor('/media?locale=en', { method: 'POST', body: form });
    const body = (await res.json()) as { doc: { id: number; filename: string } };
    expect(res.status).toBe(201);
    svgId = body.doc.id;
    const file = await fetch(`${target.origin}/media/${body.doc.filename}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/svg+xml');
    expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(file.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/media/unknown-0123456789abcdef.png', '/media/..%2Fcms.sqlite', '/media/..%2F..%2Fetc%2Fpasswd', '/media/%2e%2e%2fpayload-secret.png', '/media/x.html'])(
    '%s is a 404, never a 5xx',
    async (path) => {
      expect((await read(path)).status).toBe(404);
    },
  );

  it('the CMS’s own file URL still refuses readers, and answers an editor 404 (not 500) for a missing file', async () => {
    expect((await fetch(`${target.origin}/cms/api/media/file/${filename}`)).status).toBe(403);
    expect((await asEditor(`/media/file/${filename}`)).status).toBe(200);
    expect((await asEditor(`/media/file/missing-${stamp}.png`)).status).toBe(404);
  });

  it('publishing needs an uploaded image or an /images/ path, and says so', async () => {
    const section = await cms.termId('sections', 'business');
    const res = await cms.call('POST', '/articles?locale=en', {
      ...story.en,
      slug: `${story.en.slug}-no-hero`,
      hero: { caption: 'A caption.', credit: 'Staff' },
      section,
      authors: [{ name: 'Staff' }],
      published: new Date().toISOString(),
      _status: 'published',
    });
    expect(res.status).toBe(400);
    // Over REST Payload names the field; the admin shows the field's own message (unit-tested in both languages).
    expect(JSON.stringify(res.body)).toContain('Hero > Image');
  });

  it('an article published with it as hero shows it to readers in both languages, at its size, with the alt text of each language', async () => {
    const section = await cms.termId('sections', 'business');
    const created = await cms.call<{ doc: { id: number } }>('POST', '/articles?locale=en', {
      ...story.en,
      hero: { image: mediaId, caption: 'The port at dawn.', credit: 'Photo: Northern Dispatch' },
      section,
      authors: [{ name: 'Northern Dispatch staff', organization: true }],
      published: new Date(Date.now() - 60_000).toISOString(),
      _status: 'published',
    });
    expect(created.status).toBe(201);
    articleId = created.body.doc.id;
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=fr`, { ...story.fr, hero: { caption: 'Le port à l’aube.' } })).status).toBe(200);

    for (const locale of locales) {
      await waitUntil(async () => (await read(paths[locale])).text.includes(`/media/${filename}`), LIVE_WITHIN_MS, `${paths[locale]} shows the upload`);
      const { text } = await read(paths[locale]);
      const img = new RegExp(`<img[^>]*src="/media/${filename}"[^>]*>`).exec(text)?.[0] ?? '';
      expect(img).toContain('width="64"');
      expect(img).toContain('height="36"');
      expect(img).toContain(`alt="${alt[locale]}"`);
      // JSON-LD names the same file with its size, absolute.
      expect(text).toMatch(new RegExp(`"url":"https?://[^"]+/media/${filename}","width":\\{"@type":"QuantitativeValue","value":64`));
      // Shared on a network: the card first, then the photo at its size.
      expect(text).toMatch(new RegExp(`<meta property="og:image" content="https?://[^"]+/media/${filename}"/>`));
      expect(text).toContain('<meta property="og:image:width" content="64"/>');
      const feed = (await read(`/${locale}/feed.xml`)).text;
      expect(feed).toMatch(new RegExp(`<media:content url="https?://[^"]+/media/${filename}" medium="image" type="image/png" width="64" height="36">`));
    }
  });

  it('in a browser, the hero image loads on the article page', async () => {
    const page = await context().newPage();
    await page.goto(`${target.origin}${paths.en}`);
    const hero = page.locator(`img[src="/media/${filename}"]`).first();
    await hero.waitFor();
    await page.waitForFunction((src) => {
      const el = document.querySelector(`img[src="${src}"]`);
      return el instanceof HTMLImageElement && el.complete;
    }, `/media/${filename}`);
    expect(await hero.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
    await page.close();
  });

  it('an image that is an article’s hero cannot be deleted', async () => {
    const res = await cms.call<{ errors: { message: string }[] }>('DELETE', `/media/${mediaId}`);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toMatch(/hero of 1 article/);
    expect((await fetch(`${target.origin}/media/${filename}`)).status).toBe(200);
  });
});
