// What a reader downloads for one page: the HTML as the server compresses it,
// and every JavaScript and CSS file the HTML references, compressed the way a
// CDN would store them (gzip -9, brotli q11).
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { rawGet } from './http-load';
import { deferredSources } from '../../server/deferred-hydration';

/** Patterns that only consent code carries: the island's name, the cookie's name as a literal, the consent methods. */
const CONSENT_MARKERS = /ConsentManager|ConsentBanner|\bconsent=|["'`]consent["'`]|["'`](?:accept|reject)_all["'`]/;
/** Libraries recognizable in minified code, named when they ride along in a consent chunk. */
const KNOWN_LIBRARIES = {
  zod: /ZodError|\$ZodType/,
  'js-cookie': /withConverter/,
  'use-intl / next-intl': /IntlProvider|useTranslations|IntlError/,
  'intl-messageformat': /IntlMessageFormat|MALFORMED_ARGUMENT/,
};

export interface Sizes {
  raw: number;
  gzip: number;
  br: number;
}
export type Asset = { url: string; viaScriptTag: boolean; consent: boolean } & Sizes;
export interface PageBytes {
  status: number;
  html: Sizes & { sentGzip: boolean; sentBr: boolean; contentEncodingForBrGzip: string };
  js: Asset[];
  jsTotal: Sizes;
  noModuleJs: Asset[];
  css: Asset[];
  cssTotal: Sizes;
  inlineScripts: Sizes & { count: number };
  consentInlineScripts: Sizes & { count: number };
  rscPayload: Sizes & { count: number };
  htmlElements: number;
  consentJs: Sizes & { chunks: string[]; libraries: string[] };
}

export function compressedSizes(data: Buffer | string): Sizes {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    br: brotliCompressSync(buffer, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sum(list: Sizes[]): Sizes {
  return list.reduce((acc, s) => ({ raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, br: acc.br + s.br }), { raw: 0, gzip: 0, br: 0 });
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/** Script and stylesheet references in a page. */
export function referencedAssets(html: string) {
  const scripts: { src: string; noModule: boolean }[] = [];
  const inlineScripts: string[] = [];
  /** Inline scripts that are code (not JSON-LD, not the RSC payload, which is data). */
  const inlineCode: string[] = [];
  /** The RSC payload: the page a second time, as data for hydration. */
  const rscPayload: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const src = attribute(attributes, 'src');
    const type = (attribute(attributes, 'type') ?? '').toLowerCase();
    if (src) scripts.push({ src, noModule: /(?:^|\s)nomodule\b/i.test(attributes) });
    else if (match[2]) {
      inlineScripts.push(match[2]);
      const isCode = type === '' || type === 'module' || type.includes('javascript');
      if (match[2].startsWith('self.__next_f')) rscPayload.push(match[2]);
      else if (isCode) inlineCode.push(match[2]);
    }
  }
  // Reader pages run their chunks from a loader after the first paint (decision record 0011): still script elements.
  for (const src of deferredSources(html)) scripts.push({ src, noModule: false });
  const stylesheets: string[] = [];
  for (const match of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attributes = match[1] ?? '';
    const href = attribute(attributes, 'href');
    if (href && /(?:^|\s)stylesheet(?:\s|$)/i.test(attribute(attributes, 'rel') ?? '')) stylesheets.push(href);
  }
  // Client components can also be loaded from the RSC payload or Turbopack's
  // chunk list inlined in the page rather than from a <script> tag: count
  // those chunks too.
  const payloadChunks = new Set<string>();
  for (const match of html.matchAll(/(?:\/_next\/)?(static\/chunks\/[A-Za-z0-9_\-./~]+?\.js)\b/g)) payloadChunks.add(`/_next/${match[1]}`);
  // Elements as the parser builds them, before any script runs (a DOM-size figure without a browser).
  const htmlElements = (html.replace(/<script\b[\s\S]*?<\/script>/gi, '<script>').match(/<[a-zA-Z][a-zA-Z0-9-]*[\s/>]/g) ?? []).length;
  return { scripts, inlineScripts, inlineCode, rscPayload, htmlElements, stylesheets, payloadChunks: [...payloadChunks] };
}

/** @param assetCache shared between pages (chunks repeat) */
export async function measurePageBytes(baseUrl: string, pagePath: string, assetCache: Map<string, Promise<Buffer>>): Promise<PageBytes> {
  const url = new URL(pagePath, baseUrl).href;
  const identity = await rawGet(url, { 'accept-encoding': 'identity' });
  const html = identity.body.toString('utf8');
  const computed = compressedSizes(identity.body);
  const asGzip = await rawGet(url, { 'accept-encoding': 'gzip' });
  const asBr = await rawGet(url, { 'accept-encoding': 'br' });
  const asBoth = await rawGet(url, { 'accept-encoding': 'br, gzip' });
  const sentGzip = asGzip.headers['content-encoding'] === 'gzip';
  const sentBr = asBr.headers['content-encoding'] === 'br';

  const fetchAsset = (assetPath: string) => {
    const assetUrl = new URL(assetPath, baseUrl).href;
    let pending = assetCache.get(assetUrl);
    if (!pending) {
      pending = rawGet(assetUrl, { 'accept-encoding': 'identity' }).then((res) => {
        if (res.status !== 200) throw new Error(`${assetUrl} answered ${res.status}`);
        return res.body;
      });
      assetCache.set(assetUrl, pending);
    }
    return pending;
  };
  const texts = new Map<string, string>();
  const measureAsset = async (assetPath: string, viaScriptTag: boolean): Promise<Asset> => {
    const body = await fetchAsset(assetPath);
    const text = body.toString('utf8');
    texts.set(assetPath, text);
    return { url: assetPath, viaScriptTag, consent: CONSENT_MARKERS.test(text), ...compressedSizes(body) };
  };

  const refs = referencedAssets(html);
  const moduleScripts = refs.scripts.filter((s) => !s.noModule).map((s) => s.src);
  const noModuleScripts = new Set(refs.scripts.filter((s) => s.noModule).map((s) => s.src));
  const jsPaths = [...new Set(moduleScripts)];
  const fromPayload = refs.payloadChunks.filter((p) => !jsPaths.includes(p) && !noModuleScripts.has(p));
  const js = await Promise.all([...jsPaths.map((p) => measureAsset(p, true)), ...fromPayload.map((p) => measureAsset(p, false))]);
  const noModuleJs = await Promise.all([...noModuleScripts].map((p) => measureAsset(p, true)));
  const css = await Promise.all([...new Set(refs.stylesheets)].map((p) => measureAsset(p, false)));
  const consentInline = refs.inlineCode.filter((s) => CONSENT_MARKERS.test(s));
  const consentChunks = js.filter((a) => a.consent);
  const libraries = Object.entries(KNOWN_LIBRARIES)
    .filter(([, pattern]) => consentChunks.some((a) => pattern.test(texts.get(a.url) ?? '')))
    .map(([name]) => name);

  return {
    status: identity.status,
    html: {
      raw: identity.body.length,
      gzip: sentGzip ? asGzip.body.length : computed.gzip,
      br: sentBr ? asBr.body.length : computed.br,
      sentGzip,
      sentBr,
      contentEncodingForBrGzip: String(asBoth.headers['content-encoding'] ?? 'identity'),
    },
    js,
    jsTotal: sum(js),
    noModuleJs,
    css,
    cssTotal: sum(css),
    inlineScripts: { count: refs.inlineScripts.length, ...sum(refs.inlineScripts.map(compressedSizes)) },
    consentInlineScripts: { count: consentInline.length, ...sum(consentInline.map(compressedSizes)) },
    // Compressed together, as they travel inside the HTML.
    rscPayload: { count: refs.rscPayload.length, ...compressedSizes(refs.rscPayload.join('')) },
    htmlElements: refs.htmlElements,
    consentJs: { chunks: consentChunks.map((a) => a.url), libraries, ...sum(consentChunks) },
  };
}
