/** @jest-environment node */
import { DEFERRED_HYDRATION_ID, deferFrameworkScripts, deferredSources, loaderScript } from '@/server/deferred-hydration';
import { inlineScripts } from '@/server/script-hash-policy';

/** The head and end of a page as Next 16 writes it (preinit chunks, bootstrap, flight data, nomodule polyfills). */
const NEXT_PAGE = [
  '<!DOCTYPE html><html lang="en-CA"><head><meta charSet="utf-8"/>',
  '<link rel="preload" href="/images/hero.svg" as="image" fetchPriority="high"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/boot.js"/>',
  '<script src="/_next/static/chunks/react.js" async=""></script>',
  '<script src="/_next/static/chunks/turbopack-1.js" async=""></script>',
  '<script id="consent-marks">document.documentElement.dataset.x="1"</script>',
  '<script src="/_next/static/chunks/polyfill.js" noModule=""></script>',
  '</head><body><main><h1>Headline</h1></main>',
  '<script id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})</script>',
  '<script src="/_next/static/chunks/boot.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '</body></html>',
].join('');

/** The list the loader was given, read back from its text. */
function loaderSources(html: string): string[] {
  const loader = inlineScripts(html).find((script) => script.includes('runAfterFirstPaint'));
  const list = loader?.match(/,(\[.*\])\);$/)?.[1];
  return list ? (JSON.parse(list) as string[]) : [];
}

describe('deferFrameworkScripts', () => {
  const rewritten = deferFrameworkScripts(NEXT_PAGE);

  it("removes every tag that would fetch or run the framework's chunks before the page is shown", () => {
    expect(NEXT_PAGE.match(/<script src="\/_next\/static\/[^"]+" async="">/g)).toHaveLength(3);
    expect(rewritten).not.toMatch(/<script src="\/_next\/static\/[^"]+" async="">/);
    expect(rewritten).not.toMatch(/<link rel="preload" as="script"/);
  });

  it('hands the loader every chunk once, in the order Next wrote them', () => {
    expect(loaderSources(rewritten)).toEqual(['/_next/static/chunks/react.js', '/_next/static/chunks/turbopack-1.js', '/_next/static/chunks/boot.js']);
    expect(rewritten.indexOf(`<script id="${DEFERRED_HYDRATION_ID}">`)).toBeGreaterThan(rewritten.indexOf('__next_f'));
    expect(rewritten.endsWith('</script></body></html>')).toBe(true);
  });

  it('keeps what paints the page or is not a chunk: stylesheets, the hero preload, inline scripts, nomodule polyfills', () => {
    for (const kept of [
      '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
      '<link rel="preload" href="/images/hero.svg" as="image" fetchPriority="high"/>',
      '<script id="consent-marks">',
      '<script src="/_next/static/chunks/polyfill.js" noModule=""></script>',
      '<script id="_R_">',
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    ]) {
      expect(rewritten).toContain(kept);
    }
  });

  it('rewrites a page once, and leaves a page without chunks (or without a body end) as it was', () => {
    expect(deferFrameworkScripts(rewritten)).toBe(rewritten);
    const plain = '<!DOCTYPE html><html><body><p>Not found</p></body></html>';
    expect(deferFrameworkScripts(plain)).toBe(plain);
    const cut = NEXT_PAGE.replace('</body></html>', '');
    expect(deferFrameworkScripts(cut)).toBe(cut);
  });

  it('reads the list back for the bench (deferredSources), and nothing from a page Next still loads itself', () => {
    expect(deferredSources(rewritten)).toEqual(loaderSources(rewritten));
    expect(deferredSources(NEXT_PAGE)).toEqual([]);
  });

  it('writes sources that cannot end the loader element', () => {
    const loader = loaderScript(['/_next/static/chunks/</script><script>alert(1)//.js']);
    expect(loader.indexOf('</script>')).toBe(loader.length - '</script>'.length);
  });
});
