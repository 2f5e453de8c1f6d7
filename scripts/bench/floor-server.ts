// The physical floor: the bytes and headers another server answered, replayed
// from memory by the smallest Node HTTP server that can send them. Run as its
// own process so it gets a core of its own, like the servers it is compared to.
//
// Usage: npx tsx floor-server.ts <fixtures.json> <port>
// fixtures.json: [{ "path": "/en?x=1", "status": 200, "rawHeaders": ["name", "value", ...], "bodyBase64": "..." }]
import { readFileSync } from 'node:fs';
import http from 'node:http';

/** Headers that describe one connection or transfer, not the response. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

const [fixturesPath, portArg] = process.argv.slice(2);
if (!fixturesPath || !portArg) {
  console.error('usage: npx tsx floor-server.ts <fixtures.json> <port>');
  process.exit(2);
}

/** One answer of another server, as run-bench.ts recorded it. */
export interface FloorFixture {
  path: string;
  status: number;
  rawHeaders: string[];
  bodyBase64: string;
}

const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as FloorFixture[];
const responses = new Map<string, { status: number; headers: string[]; body: Buffer }>();
for (const fixture of fixtures) {
  const body = Buffer.from(fixture.bodyBase64, 'base64');
  const headers: string[] = [];
  for (let i = 0; i < fixture.rawHeaders.length; i += 2) {
    const name = fixture.rawHeaders[i] ?? '';
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, fixture.rawHeaders[i + 1] ?? '');
  }
  headers.push('Content-Length', String(body.length));
  responses.set(fixture.path, { status: fixture.status, headers, body });
}

const server = http.createServer((req, res) => {
  const response = responses.get(req.url ?? '');
  if (!response) {
    res.statusCode = 404;
    res.end();
    return;
  }
  res.writeHead(response.status, response.headers);
  res.end(response.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg), '127.0.0.1', () => console.log(`floor ready on 127.0.0.1:${portArg}`));
process.on('SIGTERM', () => process.exit(0));
