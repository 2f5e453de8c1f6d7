/** @jest-environment node */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import { securityHeaders } from '@/lib/security-headers';
import { answerClientError, answerUnservable, closeConnectionIfBodyUnread, hasValidPercentEncoding } from '@/server/request-guards';
import { withServer } from '../support/local-server';

/** Like Next behind the guards: reads at most 2 KB of a body, refuses more unread. */
function fakeApp(req: IncomingMessage, res: ServerResponse) {
  if (answerUnservable(req, res)) return;
  closeConnectionIfBodyUnread(req, res);
  if (req.method !== 'POST') {
    res.setHeader('Content-Type', 'text/plain');
    res.end(`ok ${req.url}`);
    return;
  }
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > 2048) {
      req.off('data', onData);
      req.pause();
      res.statusCode = 413;
      res.end('{"error":"too large"}');
    }
  };
  req.on('data', onData);
  req.on('end', () => {
    if (!res.headersSent) res.end('{"ok":true}');
  });
}

function withGuardedServer(run: (port: number) => Promise<void>) {
  return withServer(fakeApp, (_base, port) => run(port), (server) => server.on('clientError', answerClientError));
}

function request(port: number, method: string, path: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes raw bytes and collects everything the server sends until it closes (or 3 s pass). */
function rawExchange(port: number, bytes: string) {
  return new Promise<{ text: string; closedByServer: boolean }>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, 3000);
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (text += c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedByServer: true });
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

describe('request guards of the production server', () => {
  it('recognises malformed percent-encodings', () => {
    expect(hasValidPercentEncoding('/en/articles/caf%C3%A9')).toBe(true);
    expect(hasValidPercentEncoding('/en/plain')).toBe(true);
    for (const bad of ['/%C0%AF', '/%FF', '/en/%', '/en/%2', '/%ED%A0%80', '/%E0%80']) {
      expect(hasValidPercentEncoding(bad)).toBe(false);
    }
  });

  it('answers TRACE with 405 (JSON under /api/) instead of letting Next throw', async () => {
    await withGuardedServer(async (port) => {
      const page = await request(port, 'TRACE', '/en');
      expect(page.status).toBe(405);
      expect(page.headers.allow).toContain('GET');
      expect(page.headers['content-type']).toMatch(/^text\/plain/);
      const api = await request(port, 'TRACE', '/api/consent');
      expect(api.status).toBe(405);
      expect(JSON.parse(api.body)).toEqual({ error: 'Method TRACE is not allowed' });
      // The site's baseline headers, from their one home, with a policy that allows nothing.
      const baseline = securityHeaders({ gaEnabled: false }).filter(({ key }) => !['Content-Security-Policy', 'Reporting-Endpoints'].includes(key));
      expect(baseline.length).toBeGreaterThan(3);
      for (const { key, value } of baseline) expect([key, page.headers[key.toLowerCase()]]).toEqual([key, value]);
      expect(page.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      const webdav = await request(port, 'PROPFIND', '/api/metrics');
      expect(webdav.status).toBe(405);
      expect(JSON.parse(webdav.body).error).toContain('PROPFIND');
    });
  });

  it('names the problem when Node refuses a request: JSON for the API, text for pages', async () => {
    await withGuardedServer(async (port) => {
      const api = await rawExchange(port, `GET /api/consent/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(api.text).toMatch(/^HTTP\/1\.1 431/);
      expect(api.text).toContain('Content-Type: application/json');
      expect(JSON.parse(api.text.slice(api.text.indexOf('\r\n\r\n') + 4)).error).toMatch(/too large/);
      const page = await rawExchange(port, `GET /en?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(page.text).toMatch(/^HTTP\/1\.1 431/);
      expect(page.text).toContain('Content-Type: text/plain');
      const garbage = await rawExchange(port, 'GET /api/consent HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n');
      expect(garbage.text).toMatch(/^HTTP\/1\.1 400/);
      expect(garbage.text).toContain('{"error":"The request is not valid HTTP/1.1"}');
      expect(garbage.closedByServer).toBe(true);
    });
  });

  it('answers a path with invalid percent-encoding with 400, and lets valid ones through', async () => {
    await withGuardedServer(async (port) => {
      const page = await request(port, 'GET', '/%C0%AF');
      expect(page.status).toBe(400);
      expect(page.body).toContain('not valid');
      const api = await request(port, 'GET', '/api/consent/%FF%FE');
      expect(api.status).toBe(400);
      expect(JSON.parse(api.body).error).toMatch(/percent-encoded/);
      const fine = await request(port, 'GET', '/en/caf%C3%A9?q=%FF');
      expect(fine.status).toBe(200);
      expect(fine.body).toBe('ok /en/caf%C3%A9?q=%FF');
    });
  });

  it('answers OPTIONS * itself and keeps only the path of an absolute-form target', async () => {
    await withGuardedServer(async (port) => {
      const star = await rawExchange(port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(star.text).toMatch(/^HTTP\/1\.1 204/);
      expect(star.text).toMatch(/Allow: GET, HEAD/);
      const absolute = await rawExchange(port, 'GET http://evil.example/en?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(absolute.text).toMatch(/^HTTP\/1\.1 200/);
      expect(absolute.text).toContain('ok /en?q=1');
      const other = await rawExchange(port, 'GET ftp://evil.example/en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(other.text).toMatch(/^HTTP\/1\.1 400/);
    });
  });

  it('closes a keep-alive connection whose request body was refused unread, instead of leaving it stuck', async () => {
    await withGuardedServer(async (port) => {
      const body = `{"pad":"${'x'.repeat(65_000)}"}`;
      const exchange = await rawExchange(
        port,
        'POST /api/consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
          `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n` +
          'GET /en HTTP/1.1\r\nHost: x\r\n\r\n',
      );
      expect(exchange.text).toMatch(/^HTTP\/1\.1 413/);
      expect(exchange.text.toLowerCase()).toContain('connection: close');
      expect(exchange.closedByServer).toBe(true);
    });
  });

  it('keeps the connection open for requests without a body, even answered at once', async () => {
    await withGuardedServer(async (port) => {
      const exchange = await rawExchange(port, 'GET /en HTTP/1.1\r\nHost: x\r\n\r\nGET /fr HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(exchange.text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
      const first = exchange.text.slice(0, exchange.text.indexOf('ok /en'));
      expect(first.toLowerCase()).toContain('connection: keep-alive');
      expect(exchange.text).toContain('ok /fr');
    });
  });

  it('keeps the connection open when the body was read to its end', async () => {
    await withGuardedServer(async (port) => {
      const exchange = await rawExchange(
        port,
        'POST /api/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' +
          'GET /en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      const statuses = exchange.text.match(/HTTP\/1\.1 \d{3}/g);
      expect(statuses).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
      expect(exchange.text).toContain('ok /en');
    });
  });
});

describe('reader pages take GET and HEAD only', () => {
  it.each(['/en', '/fr/articles/canada-chine-relance', '/en/section/trade'])('POST %s is a 405, never a server action', async (path) => {
    await withGuardedServer(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    });
  });

  it.each(['/api/consent', '/cms/api/users/login', '/admin/collections/articles'])('POST %s still reaches the app', async (path) => {
    await withGuardedServer(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
      expect(res.status).not.toBe(405);
    });
  });
});
