import { jsonError } from './json-responses';

/** The endpoints' bodies are a few hundred bytes; anything larger is refused unread. */
export const MAX_BODY_BYTES = 2048;

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

export interface BodyRules {
  /** Media types accepted, lower case, without parameters. */
  contentTypes: readonly string[];
  maxBytes?: number;
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function tooLarge(maxBytes: number): Response {
  return jsonError(413, `The body is larger than ${maxBytes} bytes`);
}

/**
 * Reads at most `maxBytes` of the body, then stops: the Content-Length header
 * is checked first, but a chunked body has none and a client may lie, so the
 * bytes actually read are counted too.
 */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Content type, size and JSON syntax, in that order; each failure is the
 * matching status with a JSON error. Schema validation is the caller's.
 */
export async function readJsonBody(request: Request, rules: BodyRules): Promise<BodyResult> {
  const maxBytes = rules.maxBytes ?? MAX_BODY_BYTES;
  const type = mediaType(request.headers.get('content-type'));
  if (!rules.contentTypes.includes(type)) {
    return {
      ok: false,
      response: jsonError(415, `Content-Type must be ${rules.contentTypes.join(' or ')}`),
    };
  }
  const declaredLength = request.headers.get('content-length');
  if (declaredLength !== null && Number(declaredLength) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };

  let bytes: Uint8Array | null;
  try {
    bytes = await readCapped(request, maxBytes);
  } catch {
    // The client went away or sent a broken stream: nothing to store.
    return { ok: false, response: jsonError(400, 'The body could not be read') };
  }
  if (bytes === null) return { ok: false, response: tooLarge(maxBytes) };
  if (bytes.byteLength === 0) return { ok: false, response: jsonError(400, 'The body is empty; send a JSON object') };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: jsonError(400, 'The body is not valid UTF-8') };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, 'The body is not valid JSON') };
  }
}
