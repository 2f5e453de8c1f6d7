import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { Locale } from '@/i18n/routing';
import { migrateUnderAdvisoryLock, SCHEMA_NAME } from '@/lib/store/postgres-migrate';
import { logIdleConnectionErrors } from '@/lib/store/store-unavailable';
import { withinSavepoint, type SqlClient } from './payload-transaction';

/** What one instance tells the others about a change it published: enough to run the same layers. */
export type InstanceChange = {
  /** Every tag whose pages differ after the change (`site` for everything). */
  tags: string[];
  /** Language versions now searchable (new or changed). */
  upserted: { locale: Locale; id: string }[];
  /** Language versions taken down. */
  removed: { locale: Locale; id: string }[];
};

export type RecordedChange = InstanceChange & {
  /** Increasing in the order changes were committed: a listener catches up with `id > last seen`. */
  id: number;
  at: Date;
  /** The instance that published it. */
  origin: string;
};

export type ChangeHandler = (change: RecordedChange, how: 'notified' | 'caught-up') => void | Promise<void>;

export type ChannelStatus = 'connecting' | 'listening' | 'disconnected' | 'closed';

export type ChangeChannel = {
  readonly instanceId: string;
  /** `postgres` with `DATABASE_URL`, else `in-process` (one instance: nobody else to tell). */
  readonly kind: 'postgres' | 'in-process';
  /**
   * Records a change and tells every other instance; resolves with the
   * recorded change once committed. With `within` (the CMS's open
   * transaction, PostgreSQL only) the row is written in that transaction and
   * the notification leaves when it commits: no instance can read the log
   * before the change it announces is visible.
   */
  publishToInstances(change: InstanceChange, within?: SqlClient | null): Promise<RecordedChange>;
  /**
   * Calls `handler` for each change another instance published, once, in
   * order, including those missed while disconnected. Returns an unsubscribe.
   */
  onChangeFromOtherInstance(handler: ChangeHandler): () => void;
  /**
   * Migrates, connects and listens (PostgreSQL). Resolves once listening, or
   * once the first connection failed and reconnection took over (`status`);
   * rejects only when the change log cannot be migrated. Safe to call again.
   */
  start(): Promise<void>;
  readonly status: ChannelStatus;
  onStatus(listener: (status: ChannelStatus) => void): () => void;
  /** The id of the last change this instance has seen (its own included). */
  readonly lastSeenId: number;
  close(): Promise<void>;
};

export type ChangeChannelOptions = {
  /** PostgreSQL carries the changes; without it the channel is in-process. */
  connectionString?: string;
  /** Schema of the change log (created if missing); default: the role's search_path. */
  schema?: string;
  instanceId?: string;
  /**
   * Catch up from this id on the first connection; default: the newest
   * change at start (a starting instance reads fresh content anyway).
   */
  since?: number;
  /** Waits before reconnection attempt `attempt` (1, 2, …); default: 100 ms doubling to 5 s. */
  beforeReconnect?: (attempt: number) => Promise<void>;
  /** Changes older than this are deleted when a change is published; default 7 days. */
  retentionDays?: number;
};

const CHANNEL = 'news_changes';
// Arbitrary constants: the change log's migration lock, and the lock that
// makes ids commit in order (see `publishToInstances`).
const MIGRATION_LOCK_KEY = 5_050_010;
const PUBLISH_LOCK_KEY = 5_050_011;

const MIGRATIONS = [
  {
    version: 1,
    description: 'change log carried to every instance by LISTEN/NOTIFY',
    sql: `
      CREATE TABLE publishing_changes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL DEFAULT now(),
        origin TEXT NOT NULL,
        tags TEXT[] NOT NULL,
        upserted JSONB NOT NULL,
        removed JSONB NOT NULL
      );
      CREATE INDEX publishing_changes_at ON publishing_changes (at);
    `,
  },
];

type ChangeRow = { id: string; at: Date; origin: string; tags: string[]; upserted: InstanceChange['upserted']; removed: InstanceChange['removed'] };

const toRecorded = (row: ChangeRow): RecordedChange => ({
  id: Number(row.id),
  at: row.at,
  origin: row.origin,
  tags: row.tags,
  upserted: row.upserted,
  removed: row.removed,
});

const defaultBeforeReconnect = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** (attempt - 1))));

/** Handlers and status listeners, shared by both kinds of channel. */
function subscribers() {
  const handlers = new Set<ChangeHandler>();
  const statusListeners = new Set<(status: ChannelStatus) => void>();
  let status: ChannelStatus = 'connecting';
  let lastSeenId = 0;
  let delivering: Promise<void> = Promise.resolve();
  return {
    handlers,
    get status() {
      return status;
    },
    setStatus(next: ChannelStatus) {
      if (next === status) return;
      status = next;
      for (const listener of statusListeners) listener(next);
    },
    onStatus(listener: (status: ChannelStatus) => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    get lastSeenId() {
      return lastSeenId;
    },
    set lastSeenId(id: number) {
      lastSeenId = Math.max(lastSeenId, id);
    },
    /** Runs deliveries one at a time: a slow handler must not see changes out of order. */
    serially(work: () => Promise<void>): Promise<void> {
      delivering = delivering.then(work).catch((error: unknown) => console.error('[changes] delivery failed:', error));
      return delivering;
    },
    async deliver(change: RecordedChange, how: 'notified' | 'caught-up') {
      for (const handler of handlers) {
        try {
          await handler(change, how);
        } catch (error) {
          // One failing layer must not keep the others (or the next change) from running.
          console.error(`[changes] handler failed for change ${change.id}:`, error);
        }
      }
    },
  };
}

const BUS_KEY = Symbol.for('northern-dispatch.change-bus');
type Bus = { nextId: number; channels: Set<(change: RecordedChange) => void> };
type BusHolder = { [BUS_KEY]?: Bus };

/** One process, no database: changes go to the other channels of this process (tests; a lone instance has none). */
function createInProcessChannel(instanceId: string): ChangeChannel {
  const bus = ((globalThis as BusHolder)[BUS_KEY] ??= { nextId: 0, channels: new Set() });
  const subs = subscribers();
  const receive = (change: RecordedChange) => {
    void subs.serially(async () => {
      subs.lastSeenId = change.id;
      if (change.origin !== instanceId) await subs.deliver(change, 'notified');
    });
  };
  let closed = false;
  return {
    instanceId,
    kind: 'in-process',
    async publishToInstances(change) {
      bus.nextId += 1;
      const recorded: RecordedChange = { ...structuredClone(change), id: bus.nextId, at: new Date(), origin: instanceId };
      for (const channel of bus.channels) channel(recorded);
      return recorded;
    },
    onChangeFromOtherInstance(handler) {
      subs.handlers.add(handler);
      return () => subs.handlers.delete(handler);
    },
    async start() {
      if (closed) throw new Error('change channel closed');
      bus.channels.add(receive);
      subs.lastSeenId = bus.nextId;
      subs.setStatus('listening');
    },
    get status() {
      return subs.status;
    },
    onStatus: subs.onStatus,
    get lastSeenId() {
      return subs.lastSeenId;
    },
    async close() {
      closed = true;
      bus.channels.delete(receive);
      subs.setStatus('closed');
    },
  };
}

/**
 * PostgreSQL carries changes between instances
 * (docs/architecture/0009-postgres-search-and-change-channel.md): each change
 * is a row of `publishing_changes`, and its id is sent with NOTIFY on commit.
 * A notification only says "look": the listener reads every row after the
 * last id it saw, so a missed notification, a dropped connection or a restart
 * all end in the same catch-up query.
 */
function createPostgresChannel(options: ChangeChannelOptions & { connectionString: string; instanceId: string }): ChangeChannel {
  const { connectionString, schema, instanceId, beforeReconnect = defaultBeforeReconnect, retentionDays = 7 } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  const connection = {
    connectionString,
    connectionTimeoutMillis: 5_000,
    // Named, so that an operator (or a test) can find the listening session in pg_stat_activity.
    application_name: `news-changes:${instanceId}`.slice(0, 63),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new Pool({ ...connection, max: 2, statement_timeout: 10_000 });
  logIdleConnectionErrors(pool, 'changes');
  const subs = subscribers();
  let listener: Client | null = null;
  let started: Promise<void> | null = null;
  let closed = false;
  let migrated: Promise<void> | null = null;
  let closing: Promise<void> | null = null;

  function migrate(): Promise<void> {
    migrated ??= (async () => {
      const client = await pool.connect();
      try {
        await migrateUnderAdvisoryLock(client, { lockKey: MIGRATION_LOCK_KEY, versionTable: 'publishing_schema_version', migrations: MIGRATIONS, schema });
      } finally {
        client.release();
      }
    })();
    migrated.catch(() => {
      migrated = null;
    });
    return migrated;
  }

  /** Reads and delivers every change after the last one seen. */
  function catchUp(how: 'notified' | 'caught-up'): Promise<void> {
    return subs.serially(async () => {
      const client = listener;
      if (!client) return;
      const { rows } = await client.query<ChangeRow>('SELECT * FROM publishing_changes WHERE id > $1 ORDER BY id', [subs.lastSeenId]);
      for (const row of rows) {
        const change = toRecorded(row);
        subs.lastSeenId = change.id;
        if (change.origin !== instanceId) await subs.deliver(change, how);
      }
    });
  }

  async function connect(): Promise<void> {
    const client = new Client(connection);
    const dropped = () => {
      if (listener !== client) return;
      listener = null;
      if (closed) return;
      subs.setStatus('disconnected');
      void reconnect();
    };
    // A terminated backend emits 'error' then 'end'; either one starts a single reconnection.
    client.on('error', (error) => {
      console.error(`[changes] listening connection lost: ${error.message}`);
      dropped();
    });
    client.on('end', dropped);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) void catchUp('notified');
    });
    await client.connect();
    if (closed) {
      await client.end();
      return;
    }
    try {
      // LISTEN before reading the log: a change committed in between is then both notified and read, never neither.
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    listener = client;
    subs.setStatus('listening');
    await catchUp('caught-up');
  }

  let reconnecting = false;
  async function reconnect(): Promise<void> {
    // One loop at a time: a dropped connection reports itself twice ('error', then 'end').
    if (reconnecting) return;
    reconnecting = true;
    try {
      await reconnectLoop();
    } finally {
      reconnecting = false;
    }
  }

  async function reconnectLoop(): Promise<void> {
    for (let attempt = 1; !closed; attempt++) {
      await beforeReconnect(attempt);
      if (closed) return;
      try {
        subs.setStatus('connecting');
        await connect();
        return;
      } catch (error) {
        console.error(`[changes] reconnection ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`);
        subs.setStatus('disconnected');
      }
    }
  }

  return {
    instanceId,
    kind: 'postgres',
    async publishToInstances(change, within) {
      await migrate();
      // Ids are drawn in the order of this lock and commit before it is released, so they commit in order:
      // a listener that has seen id n can never later find a smaller one committed.
      const record = async (client: SqlClient) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK_KEY]);
        const { rows } = await client.query<ChangeRow>(
          'INSERT INTO publishing_changes (origin, tags, upserted, removed) VALUES ($1, $2, $3, $4) RETURNING *',
          [instanceId, change.tags, JSON.stringify(change.upserted), JSON.stringify(change.removed)],
        );
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, rows[0]!.id]);
        await client.query(`DELETE FROM publishing_changes WHERE at < now() - make_interval(days => $1)`, [retentionDays]);
        return toRecorded(rows[0]!);
      };
      if (within) return withinSavepoint(within, 'news_change', () => record(within));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const recorded = await record(client);
        await client.query('COMMIT');
        return recorded;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    onChangeFromOtherInstance(handler) {
      subs.handlers.add(handler);
      return () => subs.handlers.delete(handler);
    },
    start() {
      started ??= (async () => {
        await migrate();
        if (options.since !== undefined) subs.lastSeenId = options.since;
        else {
          const { rows } = await pool.query<{ id: string }>('SELECT COALESCE(MAX(id), 0) AS id FROM publishing_changes');
          subs.lastSeenId = Number(rows[0]?.id ?? 0);
        }
        try {
          await connect();
        } catch (error) {
          // The database may be restarting: the reconnection loop takes over (see `status`).
          console.error(`[changes] first connection failed: ${error instanceof Error ? error.message : String(error)}`);
          subs.setStatus('disconnected');
          void reconnect();
        }
      })();
      started.catch(() => {
        started = null;
      });
      return started;
    },
    get status() {
      return subs.status;
    },
    onStatus: subs.onStatus,
    get lastSeenId() {
      return subs.lastSeenId;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        const client = listener;
        listener = null;
        subs.setStatus('closed');
        await client?.end().catch(() => undefined);
        await pool.end();
      })();
      return closing;
    },
  };
}

/** A channel to the other instances: PostgreSQL when a connection string is given, in-process otherwise. */
export function createChangeChannel(options: ChangeChannelOptions = {}): ChangeChannel {
  const instanceId = options.instanceId ?? randomUUID();
  const connectionString = options.connectionString?.trim();
  return connectionString ? createPostgresChannel({ ...options, connectionString, instanceId }) : createInProcessChannel(instanceId);
}

const CHANNEL_KEY = Symbol.for('northern-dispatch.change-channel');
type ChannelHolder = { [CHANNEL_KEY]?: ChangeChannel };

/** This process's channel, from `DATABASE_URL` (on globalThis: Next evaluates modules once per route bundle). */
export function changeChannel(env: NodeJS.ProcessEnv = process.env): ChangeChannel {
  const holder = globalThis as ChannelHolder;
  return (holder[CHANNEL_KEY] ??= createChangeChannel({ connectionString: env.DATABASE_URL }));
}

/** Tells every other instance about a change published here (in the CMS's transaction when given). */
export function publishToInstances(change: InstanceChange, within?: SqlClient | null): Promise<RecordedChange> {
  return changeChannel().publishToInstances(change, within);
}

/** Runs `handler` for every change published by another instance; starts listening on first use. */
export function onChangeFromOtherInstance(handler: ChangeHandler): () => void {
  const channel = changeChannel();
  const unsubscribe = channel.onChangeFromOtherInstance(handler);
  channel.start().catch((error: unknown) => console.error('[changes] not listening:', error));
  return unsubscribe;
}
