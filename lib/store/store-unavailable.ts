/**
 * Which store failures are an outage the client can wait out (the database
 * restarting, unreachable, refusing connections for a moment) rather than a
 * fault of ours. Both answer 503: the request was fine, the store was not.
 * An outage says "retry in a few seconds" and is logged once in a while; any
 * other failure is logged every time, in full, because someone must fix it.
 */

/** Seconds a client should wait after an outage answer: a PostgreSQL restart takes one to a few. */
export const OUTAGE_RETRY_AFTER_SECONDS = 3;
/** Seconds to wait after any other failure (a full disk, a broken schema): not over in a moment. */
export const FAILURE_RETRY_AFTER_SECONDS = 30;

// Socket-level errors: the database cannot be reached, or the connection to it broke.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

// PostgreSQL SQLSTATEs (appendix A of its manual) that mean "not now" rather than "never".
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping or restarting (`pg_ctl stop -m fast`)
  '57P02', // crash_shutdown: another backend crashed, the server is resetting
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout ran out
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

// node-postgres reports a broken or timed-out connection with a message and no code.
const NODE_POSTGRES_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // the pool's connectionTimeoutMillis
  /is not queryable$/, // a client whose connection already failed
  /^Query read timeout$/,
];

// SQLite: another connection holds the lock longer than busy_timeout.
const SQLITE_TRANSIENT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

function field(error: unknown, name: 'code' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null || !(name in error)) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** True when the store failed because the database is (for now) out of reach, not because of the request or our code. */
export function isStoreUnavailable(error: unknown): boolean {
  const code = field(error, 'code');
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || SQLITE_TRANSIENT_CODES.has(code)) return true;
    // Class 08: connection exception (connection lost, refused, protocol violation while connecting).
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const message = field(error, 'message');
  if (message !== undefined && NODE_POSTGRES_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // pg-pool and AggregateError (several addresses refused) wrap the cause.
  if (error instanceof AggregateError) return error.errors.length > 0 && error.errors.every(isStoreUnavailable);
  if (error instanceof Error && error.cause !== undefined && error.cause !== error) return isStoreUnavailable(error.cause);
  return false;
}

/** A short label for logs: the code when there is one, else the message; never a stack or a query. */
export function describeStoreError(error: unknown): string {
  const code = field(error, 'code');
  const message = field(error, 'message') ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

export type OutageLog = {
  /** Logs the first outage failure at once, then one summary line per interval while it lasts. */
  failed(operation: string, error: unknown): void;
};

/**
 * During an outage every request fails the same way: hundreds of identical
 * lines a second would bury the one that says when it started. One line at
 * the start, then at most one per `intervalMs` with the count since.
 */
export function createOutageLog({ intervalMs = 5_000, now = () => Date.now(), log = (line) => console.error(line) }: { intervalMs?: number; now?: () => number; log?: (line: string) => void } = {}): OutageLog {
  let lastLoggedAt = -Infinity;
  let suppressed = 0;
  return {
    failed(operation, error) {
      const at = now();
      if (at - lastLoggedAt < intervalMs) {
        suppressed += 1;
        return;
      }
      const more = suppressed > 0 ? ` (${suppressed} more store requests failed the same way since the last line)` : '';
      log(`[store] database unavailable while ${operation}: ${describeStoreError(error)}${more}`);
      lastLoggedAt = at;
      suppressed = 0;
    },
  };
}

/** What of a node-postgres pool this needs (Payload's adapter brings its own copy of the types). */
type PoolEvents = {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: { on(event: 'error', listener: (error: Error) => void): unknown }) => void): unknown;
};

/**
 * Logs the failures of a pool's idle connections. node-postgres emits them on
 * the pool, and an EventEmitter without an 'error' listener throws: a database
 * restart would become an uncaught exception in the server. The next query
 * opens a new connection by itself.
 *
 * A connection checked out of the pool (between the queries of a transaction,
 * a lock held, a LISTEN) emits its failure on the client instead, where no
 * listener waits while it is out: the fault suite caught one as an uncaught
 * exception during a restart. So every client gets a listener of its own as
 * it connects; it only keeps the process alive, because the caller's next
 * query on that client fails and is reported where it is handled, and an
 * idle client's failure is already logged through the pool.
 */
export function logIdleConnectionErrors(pool: PoolEvents, label: string): void {
  pool.on('error', (error) => console.error(`[${label}] idle PostgreSQL connection failed: ${describeStoreError(error)}`));
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
}

const fallbackLog = createOutageLog();

/**
 * Runs `work`; when the database is out of reach, answers with `fallback`
 * instead (logged like any outage). For what a reader page needs from
 * PostgreSQL (search), so the page degrades rather than failing. Any other
 * error is thrown as it was: a bug must not hide behind a fallback.
 */
export async function orWhenUnavailable<T>(work: () => Promise<T>, fallback: () => Promise<T>, operation: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    fallbackLog.failed(operation, error);
    return fallback();
  }
}
