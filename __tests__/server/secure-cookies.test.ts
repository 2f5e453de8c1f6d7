/** @jest-environment node */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secureCookiesOverHttps, withSecure } from '@/server/secure-cookies';

/** Cookies written the ways Next and Payload write them: setHeader, and writeHead's own headers. */
function handler(req: IncomingMessage, res: ServerResponse) {
  secureCookiesOverHttps(req, res);
  res.setHeader('Set-Cookie', ['payload-token=abc; Path=/; HttpOnly; SameSite=Lax', 'consent=x; Path=/; Secure; SameSite=Lax']);
  if (req.url === '/write-head') {
    res.writeHead(200, { 'Set-Cookie': 'other=1; Path=/' });
    res.end();
    return;
  }
  res.end('ok');
}

async function cookiesOf(path: string, headers: Record<string, string>): Promise<string[]> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
    await res.arrayBuffer();
    return res.headers.getSetCookie();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('cookies over https', () => {
  it('get Secure when the request came through an https proxy, once each', async () => {
    const cookies = await cookiesOf('/', { 'x-forwarded-proto': 'https' });
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie.match(/;\s*Secure/gi)).toHaveLength(1);
    const written = await cookiesOf('/write-head', { 'x-forwarded-proto': 'https' });
    expect(written).toEqual(['other=1; Path=/; Secure']);
  });

  it('stay as they were over plain http (a local server on http://127.0.0.1)', async () => {
    const cookies = await cookiesOf('/', {});
    expect(cookies[0]).toBe('payload-token=abc; Path=/; HttpOnly; SameSite=Lax');
  });

  it('recognise an existing Secure attribute whatever its case or place', () => {
    expect(withSecure('a=b; secure')).toBe('a=b; secure');
    expect(withSecure('a=b; SECURE; Path=/')).toBe('a=b; SECURE; Path=/');
    expect(withSecure('secure=1; Path=/')).toBe('secure=1; Path=/; Secure');
  });
});
