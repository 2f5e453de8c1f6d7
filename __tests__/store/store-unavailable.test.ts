/** @jest-environment node */
import { createServer, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DatabaseError } from 'pg-protocol';
import * as consentRoute from '@/app/api/consent/route';
import { closeStore } from '@/lib/store/get-store';
import { storeUnavailable } from '@/lib/api/json-responses';
import {
  createOutageLog,
  FAILURE_RETRY_AFTER_SECONDS,
  isStoreUnavailable,
  orWhenUnavailable,
  OUTAGE_RETRY_AFTER_SECONDS,
} from '@/lib/store/store-unavailable';

/** A TCP server on 127.0.0.1 that does `onConnection` to each client: a database that misbehaves on purpose. */
async function fakeDatabase(onConnection: (socket: Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (it was listening a moment ago). */
async function closedPort(): Promise<number> {
  const database = await fakeDatabase(() => undefined);
  await database.close();
  return database.port;
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database call to fail');
}

function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

describe('isStoreUnavailable: a database out of reach is an outage', () => {
  it('counts a refused connection (PostgreSQL down), from a client and from a pool', async () => {
    const port = await closedPort();
    const client = new Client({ host: '127.0.0.1', port, user: 'nobody', database: 'none' });
    const refused = await failureOf(() => client.connect());
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isStoreUnavailable(refused)).toBe(true);

    const pool = new Pool({ host: '127.0.0.1', port, user: 'nobody', database: 'none', connectionTimeoutMillis: 1_000 });
    const fromPool = await failureOf(() => pool.query('SELECT 1'));
    await pool.end();
    expect(isStoreUnavailable(fromPool)).toBe(true);
  });

  it('counts a connection the server drops (terminated unexpectedly)', async () => {
    const database = await fakeDatabase((socket) => socket.destroy());
    try {
      const client = new Client({ host: '127.0.0.1', port: database.port, user: 'nobody', database: 'none' });
      const dropped = await failureOf(() => client.connect());
      expect(dropped).toMatchObject({ message: expect.stringMatching(/^Connection terminated/) });
      expect(isStoreUnavailable(dropped)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('counts a connection that never answers (the pool gives up after its timeout)', async () => {
    const database = await fakeDatabase(() => undefined);
    try {
      const pool = new Pool({ host: '127.0.0.1', port: database.port, user: 'nobody', database: 'none', connectionTimeoutMillis: 200 });
      const timedOut = await failureOf(() => pool.query('SELECT 1'));
      await pool.end();
      expect(timedOut).toMatchObject({ message: expect.stringMatching(/timeout/) });
      expect(isStoreUnavailable(timedOut)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['57P03', 'the database system is shutting down'],
    ['57014', 'canceling statement due to statement timeout'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['40001', 'could not serialize access due to concurrent update'],
  ])('counts PostgreSQL %s (%s)', (code, message) => {
    expect(isStoreUnavailable(serverError(code, message))).toBe(true);
  });

  it('counts SQLite busy past its timeout, and a wrapped or aggregated outage', () => {
    expect(isStoreUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isStoreUnavailable(new Error('store failed', { cause: refused }))).toBe(true);
    expect(isStoreUnavailable(new AggregateError([refused, Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]))).toBe(true);
  });
});

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) {
  describe('isStoreUnavailable with a real PostgreSQL', () => {
    it('counts a session the server terminates (what a restart does to every session)', async () => {
      const victim = new Client({ connectionString: testDatabaseUrl });
      victim.on('error', () => undefined);
      await victim.connect();
      const admin = new Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      try {
        const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const waiting = failureOf(() => victim.query('SELECT pg_sleep(10)'));
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        const terminated = await waiting;
        expect(terminated).toMatchObject({ code: '57P01' });
        expect(isStoreUnavailable(terminated)).toBe(true);
        // The same client, used again after its connection died.
        expect(isStoreUnavailable(await failureOf(() => victim.query('SELECT 1')))).toBe(true);
      } finally {
        await admin.end();
        await victim.end().catch(() => undefined);
      }
    });

    it('counts a statement that ran past statement_timeout', async () => {
      const client = new Client({ connectionString: testDatabaseUrl, statement_timeout: 50 });
      await client.connect();
      try {
        const cancelled = await failureOf(() => client.query('SELECT pg_sleep(2)'));
        expect(cancelled).toMatchObject({ code: '57014' });
        expect(isStoreUnavailable(cancelled)).toBe(true);
      } finally {
        await client.end();
      }
    });
  });
}

describe('isStoreUnavailable: anything else is a failure to fix, not to wait out', () => {
  it.each([
    ['a syntax error', serverError('42601', 'syntax error at or near "SELEC"')],
    ['a unique violation', serverError('23505', 'duplicate key value violates unique constraint')],
    ['a missing table', serverError('42P01', 'relation "consent_receipts" does not exist')],
    ['a failed password', serverError('28P01', 'password authentication failed for user "news"')],
    ['a folder that cannot exist', Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
    ['an empty aggregate', new AggregateError([])],
  ])('does not count %s', (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe('storeUnavailable: the answer', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers an outage 503 with a JSON reason and a Retry-After of a few seconds, without internals', async () => {
    const response = storeUnavailable(serverError('57P01', 'terminating connection due to administrator command'), 'appending a consent receipt');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
    expect(OUTAGE_RETRY_AFTER_SECONDS).toBeLessThanOrEqual(5);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'The store is unavailable; try again later' });
    expect(text).not.toMatch(/administrator|57P01/);
  });

  it('answers any other failure 503 too, with a longer Retry-After, and logs it every time', () => {
    const logged = jest.mocked(console.error);
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    for (const response of [storeUnavailable(bug, 'reading a consent history'), storeUnavailable(bug, 'reading a consent history')]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe(String(FAILURE_RETRY_AFTER_SECONDS));
    }
    expect(logged).toHaveBeenCalledTimes(2);
  });
});

describe('createOutageLog', () => {
  it('logs the first failure of an outage, then one line per interval with the count it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const log = createOutageLog({ intervalMs: 5_000, now: () => now, log: (line) => lines.push(line) });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 100; i++) {
      log.failed('appending a consent receipt', refused);
      now += 100;
    }
    expect(lines).toEqual([
      '[store] database unavailable while appending a consent receipt: connect ECONNREFUSED 127.0.0.1:5432',
      '[store] database unavailable while appending a consent receipt: connect ECONNREFUSED 127.0.0.1:5432 (49 more store requests failed the same way since the last line)',
    ]);
  });
});

describe('orWhenUnavailable', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers with the fallback when the database is out of reach, and with the work otherwise', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const fallback = jest.fn(async () => 'from memory');
    await expect(orWhenUnavailable(async () => Promise.reject(refused), fallback, 'searching')).resolves.toBe('from memory');
    await expect(orWhenUnavailable(async () => 'from PostgreSQL', fallback, 'searching')).resolves.toBe('from PostgreSQL');
    expect(fallback).toHaveBeenCalledTimes(1);
  });

  it('lets any other error through: a bug does not hide behind the fallback', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    const fallback = jest.fn(async () => 'from memory');
    await expect(orWhenUnavailable(async () => Promise.reject(bug), fallback, 'searching')).rejects.toBe(bug);
    expect(fallback).not.toHaveBeenCalled();
  });
});

describe('POST /api/consent with PostgreSQL down', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, SQLITE_PATH: process.env.SQLITE_PATH };
  afterEach(async () => {
    jest.restoreAllMocks();
    await closeStore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('answers every request 503 with Retry-After while it is down', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await closeStore();
    process.env.DATABASE_URL = `postgres://nobody@127.0.0.1:${await closedPort()}/news`;
    const now = Math.floor(Date.now() / 1000);
    const post = () =>
      consentRoute.POST(
        new Request('http://127.0.0.1:3000/api/consent', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ v: 1, rev: 1, id: randomUUID(), ts: now, upd: now, c: { preferences: false, analytics: true, marketing: false }, m: 'custom', gpc: false, l: 'en', src: 'banner' }),
        }),
      );
    for (const response of [await post(), await post()]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.json()).toEqual({ error: 'The store is unavailable; try again later' });
    }
  });
});
