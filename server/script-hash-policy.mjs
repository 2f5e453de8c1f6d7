// @ts-check
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

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

/** @param {string} startTag */
function attributesOf(startTag) {
  /** @type {Map<string, string>} */
  const attributes = new Map();
  for (const match of startTag.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name && !attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/**
 * The raw texts of the inline scripts a browser would execute, in document
 * order: neither `src` scripts (allowed by origin) nor data blocks.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScripts(html) {
  /** @type {string[]} */
  const scripts = [];
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
 * @param {string} script
 */
export function scriptHashSource(script) {
  const text = script.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Distinct hash sources of a page's inline scripts, in document order.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  return [...new Set(inlineScripts(html).map(scriptHashSource))];
}

/**
 * The policy with these sources added to `script-src` (after its own), and
 * `'unsafe-inline'` dropped from it whatever it said.
 * @param {string} policy
 * @param {readonly string[]} hashes
 */
export function withScriptHashes(policy, hashes) {
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
 * @param {string} policy
 */
function completesPolicy(policy) {
  const scriptSrc = policy.split(';').find((d) => d.trim().toLowerCase().startsWith('script-src '));
  return scriptSrc !== undefined && !/'unsafe-inline'/i.test(scriptSrc);
}

/**
 * @param {Buffer} body
 * @param {string} encoding value of Content-Encoding
 */
function decoded(body, encoding) {
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

/**
 * Holds an HTML answer on `res` until it ends, then sets its
 * `Content-Security-Policy` with the hashes of its inline scripts and sends
 * it. Call before anything else patches `res` (the page cache wraps this one
 * and stores the headers it leaves). Answers without a body (HEAD, 304) get
 * the policy without hashes: there is nothing in them to allow.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function hashInlineScripts(req, res) {
  /** @type {Buffer[]} */
  const chunks = [];
  let holding = false;
  const originalWriteHead = res.writeHead.bind(res);
  const originalWrite = res.write.bind(res);
  const originalEnd = res.end.bind(res);

  /** @param {unknown[]} args the arguments of writeHead */
  function applyHeadHeaders(args) {
    // writeHead(status, [message], [headers]) merges its headers into the response's.
    const headers = args.find((arg, i) => i > 0 && typeof arg === 'object' && arg !== null);
    if (!headers) return;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1]);
    } else {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    }
  }

  // @ts-expect-error -- same signature, forwarded as is
  res.writeHead = (...args) => {
    const policy = String(res.getHeader('content-security-policy') ?? '');
    const html = /^text\/html\b/i.test(String(res.getHeader('content-type') ?? ''));
    // @ts-expect-error -- forwarded as is
    if (!html || !policy || !completesPolicy(policy)) return originalWriteHead(...args);
    if (typeof args[0] === 'number') res.statusCode = args[0];
    applyHeadHeaders(args);
    const bodiless = req.method === 'HEAD' || res.statusCode === 304 || res.statusCode === 204;
    if (bodiless) {
      res.setHeader('Content-Security-Policy', withScriptHashes(policy, []));
      return originalWriteHead(res.statusCode);
    }
    holding = true;
    return res;
  };

  // @ts-expect-error -- same signature, forwarded as is
  res.write = (chunk, ...rest) => {
    if (!res.headersSent && !holding) res.writeHead(res.statusCode);
    // @ts-expect-error -- forwarded as is
    if (!holding) return originalWrite(chunk, ...rest);
    if (chunk) chunks.push(Buffer.from(chunk, typeof rest[0] === 'string' ? /** @type {BufferEncoding} */ (rest[0]) : undefined));
    const callback = rest.find((arg) => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  };

  // @ts-expect-error -- same signature, forwarded as is
  res.end = (chunk, ...rest) => {
    if (!res.headersSent && !holding) res.writeHead(res.statusCode);
    // @ts-expect-error -- forwarded as is
    if (!holding) return originalEnd(chunk, ...rest);
    if (chunk && typeof chunk !== 'function') {
      chunks.push(Buffer.from(chunk, typeof rest[0] === 'string' ? /** @type {BufferEncoding} */ (rest[0]) : undefined));
    }
    holding = false;
    const body = Buffer.concat(chunks);
    const policy = String(res.getHeader('content-security-policy') ?? '');
    /** @type {string[]} */
    let hashes = [];
    try {
      hashes = inlineScriptHashes(decoded(body, String(res.getHeader('content-encoding') ?? '')).toString('utf8'));
    } catch (error) {
      // Fail closed: a page whose scripts could not be read gets none allowed.
      console.error('[script-hash-policy] could not read the page to hash its scripts:', error instanceof Error ? error.message : error);
    }
    res.setHeader('Content-Security-Policy', withScriptHashes(policy, hashes));
    if (res.getHeader('content-length') !== undefined) res.setHeader('Content-Length', body.length);
    originalWriteHead(res.statusCode);
    const callback = [chunk, ...rest].find((arg) => typeof arg === 'function');
    return originalEnd(body, callback);
  };
}

/**
 * Next's request handler, with every HTML answer's policy completed by its
 * scripts' hashes. The page cache wraps this: it stores the completed
 * headers with the page, and serves them without hashing again.
 * @template T
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => T} handle
 */
export function withInlineScriptHashes(handle) {
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return (req, res) => {
    hashInlineScripts(req, res);
    return handle(req, res);
  };
}
