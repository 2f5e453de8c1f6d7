/**
 * Reader pages hydrate after the page is shown (decision record 0011).
 *
 * Next.js writes its chunks as `<script src async>`: each runs as soon as it
 * arrives, and on our pages (which wait for their stylesheets before the first
 * frame) React's chunk often arrives first and hydrates the page before the
 * reader sees anything. This rewrites a finished page so that the chunks are
 * still fetched at once (`<link rel="preload" as="script">`, where Next had
 * not preloaded them already) but run only after the `load` event and one
 * presented frame: the page is painted from its HTML and CSS, then becomes
 * interactive. Taps made in between are recorded by the early-interactions
 * head script and replayed by each island (lib/early-interactions.ts).
 *
 * Only the framework's own chunks (`/_next/static/…`, async, not `nomodule`)
 * are touched; a page without them is returned as it was.
 */

/** A framework chunk as Next writes it: `<script src="/_next/static/…" async=""></script>`. */
const FRAMEWORK_SCRIPT = /<script\s+src="(\/_next\/static\/[^"<>\s]+\.js)"\s+async=""\s*><\/script>/g;
/** Next's early fetch of its bootstrap chunk. */
const FRAMEWORK_PRELOAD = /<link\s+rel="preload"\s+as="script"(?:\s+fetchPriority="low")?\s+href="\/_next\/static\/[^"<>\s]+\.js"\s*\/>/g;

/** Marks the loader, so that a page is never rewritten twice. */
export const DEFERRED_HYDRATION_ID = 'deferred-hydration';

/**
 * The loader, run in the page: fetches and runs `sources` (async scripts, in
 * order) once the page has loaded and its largest paint has been presented
 * (the browser reports a `largest-contentful-paint` entry only after the frame
 * is on screen). Where that entry type is unknown, or the page is hidden
 * (which paints nothing), one frame after `load`; a visible page that never
 * reports one still runs them a second after `load`.
 *
 * Serialised with Function.prototype.toString() into the page, like the head
 * scripts: self-contained (no imports, the list is a parameter), never throws.
 */
export function runAfterFirstPaint(win: Window & typeof globalThis, sources: readonly string[]): void {
  const doc = win.document;
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    for (let i = 0; i < sources.length; i++) {
      const script = doc.createElement('script');
      script.src = sources[i] as string;
      script.async = true;
      doc.head.appendChild(script);
    }
  };
  const afterNextFrame = () => win.requestAnimationFrame(() => win.setTimeout(run, 0));
  const afterLoad = () => {
    const entryTypes = (win.PerformanceObserver && win.PerformanceObserver.supportedEntryTypes) || [];
    if (doc.visibilityState !== 'visible' || entryTypes.indexOf('largest-contentful-paint') < 0) return afterNextFrame();
    win.setTimeout(run, 1000);
    try {
      new win.PerformanceObserver((_list, observer) => {
        observer.disconnect();
        win.setTimeout(run, 0);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {
      afterNextFrame();
    }
  };
  if (doc.readyState === 'complete') afterLoad();
  else win.addEventListener('load', afterLoad, { once: true });
}

/** The loader's element: the function above, called with the page's chunk list. */
export function loaderScript(sources: readonly string[]): string {
  // JSON is valid JavaScript; `<` is escaped so no source can end the script element.
  const list = JSON.stringify(sources).replace(/</g, '\\u003c');
  return `<script id="${DEFERRED_HYDRATION_ID}">(${runAfterFirstPaint.toString()})(window,${list});</script>`;
}

/** The chunks a rewritten page's loader will run, in order (empty for a page Next's tags still load). */
export function deferredSources(html: string): string[] {
  const start = html.indexOf(`<script id="${DEFERRED_HYDRATION_ID}">`);
  if (start === -1) return [];
  const end = html.indexOf('</script>', start);
  const list = /,(\[[^\]]*\])\);$/.exec(html.slice(start, end))?.[1];
  try {
    const parsed: unknown = list ? JSON.parse(list) : [];
    return Array.isArray(parsed) ? parsed.filter((src): src is string => typeof src === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The page without its framework chunks' tags (nor Next's preload of them),
 * and with the loader that fetches and runs them after the first paint.
 */
export function deferFrameworkScripts(html: string): string {
  if (html.includes(`<script id="${DEFERRED_HYDRATION_ID}">`)) return html;
  const sources: string[] = [];
  const rewritten = html
    .replace(FRAMEWORK_SCRIPT, (_tag, src: string) => {
      if (!sources.includes(src)) sources.push(src);
      return '';
    })
    .replace(FRAMEWORK_PRELOAD, '');
  if (sources.length === 0) return html;
  const end = rewritten.lastIndexOf('</body>');
  if (end === -1) return html;
  return `${rewritten.slice(0, end)}${loaderScript(sources)}${rewritten.slice(end)}`;
}
