import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves `handler` on a free port of 127.0.0.1 for the length of `run`, then
 * closes it (kept-alive connections too, so a test never waits on one).
 * `configure` adds listeners before the server listens (e.g. `clientError`).
 */
export async function withServer(
  handler: Handler,
  run: (base: string, port: number) => Promise<void>,
  configure: (server: http.Server) => void = () => {},
): Promise<void> {
  const server = http.createServer(handler);
  configure(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}`, port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
