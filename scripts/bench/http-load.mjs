// @ts-check
// One raw HTTP request (bytes as sent, never decompressed) and one bounded
// autocannon measurement.
import http from 'node:http';
import autocannon from 'autocannon';

/**
 * @typedef {{ status: number, rawHeaders: string[], headers: import('node:http').IncomingHttpHeaders, body: Buffer }} RawResponse
 * @typedef {{ rps: number, p50: number, p99: number, mean: number, requests: number, errors: number, timeouts: number, non2xx: number, seconds: number, otherCores?: number | null }} LoadResult
 */

/**
 * GET url and return the body exactly as it travelled (still compressed).
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @returns {Promise<RawResponse>}
 */
export function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, timeout: 30_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
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
 * @param {string} url
 * @param {Record<string, string>} [headers]
 */
export async function closesConnection(url, headers = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const header = await new Promise((resolve, reject) => {
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
 * @param {string} url
 * @param {{ connections: number, seconds: number, headers: Record<string, string> }} options
 * @returns {Promise<LoadResult>}
 */
export async function measureLoad(url, { connections, seconds, headers }) {
  const result = await autocannon({ url, connections, duration: seconds, headers, timeout: 10 });
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

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[middle]) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
