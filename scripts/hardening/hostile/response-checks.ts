// What every answer is checked for, as it comes back: server errors, leaks,
// reflected markup and injected headers, open redirects, API errors that are
// not JSON, lost requests, and whether the valid writes were accepted.
import { CONSENT_COOKIE, encodeConsent } from '@/lib/consent/consent-cookie';
import { decodedBody, truncate, wirePath } from './transport';
import type { ConsentRecord, HostileRequest, Outcome, PageView } from './types';

const LEAK_PATTERNS: [string, RegExp][] = [
  ['stack frame', /\bat [^\n<>"]{0,200}\((?:\/|[A-Za-z]:\\|file:|node:)[^)\n]*:\d+:\d+\)/],
  ['stack frame', /\n\s+at (?:async )?(?:\/|file:\/\/|node:)[^\n]*:\d+:\d+/],
  ['error with a stack', /\b[A-Z][A-Za-z]*Error: [^\n]*\n\s+at /],
  ['file-system path /work/', /\/work\//],
  ['node_modules path', /node_modules/],
  ['.next server path', /\.next[\w-]*\/server\b/],
  ['file-system path /root/ or /home/', /(?:^|[\s"'(=])\/(?:root|home|tmp|etc|proc|usr)\/[\w.-]+\/[\w.-]/],
  ['/etc/passwd content', /root:x:0:0:/],
  ['environment variables', /\b(?:PATH|HOME|NODE_OPTIONS)=[^\s&"']+/],
];

/** What leaked into `body` (a stack, a path, a secret), or null. */
export function leakIn(body: Buffer, secret: string): string | null {
  if (body.length === 0) return null;
  const text = body.toString('latin1');
  const cwd = process.cwd();
  if (text.includes(cwd)) return `the working directory ${cwd}`;
  if (text.includes(secret)) return 'the METRICS_TOKEN value';
  for (const [label, pattern] of LEAK_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return `${label}: ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 80))}`;
  }
  return null;
}

/** Markup the generator puts in URLs; a page must never echo it unescaped. */
const MARKUP_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

/** CRLF in a URL turned into a response header (`%0d%0aSet-Cookie: x=y`), or markup from the URL echoed unescaped. */
export function injectionIn(r: HostileRequest, o: Outcome, body: Buffer): string | null {
  const cookies = [o.headers['set-cookie'] ?? []].flat();
  if (cookies.some((c) => /^\s*x=y\b/.test(c))) return `header injection: Set-Cookie ${JSON.stringify(cookies)}`;
  if (r.raw) return null;
  let decoded = r.path;
  try {
    decoded = decodeURIComponent(r.path);
  } catch {
    // keep it raw
  }
  const sent = `${r.path}\n${decoded}\n${Object.values(r.headers).flat().join('\n')}`;
  const text = body.toString('utf8');
  const reflected = MARKUP_PAYLOADS.find((payload) => sent.includes(payload) && text.includes(payload));
  return reflected ? `reflected markup ${JSON.stringify(reflected)}` : null;
}

/** Why an API error is not JSON naming the problem, or null. */
export function apiErrorProblem(o: Outcome): string | null {
  const type = String(o.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return `Content-Type is ${JSON.stringify(type)}, not JSON`;
  try {
    const parsed: unknown = JSON.parse(decodedBody(o).toString('utf8'));
    const error = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? parsed.error : undefined;
    return typeof error === 'string' && error.trim() !== '' ? null : 'JSON without a non-empty "error" string';
  } catch {
    return 'body is not valid JSON';
  }
}

/**
 * A redirect (Location, or Refresh's url=) that leaves the site at `origin`:
 * an open redirect. Requests that named another host themselves are not judged.
 */
export function offSiteRedirect(o: Outcome, origin: string): string | null {
  const targets: string[] = [];
  if (o.headers.location) targets.push(String(o.headers.location));
  const refresh = /url=(.*)$/i.exec(String(o.headers.refresh ?? ''));
  if (refresh?.[1]) targets.push(refresh[1].trim());
  for (const target of targets) {
    let resolved: URL;
    try {
      resolved = new URL(target, `${origin}/`);
    } catch {
      return `unparsable redirect target ${JSON.stringify(target)}`;
    }
    if (resolved.origin !== origin) return `redirect off the site to ${JSON.stringify(target)}`;
  }
  return null;
}

/** The request named a host other than ours (Host, X-Forwarded-Host): where it is sent back is its own business. */
function namesOtherHost(r: HostileRequest): boolean {
  if (r.raw) return /\r\nhost:[ \t]*(?![ \t]|127\.0\.0\.1\r)/i.test(r.raw.toString('latin1'));
  return Object.keys(r.headers).some((h) => ['host', 'x-forwarded-host'].includes(h.toLowerCase()));
}

function isApiPath(r: HostileRequest): boolean {
  if (r.raw) return false;
  try {
    return new URL(wirePath(r.path), 'http://127.0.0.1').pathname.startsWith('/api/');
  } catch {
    return wirePath(r.path).startsWith('/api/');
  }
}

/** One line for a report: what was sent, what came back. */
export function describe(r: HostileRequest, o: Outcome): string {
  const head = r.raw ? `RAW ${JSON.stringify(truncate(r.raw.toString('latin1'), 160))}` : `${r.method} ${truncate(r.path, 160)}`;
  const extraHeaders = Object.entries(r.headers)
    .filter(([k]) => k.toLowerCase() !== 'accept-encoding')
    .map(([k, v]) => `${k}: ${truncate(String(v), 80)}`)
    .join(' | ');
  const body = r.body ? ` body(${r.body.length} B${r.chunked ? ', chunked' : ''}): ${JSON.stringify(truncate(r.body.toString('latin1'), 120))}` : '';
  const answer = `→ ${o.status}${o.error ? ` (${o.error})` : ''} ${JSON.stringify(decodedBody(o).subarray(0, 200).toString('utf8'))}`;
  return `[${r.category}] ${head}${extraHeaders ? ` {${extraHeaders}}` : ''}${body}\n      ${answer}`;
}

/** Everything the answers showed, filled by inspect(). */
export class Findings {
  readonly serverErrors: string[] = [];
  readonly leaks: string[] = [];
  readonly apiErrors: string[] = [];
  readonly lost: string[] = [];
  readonly openRedirects: string[] = [];
  readonly injections: string[] = [];
  readonly validRefused: string[] = [];
  readonly notSent: string[] = [];
  readonly acceptedReceipts: ConsentRecord[] = [];
  readonly acceptedViews: PageView[] = [];

  constructor(
    private readonly origin: string,
    private readonly secret: string,
  ) {}

  inspect(r: HostileRequest, o: Outcome): void {
    if (o.status === -1) {
      this.notSent.push(describe(r, o));
      return;
    }
    if (o.status >= 500) this.serverErrors.push(describe(r, o));
    const body = decodedBody(o);
    const leak = leakIn(body, this.secret) ?? leakIn(Buffer.from(JSON.stringify(o.headers)), this.secret);
    if (leak) this.leaks.push(`${leak}\n      ${describe(r, o)}`);
    const injected = injectionIn(r, o, body);
    if (injected) this.injections.push(`${injected}\n      ${describe(r, o)}`);
    // A bare socket may legitimately be closed on garbage; an HTTP client request may not.
    if (o.status === 0 && !r.raw && !r.mayClose) this.lost.push(describe(r, o));
    const redirect = namesOtherHost(r) ? null : offSiteRedirect(o, this.origin);
    if (redirect) this.openRedirects.push(`${redirect}\n      ${describe(r, o)}`);
    if (isApiPath(r) && o.status >= 400 && r.method !== 'HEAD') {
      const problem = apiErrorProblem(o);
      if (problem) this.apiErrors.push(`${problem}\n      ${describe(r, o)}`);
    }
    this.recordValidWrite(r, o);
  }

  /** A valid receipt is answered 201 and re-sets the very cookie the browser would write; a page view 2xx. */
  private recordValidWrite(r: HostileRequest, o: Outcome): void {
    if (r.valid?.kind === 'consent') {
      if (o.status !== 201) return void this.validRefused.push(describe(r, o));
      this.acceptedReceipts.push(r.valid.record);
      const cookies = [o.headers['set-cookie'] ?? []].flat();
      const expected = `${CONSENT_COOKIE}=${encodeConsent(r.valid.record)}`;
      if (!cookies.some((c) => c.startsWith(`${expected};`))) this.validRefused.push(`accepted but Set-Cookie is not ${expected}: ${cookies.join('\n')}\n      ${describe(r, o)}`);
    } else if (r.valid?.kind === 'metrics') {
      if (o.status !== 204 && o.status !== 200 && o.status !== 202) this.validRefused.push(describe(r, o));
      else this.acceptedViews.push(r.valid.view);
    }
  }
}
