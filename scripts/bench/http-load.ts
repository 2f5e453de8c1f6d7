// One raw HTTP request (bytes as sent, never decompressed) and one bounded
// autocannon measurement.
import http from 'node:http';
import { runLoad } from '../support/autocannon';

export interface RawResponse {
  status: number;
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
  otherCores?: number | null;
}

/** GET url and return the body exactly as it travelled (still compressed). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: GET ${url}`)));
    req.on('error', reject);
  });
}

/**
 * Whether the server ends the connection after answering a keep-alive GET
 * (`Connection: close`): then every request pays a new TCP connection.
 */
export async function closesConnection(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const header = await new Promise<string>((resolve, reject) => {
      const req = http.get(url, { headers, agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers.connection ?? '')));
      });
      req.on('timeout', () => req.destroy(new Error(`timeout: GET ${url}`)));
      req.on('error', reject);
    });
    return /\bclose\b/i.test(header);
  } finally {
    agent.destroy();
  }
}

/**
 * Requests per second and latency of GET url under `connections` concurrent
 * keep-alive connections for `seconds`.
 */
export async function measureLoad(
  url: string,
  { connections, seconds, headers }: { connections: number; seconds: number; headers: Record<string, string> },
): Promise<LoadResult> {
  const result = await runLoad({ url, connections, duration: seconds, headers, timeout: 10 });
  return {
    rps: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
  };
}
