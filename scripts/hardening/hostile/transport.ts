// Sending the hostile requests to 127.0.0.1 and reading the answers, with
// bounds: a per-request timeout and a maximum response size.
import http from 'node:http';
import net from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { HOST } from '../../support/processes';
import type { HostileRequest, Outcome } from './types';

export type Bounds = { timeoutMs: number; maxResponseBytes: number };

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

/** Node's client refuses characters outside 0x21-0xff in a path: send non-Latin-1 text as raw UTF-8 bytes. */
export function wirePath(path: string): string {
  if (/^[\u0021-\u00ff]*$/.test(path)) return path;
  let out = '';
  for (const ch of path) {
    const code = ch.codePointAt(0) ?? 0;
    if (code > 0x20 && code <= 0xff) out += ch;
    else if (code <= 0x20) out += `%${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else out += Buffer.from(ch, 'utf8').toString('latin1');
  }
  return out;
}

/** Header values outside Latin-1 go out as their UTF-8 bytes. */
function wireHeaders(r: HostileRequest): Record<string, string | string[]> {
  const one = (v: string) => (/^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(v) ? v : Buffer.from(v, 'utf8').toString('latin1'));
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k] = Array.isArray(v) ? v.map(one) : one(v);
  if (r.body && !r.chunked) headers['Content-Length'] = String(r.body.length);
  return headers;
}

/** The body an answer carries, decompressed when it says it is compressed (left as is when that fails). */
export function decodedBody(o: Outcome): Buffer {
  const encoding = String(o.headers['content-encoding'] ?? '').toLowerCase();
  try {
    if (encoding === 'br') return brotliDecompressSync(o.body);
    if (encoding === 'gzip') return gunzipSync(o.body);
    if (encoding === 'deflate') return inflateSync(o.body);
  } catch {
    return o.body;
  }
  return o.body;
}

/** What each keep-alive connection carried last (to explain a stuck connection). */
const lastRequestOnSocket = new WeakMap<net.Socket, string>();

function describeSent(r: HostileRequest): string {
  return `${r.method} ${truncate(r.path, 100)}${r.body ? ` body ${r.body.length} B${r.chunked ? ' chunked' : ''}` : ''} ${JSON.stringify(r.headers).slice(0, 200)}`;
}

function writeBody(req: http.ClientRequest, r: HostileRequest) {
  if (!r.body) return req.end();
  if (!r.chunked) return req.end(r.body);
  for (let i = 0; i < r.body.length; i += 8192) req.write(r.body.subarray(i, i + 8192));
  req.end();
}

function readAnswer(res: http.IncomingMessage, bounds: Bounds, started: number, finish: (o: Outcome) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  const outcome = (error?: string): Outcome => ({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error, ms: performance.now() - started });
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= bounds.maxResponseBytes) chunks.push(chunk);
    else res.destroy(new Error(`response larger than ${bounds.maxResponseBytes} bytes`));
  });
  res.on('end', () => finish(outcome()));
  res.on('error', (error) => finish(outcome(error.message)));
}

/** One request over the shared keep-alive agent; never rejects (status -1: not sent, 0: no answer). */
export function send(agent: http.Agent, port: number, r: HostileRequest, bounds: Bounds): Promise<Outcome> {
  if (r.raw) return sendRaw(port, r.raw);
  const started = performance.now();
  return new Promise((done) => {
    const headers = wireHeaders(r);
    const hasHost = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
    let req: http.ClientRequest;
    try {
      req = http.request({ host: HOST, port, method: r.method, path: wirePath(r.path), headers, agent, setHost: !hasHost });
    } catch (error) {
      return done({ status: -1, headers: {}, body: Buffer.alloc(0), error: `client refused to send: ${error instanceof Error ? error.message : error}`, ms: 0 });
    }
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(o);
    };
    let previousOnSocket: string | undefined;
    req.on('socket', (socket) => {
      previousOnSocket = lastRequestOnSocket.get(socket);
      lastRequestOnSocket.set(socket, describeSent(r));
    });
    const timer = setTimeout(() => {
      const previous = previousOnSocket ? `; previous request on this keep-alive connection: ${previousOnSocket}` : '';
      req.destroy(new Error(`no complete answer within ${bounds.timeoutMs} ms${previous}`));
    }, bounds.timeoutMs);
    req.on('response', (res) => readAnswer(res, bounds, started, finish));
    req.on('error', (error) =>
      finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: `${error.message}${req.reusedSocket ? ' (on a reused keep-alive connection)' : ''}`, ms: performance.now() - started }),
    );
    writeBody(req, r);
  });
}

/** The status line, headers and body of whatever came back on a bare socket. */
function parseRawAnswer(data: Buffer, error: string | undefined, ms: number): Outcome {
  const text = data.toString('latin1');
  const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const headerEnd = text.indexOf('\r\n\r\n');
  const headers: http.IncomingHttpHeaders = {};
  if (headerEnd > 0) {
    for (const line of text.slice(0, headerEnd).split('\r\n').slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  return {
    status: statusMatch ? Number(statusMatch[1]) : 0,
    headers,
    body: headerEnd > 0 ? data.subarray(headerEnd + 4) : data,
    error: statusMatch ? undefined : (error ?? 'connection closed without an HTTP answer'),
    ms,
  };
}

/** Bytes on a bare TCP socket; the first answer is read until the server closes or goes quiet. */
export function sendRaw(port: number, bytes: Buffer): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect(port, HOST);
    const finish = (error: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      done(parseRawAnswer(Buffer.concat(chunks), error, performance.now() - started));
    };
    // Raw requests may leave the connection open (keep-alive): 300 ms after the
    // last byte (or 5 s without any) is enough to have the first answer.
    let timer = setTimeout(() => finish('no answer within 5 s'), 5000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => finish(undefined), 300);
    });
    socket.on('end', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    socket.on('error', (error) => finish(error.message));
    socket.write(bytes);
  });
}

/** GET with a timeout; the body parsed as JSON (null when it is not). Never rejects. */
export function getJson(origin: string, path: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((done) => {
    const req = http.get(`${origin}${path}`, { headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // left null
        }
        done({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ status: 0, json: null }));
  });
}
