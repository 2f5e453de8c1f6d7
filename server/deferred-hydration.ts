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
 * Fetches and runs the chunks, in the page's order, once the page has loaded
 * and its largest paint has been presented: the browser reports a
 * `largest-contentful-paint` entry only after the frame is on screen. Where
 * that entry type is unknown (or the page is hidden, which paints nothing),
 * one frame after `load`; and a page that never reports one still runs them
 * a second after `load`.
 */
export function loaderScript(sources: readonly string[]): string {
  // JSON is valid JavaScript; `<` is escaped so no source can end the script element.
  const list = JSON.stringify(sources).replace(/</g, '\\u003c');
  return (
    `<script id="${DEFERRED_HYDRATION_ID}">(function(s){var d=0;function r(){if(d)return;d=1;for(var i=0;i<s.length;i++){` +
    `var e=document.createElement('script');e.src=s[i];e.async=true;document.head.appendChild(e)}}` +
    `function f(){requestAnimationFrame(function(){setTimeout(r,0)})}` +
    `function g(){var P=window.PerformanceObserver,t=P&&P.supportedEntryTypes||[];` +
    `if(document.visibilityState!=='visible'||t.indexOf('largest-contentful-paint')<0)return f();setTimeout(r,1000);` +
    `try{new P(function(l,o){o.disconnect();setTimeout(r,0)}).observe({type:'largest-contentful-paint',buffered:true})}catch(x){f()}}` +
    `document.readyState==='complete'?g():addEventListener('load',g,{once:true})})(${list})</script>`
  );
}

/** The chunks a rewritten page's loader will run, in order (empty for a page Next's tags still load). */
export function deferredSources(html: string): string[] {
  const start = html.indexOf(`<script id="${DEFERRED_HYDRATION_ID}">`);
  if (start === -1) return [];
  const end = html.indexOf('</script>', start);
  const list = /\}\)\((\[[^\]]*\])\)$/.exec(html.slice(start, end))?.[1];
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
