import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { mediaDir } from '@/lib/content/media-file';
import { jsonError } from '@/lib/api/json-responses';

/**
 * Checks made before a request reaches Payload's REST API, for the requests
 * it would otherwise answer with a 500 or read whole into memory: a body
 * larger than any editor sends, or a multipart body that is not one
 * (Payload's parser throws). The admin itself sends every save as multipart
 * (its JSON in a `_payload` field), so multipart is allowed everywhere; only
 * upload collections may send files of any size.
 */
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const UPLOAD_COLLECTIONS = ['media'];

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>;

function isUploadPath(pathname: string): boolean {
  const [, collection] = /^\/cms\/api\/([^/]+)/.exec(pathname) ?? [];
  return collection !== undefined && UPLOAD_COLLECTIONS.includes(collection);
}

/**
 * Payload's own bookkeeping (migrations, jobs, preferences, locks) has no
 * business over HTTP; for some of them Payload answers a stray POST with 501.
 */
function isInternalCollection(pathname: string): boolean {
  return /^\/cms\/api\/payload-/.test(pathname);
}

/**
 * Payload answers an editor's request for an upload whose file is not on
 * disk with a 500 ("missing on the disk"): a name that is not there is a 404.
 * Checked after Payload, so its access rule still answers first.
 */
async function isMissingUpload(request: Request, status: number): Promise<boolean> {
  if (status !== 500 || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const [, collection, encoded] = /^\/cms\/api\/([^/]+)\/file\/([^/]+)$/.exec(new URL(request.url).pathname) ?? [];
  if (collection === undefined || encoded === undefined || !UPLOAD_COLLECTIONS.includes(collection)) return false;
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return true;
  }
  const dir = mediaDir();
  const file = resolve(dir, name);
  if (!file.startsWith(dir + sep)) return true;
  return stat(file).then(
    (s) => !s.isFile(),
    () => true,
  );
}

/** Null when the request may go on; otherwise the answer. */
export async function refuseMalformedCmsRequest(request: Request): Promise<Response | null> {
  if (isInternalCollection(new URL(request.url).pathname)) return jsonError(404, 'No such collection');
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  const limit = multipart && isUploadPath(new URL(request.url).pathname) ? MAX_UPLOAD_BYTES : MAX_JSON_BODY_BYTES;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return jsonError(413, `The body is larger than ${limit} bytes`);
  if (!multipart) return null;
  if (!/;\s*boundary=[^;\s]/.test(type)) return jsonError(400, 'A multipart body needs a boundary');
  try {
    // Parsed once here to tell a broken body from a server fault; Payload reads its own copy.
    await request.clone().formData();
    return null;
  } catch {
    return jsonError(400, 'The multipart body is malformed');
  }
}

/**
 * Payload's route handler behind the guards. A 501 from Payload means "no
 * such route for this method": a 405 says so without claiming a server fault.
 */
export function guarded(handler: Handler): Handler {
  return async (request, context) => {
    const refused = await refuseMalformedCmsRequest(request);
    if (refused) return refused;
    const response = await handler(request, context);
    if (response.status === 501) return jsonError(405, `Method ${request.method} is not allowed here`);
    if (await isMissingUpload(request, response.status)) return jsonError(404, 'No such file');
    return response;
  };
}
