import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Several parts of the server change an answer's headers just before they go
 * out, by replacing `res.writeHead`. Next passes some headers to `writeHead`
 * itself instead of setting them first, so a replacement that only looks at
 * `res.getHeaders()` misses them. These helpers put every header on `res`
 * first, as Node would merge them.
 */

/** The arguments of `writeHead(status, [message], [headers])`. */
export type WriteHeadArgs = [statusCode?: unknown, ...rest: unknown[]];

type WriteHead = (this: ServerResponse, statusCode: number, statusMessage?: string) => ServerResponse;

/**
 * Applies the status, message and headers given to `writeHead` to `res`
 * (object form: set; array forms: appended, like Node) and returns the
 * message, if any.
 */
export function mergeWriteHeadArgs(res: ServerResponse, args: WriteHeadArgs): string | undefined {
  const [statusCode, ...rest] = args;
  if (typeof statusCode === 'number') res.statusCode = statusCode;
  let message: string | undefined;
  for (const arg of rest) {
    if (typeof arg === 'string') message = arg;
    else if (Array.isArray(arg)) appendHeaderList(res, arg as OutgoingHttpHeader[] | OutgoingHttpHeader[][]);
    else if (arg && typeof arg === 'object') {
      for (const [name, value] of Object.entries(arg as OutgoingHttpHeaders)) if (value !== undefined) res.setHeader(name, value);
    }
  }
  return message;
}

function appendHeaderList(res: ServerResponse, list: OutgoingHttpHeader[] | OutgoingHttpHeader[][]): void {
  if (list.length > 0 && Array.isArray(list[0])) {
    for (const pair of list as OutgoingHttpHeader[][]) {
      const [name, value] = pair;
      if (name !== undefined && value !== undefined) res.appendHeader(String(name), typeof value === 'number' ? String(value) : value);
    }
    return;
  }
  const flat = list as OutgoingHttpHeader[];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const value = flat[i + 1];
    if (value !== undefined) res.appendHeader(String(flat[i]), typeof value === 'number' ? String(value) : value);
  }
}

/**
 * Runs `before` when the answer's headers are about to go out, with all of
 * them on `res`, so it can read, change or remove any. Hooks run in the
 * reverse order of their installation: the first one installed runs last.
 */
export function beforeHeadersGoOut(res: ServerResponse, before: () => void): void {
  const original = res.writeHead as WriteHead;
  const writeHead = (...args: WriteHeadArgs): ServerResponse => {
    const message = mergeWriteHeadArgs(res, args);
    before();
    return message === undefined ? original.call(res, res.statusCode) : original.call(res, res.statusCode, message);
  };
  res.writeHead = writeHead as ServerResponse['writeHead'];
}

/** The bytes of a chunk given to `write` or `end` (a string in the encoding that follows it, or bytes). */
export function chunkBytes(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.alloc(0);
}
