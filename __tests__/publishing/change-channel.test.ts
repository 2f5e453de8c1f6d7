/** @jest-environment node */
import { describeOnPostgres } from '../support/test-database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  createChangeChannel,
  type ChangeChannel,
  type ChangeChannelOptions,
  type InstanceChange,
  type RecordedChange,
} from '@/lib/publishing/change-channel';

jest.setTimeout(30_000);

/** The longest any expectation waits for a change to arrive; the budget is 5 s. */
const WAIT_MS = 5_000;

type Received = { change: RecordedChange; how: 'notified' | 'caught-up' };

/** What one instance received, and a bounded wait on a condition over it (no sleeps). */
function subscriber(channel: ChangeChannel) {
  const received: Received[] = [];
  const checks = new Set<() => void>();
  const recheck = () => {
    for (const check of [...checks]) check();
  };
  channel.onChangeFromOtherInstance((change, how) => {
    received.push({ change, how });
    recheck();
  });
  channel.onStatus(recheck);
  function waitFor(condition: () => boolean, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error(`waited ${WAIT_MS} ms for ${what}; received ${JSON.stringify(received.map((r) => r.change.tags))}, status ${channel.status}`));
      }, WAIT_MS);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        checks.delete(check);
        resolve();
      };
      checks.add(check);
    });
  }
  return { channel, received, waitFor };
}

const change = (tag: string): InstanceChange => ({
  tags: [tag, 'home-en'],
  upserted: [{ locale: 'en', id: tag }],
  removed: [{ locale: 'fr', id: `${tag}-old` }],
});

const tagsOf = (received: readonly Received[]) => received.map((r) => r.change.tags[0]);

describe('in-process change channel (no DATABASE_URL)', () => {
  const opened: ChangeChannel[] = [];
  afterAll(async () => {
    for (const channel of opened) await channel.close();
  });

  it('carries a change to the other channels of the process, not back to its publisher', async () => {
    const a = subscriber(createChangeChannel({ instanceId: 'a' }));
    const b = subscriber(createChangeChannel({ instanceId: 'b' }));
    opened.push(a.channel, b.channel);
    expect(a.channel.kind).toBe('in-process');
    await Promise.all([a.channel.start(), b.channel.start()]);
    const recorded = await a.channel.publishToInstances(change('article-en-one'));
    await b.waitFor(() => b.received.length === 1, 'the change at b');
    expect(b.received[0]).toEqual({ change: recorded, how: 'notified' });
    expect(recorded).toMatchObject({ ...change('article-en-one'), origin: 'a' });
    expect(a.received).toEqual([]);
    expect(a.channel.lastSeenId).toBe(recorded.id);
  });
});

describeOnPostgres('PostgreSQL change channel', (testDatabaseUrl) => {
  const schema = `changes_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: testDatabaseUrl });
  const opened: ChangeChannel[] = [];
  const open = (instanceId: string, options: Partial<ChangeChannelOptions> = {}) => {
    const channel = createChangeChannel({ connectionString: testDatabaseUrl, schema, instanceId, ...options });
    opened.push(channel);
    return subscriber(channel);
  };

  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const channel of opened) await channel.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('migrates once when instances start together', async () => {
    const starting = ['m1', 'm2', 'm3'].map((id) => open(id).channel);
    await Promise.all(starting.map((channel) => channel.start()));
    expect(starting.map((channel) => channel.status)).toEqual(['listening', 'listening', 'listening']);
    const { rows } = await admin.query(`SELECT version FROM ${schema}.publishing_schema_version`);
    expect(rows).toEqual([{ version: 1 }]);
    for (const channel of starting) await channel.close();
  });

  it('reaches every other instance within 5 s, in order, and never its publisher', async () => {
    const a = open('a');
    const b = open('b');
    const c = open('c');
    expect(a.channel.kind).toBe('postgres');
    await Promise.all([a, b, c].map((s) => s.channel.start()));
    const first = await a.channel.publishToInstances(change('article-en-one'));
    const second = await c.channel.publishToInstances(change('article-en-two'));
    await b.waitFor(() => b.received.length === 2, 'two changes at b');
    await a.waitFor(() => a.received.length === 1, 'c’s change at a');
    await c.waitFor(() => c.received.length === 1, 'a’s change at c');
    expect(b.received).toEqual([
      { change: first, how: 'notified' },
      { change: second, how: 'notified' },
    ]);
    expect(second.id).toBeGreaterThan(first.id);
    expect(a.received.map((r) => r.change)).toEqual([second]);
    expect(c.received.map((r) => r.change)).toEqual([first]);
  });

  it('re-subscribes after its connection is dropped and catches up on the changes it missed', async () => {
    // The test decides when b may reconnect, so that changes are published while it is certainly away.
    let allowReconnect: () => void = () => undefined;
    const reconnectAllowed = new Promise<void>((resolve) => {
      allowReconnect = resolve;
    });
    const a = open('drop-a');
    const b = open('drop-b', { beforeReconnect: () => reconnectAllowed });
    await Promise.all([a.channel.start(), b.channel.start()]);
    await a.channel.publishToInstances(change('before-drop'));
    await b.waitFor(() => b.received.length === 1, 'the change before the drop');

    const { rows } = await admin.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
      ['news-changes:drop-b'],
    );
    // b's pool and its listening session share the name; the listener must be among them.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.terminated)).toBe(true);
    await b.waitFor(() => b.channel.status === 'disconnected', 'b to notice the dropped connection');

    const missed = [await a.channel.publishToInstances(change('while-away-1')), await a.channel.publishToInstances(change('while-away-2'))];
    expect(b.received).toHaveLength(1);
    allowReconnect();
    await b.waitFor(() => b.received.length === 3, 'b to catch up');
    expect(b.channel.status).toBe('listening');
    expect(b.received.slice(1)).toEqual(missed.map((recorded) => ({ change: recorded, how: 'caught-up' })));

    // Listening again, not only caught up once.
    const after = await a.channel.publishToInstances(change('after-reconnect'));
    await b.waitFor(() => b.received.length === 4, 'a live change after reconnecting');
    expect(b.received[3]).toEqual({ change: after, how: 'notified' });
    expect(tagsOf(b.received)).toEqual(['before-drop', 'while-away-1', 'while-away-2', 'after-reconnect']);
  });

  it('published inside the CMS’s transaction, a change leaves on its commit and never on a rollback', async () => {
    const a = open('tx-a');
    const b = open('tx-b');
    await Promise.all([a.channel.start(), b.channel.start()]);
    // The editor's save, as Payload holds it open while its hooks run.
    const save = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await save.connect();
    try {
      await save.query('BEGIN');
      const rolledBack = await a.channel.publishToInstances(change('rolled-back'), save);
      await save.query('ROLLBACK');
      await save.query('BEGIN');
      const committed = await a.channel.publishToInstances(change('committed'), save);
      // Not yet: an instance reading the log now would read the content before the save.
      const visible = await admin.query(`SELECT id FROM ${schema}.publishing_changes WHERE id = $1`, [committed.id]);
      expect(visible.rowCount).toBe(0);
      await save.query('COMMIT');
      await b.waitFor(() => b.received.length === 1, 'the committed change');
      expect(b.received.map((r) => r.change)).toEqual([committed]);
      expect(rolledBack.id).not.toBe(committed.id);
    } finally {
      await save.end();
    }
  });

  it('lets a restarted instance catch up from the last id it saw', async () => {
    const a = open('restart-a');
    const before = open('restart-b');
    await Promise.all([a.channel.start(), before.channel.start()]);
    await a.channel.publishToInstances(change('seen'));
    await before.waitFor(() => before.received.length === 1, 'the change before the restart');
    const lastSeen = before.channel.lastSeenId;
    await before.channel.close();

    const missed = await a.channel.publishToInstances(change('missed-while-down'));
    const after = open('restart-b', { since: lastSeen });
    await after.channel.start();
    await after.waitFor(() => after.received.length === 1, 'the missed change after the restart');
    expect(after.received).toEqual([{ change: missed, how: 'caught-up' }]);
  });
});
