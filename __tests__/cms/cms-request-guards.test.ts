/** @jest-environment node */
import { MAX_JSON_BODY_BYTES, refuseMalformedCmsRequest } from '@/lib/cms/cms-request-guards';

const request = (path: string, init: RequestInit) => new Request(`http://127.0.0.1${path}`, init);

describe('CMS request guards (a malformed request gets a 4xx, never a 500)', () => {
  it('lets reads and well-formed JSON writes through', async () => {
    expect(await refuseMalformedCmsRequest(request('/cms/api/articles', { method: 'GET' }))).toBeNull();
    expect(await refuseMalformedCmsRequest(request('/cms/api/articles', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))).toBeNull();
  });

  it('refuses a body larger than any editor sends, before reading it', async () => {
    const res = await refuseMalformedCmsRequest(
      request('/cms/api/articles', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-length': String(MAX_JSON_BODY_BYTES + 1) } }),
    );
    expect(res?.status).toBe(413);
  });

  it.each([
    ['an empty boundary', '/cms/api/articles', 'multipart/form-data; boundary=', '--x--', 400],
    ['multipart without a boundary', '/cms/api/media', 'multipart/form-data', 'garbage', 400],
    ['a broken multipart body', '/cms/api/media', 'multipart/form-data; boundary=x', 'garbage', 400],
  ])('refuses %s', async (_name, path, type, body, status) => {
    const res = await refuseMalformedCmsRequest(request(path, { method: 'POST', body, headers: { 'content-type': type } }));
    expect(res?.status).toBe(status);
    expect(res?.headers.get('content-type')).toMatch(/json/);
  });

  it('lets the admin’s own multipart saves through (its JSON in `_payload`)', async () => {
    const form = new FormData();
    form.append('_payload', JSON.stringify({ email: 'ed@example.org', password: 'a long password' }));
    expect(await refuseMalformedCmsRequest(new Request('http://127.0.0.1/cms/api/users/login', { method: 'POST', body: form }))).toBeNull();
  });

  it('refuses a multipart save larger than any article, outside uploads', async () => {
    const res = await refuseMalformedCmsRequest(
      request('/cms/api/articles', { method: 'POST', body: '--x--', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(MAX_JSON_BODY_BYTES + 1) } }),
    );
    expect(res?.status).toBe(413);
  });

  it('lets a well-formed upload through', async () => {
    const form = new FormData();
    form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }), 'a.svg');
    const res = await refuseMalformedCmsRequest(new Request('http://127.0.0.1/cms/api/media', { method: 'POST', body: form }));
    expect(res).toBeNull();
  });
});

describe('CMS request guards: Payload’s bookkeeping is not reachable over HTTP', () => {
  it.each(['/cms/api/payload-migrations', '/cms/api/payload-jobs/1', '/cms/api/payload-preferences'])('%s is a 404', async (path) => {
    for (const method of ['GET', 'POST']) {
      const res = await refuseMalformedCmsRequest(new Request(`http://127.0.0.1${path}`, { method, body: method === 'POST' ? '{}' : undefined, headers: { 'content-type': 'application/json' } }));
      expect(res?.status).toBe(404);
    }
  });
});
