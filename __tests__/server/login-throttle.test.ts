/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoginThrottle } from '@/server/request-guards';

async function withThrottle(options: Parameters<typeof createLoginThrottle>[0], run: (post: (path?: string) => Promise<{ status: number; retryAfter: string | null }>) => Promise<void>) {
  const throttle = createLoginThrottle(options);
  const server = http.createServer((req, res) => {
    if (throttle(req, res)) return;
    res.statusCode = 401;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const post = async (path = '/cms/api/users/login') => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  };
  try {
    await run(post);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('sign-in throttle', () => {
  it('lets the first attempts through, then answers 429 with Retry-After', async () => {
    await withThrottle({ limit: 3, windowMs: 60_000 }, async (post) => {
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await post()).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await post();
      expect(Number(last.retryAfter)).toBeGreaterThan(0);
    });
  });

  it('counts only sign-ins, not other CMS calls', async () => {
    await withThrottle({ limit: 1, windowMs: 60_000 }, async (post) => {
      expect((await post('/cms/api/articles')).status).toBe(401);
      expect((await post('/cms/api/articles')).status).toBe(401);
      expect((await post()).status).toBe(401);
      expect((await post()).status).toBe(429);
    });
  });

  it('forgets attempts older than its window', async () => {
    let clock = 1_000_000;
    await withThrottle({ limit: 1, windowMs: 1000, now: () => clock }, async (post) => {
      expect((await post()).status).toBe(401);
      expect((await post()).status).toBe(429);
      clock += 1001;
      expect((await post()).status).toBe(401);
    });
  });
});
