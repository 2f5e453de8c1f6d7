// Bytes a browser never sends, on a bare socket: request-line, header and
// framing abuse that Node's parser or the app must refuse cleanly.
import fc from 'fast-check';
import { VALID_VIEW_JSON } from '../corpus';
import type { Targets } from '../types';
import { request, textOf, walk, type Generator } from './arbitraries';

const host = 'Host: 127.0.0.1\r\n';
const close = 'Connection: close\r\n';
const json = 'Content-Type: application/json\r\n';
const valid = VALID_VIEW_JSON;

/** Walked in order; each an arbitrary for the parts that vary. */
function rawKinds(metricsToken: string): fc.Arbitrary<string>[] {
  const fixed = [
    `GET /en /x HTTP/1.1\r\n${host}${close}\r\n`,
    `GET /en\u0000x HTTP/1.1\r\n${host}${close}\r\n`,
    `GET /en\r\n\r\n`,
    `GET /en HTTP/1.0\r\n\r\n`,
    `GET /en HTTP/9.9\r\n${host}${close}\r\n`,
    `FOO /en HTTP/1.1\r\n${host}${close}\r\n`,
    `GET /en HTTP/1.1\r\n${host}NoColonHeader\r\n${close}\r\n`,
    `GET /en HTTP/1.1\r\n${host}X-Folded: a\r\n  b\r\n${close}\r\n`,
    `GET /en HTTP/1.1\n${host.replace('\r', '')}${close.replace('\r', '')}\n`,
    `GET http://evil.example/en HTTP/1.1\r\n${host}${close}\r\n`,
    `OPTIONS * HTTP/1.1\r\n${host}${close}\r\n`,
    `GET /en HTTP/1.1\r\nHost: evil example\r\n${close}\r\n`,
    `GET /en HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n${close}\r\n`,
    `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}${close}\r\n`,
    `GET /en HTTP/1.1\r\n${host}${Array.from({ length: 2500 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}${close}\r\n`,
    `POST /api/metrics HTTP/1.1\r\n${host}${json}Content-Length: ${valid.length}\r\nTransfer-Encoding: chunked\r\n${close}\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n${host}\r\n`,
    `POST /api/metrics HTTP/1.1\r\n${host}${json}Content-Length: 5\r\nContent-Length: 50\r\n${close}\r\n${valid}`,
    `POST /api/consent HTTP/1.1\r\n${host}${json}Transfer-Encoding: chunked\r\n${close}\r\nzz\r\nxx\r\n0\r\n\r\n`,
    `POST /api/consent HTTP/1.1\r\n${host}${json}Transfer-Encoding: chunked\r\n${close}\r\nffffffff\r\n{"v":1}`,
    `POST /api/consent HTTP/1.1\r\n${host}${json}Content-Length: -1\r\n${close}\r\n`,
    `POST /api/consent HTTP/1.1\r\n${host}${json}Content-Length: 1e3\r\n${close}\r\n{}`,
    `POST /api/metrics HTTP/1.1\r\n${host}${json}Content-Length: 100\r\n${close}\r\n{"path":`,
    `POST /api/metrics HTTP/1.1\r\n${host}${json}Transfer-Encoding: gzip, chunked\r\n${close}\r\n5\r\nhello\r\n0\r\n\r\n`,
    `POST /api/metrics HTTP/1.1\r\n${host}${json}Content-Encoding: gzip\r\nContent-Length: 4\r\n${close}\r\n\u001f\u008b\u0008\u0000`,
    `POST /api/consent HTTP/1.1\r\n${host}${json}Expect: 100-continue\r\nContent-Length: 2\r\n${close}\r\n{}`,
    `GET /en HTTP/1.1\r\n${host}\r\nGARBAGE\r\n\r\n`,
    `GET /api/metrics/summary?from=2000-01-01&to=2999-12-31 HTTP/1.1\r\n${host}Authorization: Bearer ${metricsToken} \u0000x\r\n${close}\r\n`,
    `\r\n\r\n\r\n`,
  ];
  return [...fixed.map((text) => fc.constant(text)), textOf('\u0000\u0001\u00ff\r\n abc', 200, 200).map((junk) => `${junk}\r\n\r\n`)];
}

export const RAW_KINDS = rawKinds('').length;

export const rawProtocol = (targets: Targets): Generator => {
  const kinds = rawKinds(targets.metricsToken);
  return (k) => walk(kinds, k).map((text) => request('raw-protocol', 'RAW', '(raw)', { raw: Buffer.from(text, 'latin1') }));
};

