// What the Largest Contentful Paint element is on each page, seen by the
// browser itself. Lighthouse 12.2.3 cannot say with Chromium 156 (its
// TraceElements gatherer fails on the newer trace format: "Cannot read
// properties of undefined (reading 'frame_sequence')"), so the bench asks
// Chromium's own PerformanceObserver, on Lighthouse's mobile screen
// (412 × 823, CPU slowed four times), banner shown as for a first visit.
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, LIGHTHOUSE_MOBILE } from '../support/chromium';

export interface LcpElement {
  element: string;
  kind: 'text' | 'image';
  size: number;
  startMs: number;
  text: string;
}

/** The largest-contentful-paint entries the init script collects on the page's window. */
type LcpWindow = Window & { __lcp?: (PerformanceEntry & { element: Element | null; url: string; size: number })[] };

export async function findLcpElements(urls: string[], { chromePath }: { chromePath: string }): Promise<Record<string, LcpElement | null>> {
  const browser = await chromium.launch({ executablePath: chromePath, args: [...CHROMIUM_FLAGS], headless: true });
  const found: Record<string, LcpElement | null> = {};
  try {
    for (const url of urls) {
      const context = await browser.newContext(LIGHTHOUSE_MOBILE.context);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: LIGHTHOUSE_MOBILE.cpuSlowdown });
      await page.addInitScript(() => {
        const w = window as LcpWindow;
        w.__lcp = [];
        // Entries of this type are LargestContentfulPaint (element, url, size); the DOM typings list them as PerformanceEntry.
        new PerformanceObserver((list) => w.__lcp?.push(...(list.getEntries() as NonNullable<LcpWindow['__lcp']>))).observe({
          type: 'largest-contentful-paint',
          buffered: true,
        });
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      found[url] = await page.evaluate((): LcpElement | null => {
        const w = window as LcpWindow;
        const entry = w.__lcp?.at(-1);
        if (!entry) return null;
        const el = entry.element;
        const classes = el && el.classList.length ? `.${[...el.classList].join('.')}` : '';
        return {
          element: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}` : '(removed from the page)',
          kind: entry.url ? 'image' : 'text',
          size: entry.size,
          startMs: Math.round(entry.startTime),
          text: (el?.textContent ?? '').trim().slice(0, 50),
        };
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return found;
}
