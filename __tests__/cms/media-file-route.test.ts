/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guarded } from '@/lib/cms/cms-request-guards';
import { IMMUTABLE_CACHE_CONTROL, mediaFileResponse, MUTABLE_CACHE_CONTROL, type MediaLookup } from '@/lib/content/media-response';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082', 'hex');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><script>alert(1)</script></svg>';

let dataDir: string;
let dir: string;
const docs = new Map<string, { filename: string; mimeType: string }>();
const lookups: string[] = [];
const lookup: MediaLookup = async (name) => {
  lookups.push(name);
  return docs.get(name) ?? null;
};
const get = (name: string, method = 'GET') => mediaFileResponse(name, { method, dir, lookup });

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'media-route-'));
  dir = join(dataDir, 'media');
  mkdirSync(dir);
  for (const [name, type, bytes] of [
    ['dot-0123456789abcdef.png', 'image/png', PNG],
    ['legacy.png', 'image/png', PNG],
    ['drawing-fedcba9876543210.svg', 'image/svg+xml', SVG],
  ] as const) {
    writeFileSync(join(dir, name), bytes);
    docs.set(name, { filename: name, mimeType: type });
  }
  // A media document whose file is gone, and a file no document holds.
  docs.set('gone-0123456789abcdef.png', { filename: 'gone-0123456789abcdef.png', mimeType: 'image/png' });
  writeFileSync(join(dir, 'stray.png'), PNG);
  writeFileSync(join(dataDir, 'secret.png'), PNG);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  lookups.length = 0;
});

describe('/media/<name> for readers', () => {
  it('streams an upload with its type, its length, a year of caching and nosniff', async () => {
    const res = await get('dot-0123456789abcdef.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(PNG.length));
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('keeps a name not made from its content for minutes, not a year', async () => {
    const res = await get('legacy.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(MUTABLE_CACHE_CONTROL);
    expect(res.headers.get('cache-control')).not.toMatch(/immutable|s-maxage/);
  });

  it('serves an SVG as an image only: sandboxed, nothing it may load or run', async () => {
    const res = await get('drawing-fedcba9876543210.svg');
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('dot-0123456789abcdef.png', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(PNG.length));
    expect(await res.text()).toBe('');
  });

  it.each(['../secret.png', '..%2Fsecret.png', '..', '.hidden.png', 'media/../secret.png', '/etc/passwd', 'a\0.png', 'dot.png.html', 'x'.repeat(300) + '.png'])(
    'answers 404 to the bad name %j without looking it up',
    async (name) => {
      const res = await get(name);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).not.toMatch(/immutable/);
      expect(lookups).toEqual([]);
    },
  );

  it.each([
    ['a name no media document holds', 'unknown-0123456789abcdef.png'],
    ['a file in the folder that no document holds', 'stray.png'],
    ['a document whose file is gone from disk', 'gone-0123456789abcdef.png'],
  ])('answers 404 to %s', async (_case, name) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const res = await get(name);
    expect(res.status).toBe(404);
    expect(lookups).toEqual([name]);
    // A document without its file is an operator's problem: it is logged.
    expect(warn.mock.calls.length).toBe(name.startsWith('gone') ? 1 : 0);
    warn.mockRestore();
  });
});

describe('the CMS’s own file URL for editors', () => {
  const previous = process.env.DATA_DIR;
  beforeAll(() => {
    process.env.DATA_DIR = dataDir;
  });
  afterAll(() => {
    process.env.DATA_DIR = previous;
  });
  // Payload's answer when the file is not on disk ("missing on the disk").
  const payload500 = guarded(async () => Response.json({ errors: [{ message: 'Something went wrong.' }] }, { status: 500 }));
  const context = { params: Promise.resolve({ slug: [] as string[] }) };

  it('turns Payload’s 500 for a file missing on disk into a 404', async () => {
    const res = await payload500(new Request('http://127.0.0.1/cms/api/media/file/gone-0123456789abcdef.png'), context);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('No such file');
  });

  it('leaves a 500 for a file that is there alone: that is a real fault', async () => {
    const res = await payload500(new Request('http://127.0.0.1/cms/api/media/file/dot-0123456789abcdef.png'), context);
    expect(res.status).toBe(500);
  });

  it('leaves other routes’ answers alone', async () => {
    const res = await payload500(new Request('http://127.0.0.1/cms/api/articles/1'), context);
    expect(res.status).toBe(500);
  });
});
