import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { chunkBytes, mergeWriteHeadArgs, type WriteHeadArgs } from './response-hooks';

/**
 * Reader pages allow their inline scripts by hash, not by 'unsafe-inline'
 * (decision record 0008). Every inline script of a page is known once its
 * bytes exist: our head scripts (consent, theme) and the framework's inline
 * data scripts (`self.__next_f.push`). So the server holds each HTML answer
 * until it is complete, hashes exactly the inline scripts it carries, and adds
 * those `'sha256-…'` sources to the page's own `script-src` before the
 * headers go out. The page cache stores the result with the page, so a
 * prerendered page is hashed once; a 404 or a dynamic answer is hashed on the
 * fly. Nothing is kept by hand: a changed head script changes its hash.
 */

/**
 * A `<script>` element's start tag, its raw text and its end tag. Script
 * content is raw text in HTML: it ends at the first `</script`, whatever
 * precedes it (React and Next escape `</script` inside their data).
 */
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Types a browser executes as script (HTML's "JavaScript MIME type essence
 * match", plus `module`). Any other type (application/ld+json,
 * application/json) is a data block: never executed, so CSP never checks it
 * and it needs no hash.
 */
const EXECUTABLE_TYPES = new Set([
  '',
  'module',
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

function attributesOf(startTag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of startTag.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name && !attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/**
 * The raw texts of the inline scripts a browser would execute, in document
 * order: neither `src` scripts (allowed by origin) nor data blocks.
 */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const attributes = attributesOf(match[1] ?? '');
    if (attributes.has('src')) continue;
    const type = (attributes.get('type') ?? '').trim().toLowerCase();
    if (!EXECUTABLE_TYPES.has(type)) continue;
    scripts.push(match[2] ?? '');
  }
  return scripts;
}

/**
 * The CSP hash source of one script: SHA-256 over the UTF-8 bytes of its
 * text as the parser sees it (HTML turns CRLF and CR into LF before a script
 * exists).
 */
export function scriptHashSource(script: string): string {
  const text = script.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Distinct hash sources of a page's inline scripts, in document order.
 */
export function inlineScriptHashes(html: string): string[] {
  return [...new Set(inlineScripts(html).map(scriptHashSource))];
}

/**
 * The policy with these sources added to `script-src` (after its own), and
 * `'unsafe-inline'` dropped from it whatever it said.
 */
export function withScriptHashes(policy: string, hashes: readonly string[]): string {
  return policy
    .split(';')
    .map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name?.toLowerCase() !== 'script-src') return directive.trim();
      return [name, ...sources.filter((source) => source.toLowerCase() !== "'unsafe-inline'"), ...hashes].join(' ');
    })
    .filter(Boolean)
    .join('; ');
}

/**
 * Whether the policy is one this module completes: reader policies do not
 * allow inline scripts themselves. The admin's own policy does (record 0008),
 * and is left as it is.
 */
function completesPolicy(policy: string): boolean {
  const scriptSrc = policy.split(';').find((d) => d.trim().toLowerCase().startsWith('script-src '));
  return scriptSrc !== undefined && !/'unsafe-inline'/i.test(scriptSrc);
}

/** `encoding`: the value of Content-Encoding. */
function decoded(body: Buffer, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'br':
      return brotliDecompressSync(body);
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    default:
      return body;
  }
}

/** The inverse of `decoded`, at the levels of an answer made on the request path. */
function encoded(body: Buffer, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'br':
      return brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
    case 'gzip':
      return gzipSync(body, { level: 6 });
    case 'deflate':
      return deflateSync(body, { level: 6 });
    default:
      return body;
  }
}

/** Rewrites a finished reader page before its scripts are hashed (deferred-hydration.ts). */
export type PageTransform = (html: string) => string;

/**
 * Holds an HTML answer on `res` until it ends, then sets its
 * `Content-Security-Policy` with the hashes of its inline scripts and sends
 * it. Call before anything else patches `res` (the page cache wraps this one
 * and stores the headers it leaves). Answers without a body (HEAD, 304) get
 * the policy without hashes: there is nothing in them to allow.
 */
export function hashInlineScripts(req: IncomingMessage, res: ServerResponse, transform?: PageTransform): void {
  const chunks: Buffer[] = [];
  let holding = false;
  const originalWriteHead = res.writeHead.bind(res) as (...args: WriteHeadArgs) => ServerResponse;
  const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;

  res.writeHead = ((...args: WriteHeadArgs) => {
    const policy = String(res.getHeader('content-security-policy') ?? '');
    const html = /^text\/html\b/i.test(String(res.getHeader('content-type') ?? ''));
    if (!html || !policy || !completesPolicy(policy)) return originalWriteHead(...args);
    // writeHead(status, [message], [headers]) merges its headers into the response's.
    mergeWriteHeadArgs(res, args);
    const bodiless = req.method === 'HEAD' || res.statusCode === 304 || res.statusCode === 204;
    if (bodiless) {
      res.setHeader('Content-Security-Policy', withScriptHashes(policy, []));
      return originalWriteHead(res.statusCode);
    }
    holding = true;
    return res;
  }) as ServerResponse['writeHead'];

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!res.headersSent && !holding) res.writeHead(res.statusCode);
    if (!holding) return originalWrite(chunk, ...rest);
    if (chunk) chunks.push(chunkBytes(chunk, rest[0]));
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  }) as ServerResponse['write'];

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!res.headersSent && !holding) res.writeHead(res.statusCode);
    if (!holding) return originalEnd(chunk, ...rest);
    if (chunk && typeof chunk !== 'function') chunks.push(chunkBytes(chunk, rest[0]));
    holding = false;
    let body: Buffer = Buffer.concat(chunks);
    const policy = String(res.getHeader('content-security-policy') ?? '');
    const encoding = String(res.getHeader('content-encoding') ?? '');
    let hashes: string[] = [];
    try {
      let html = decoded(body, encoding).toString('utf8');
      if (transform) {
        const changed = transform(html);
        if (changed !== html) body = encoded(Buffer.from(changed, 'utf8'), encoding);
        html = changed;
      }
      hashes = inlineScriptHashes(html);
    } catch (error) {
      // Fail closed: a page whose scripts could not be read gets none allowed.
      console.error('[script-hash-policy] could not read the page to hash its scripts:', error instanceof Error ? error.message : error);
    }
    res.setHeader('Content-Security-Policy', withScriptHashes(policy, hashes));
    if (res.getHeader('content-length') !== undefined) res.setHeader('Content-Length', body.length);
    originalWriteHead(res.statusCode);
    const callback = [chunk, ...rest].find((arg) => typeof arg === 'function');
    return originalEnd(body, callback);
  }) as ServerResponse['end'];
}

/**
 * Next's request handler, with every HTML answer's policy completed by its
 * scripts' hashes. The page cache wraps this: it stores the completed
 * headers with the page, and serves them without hashing again.
 */
export function withInlineScriptHashes<T>(
  handle: (req: IncomingMessage, res: ServerResponse) => T,
  transform?: PageTransform,
): (req: IncomingMessage, res: ServerResponse) => T {
  return (req, res) => {
    hashInlineScripts(req, res, transform);
    return handle(req, res);
  };
}
