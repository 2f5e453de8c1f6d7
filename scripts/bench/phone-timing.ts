// What a reader on a slow phone sees, in a real (not simulated) load: Chromium
// with Lighthouse's mobile network (150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up) and CPU (four times slower), on its mobile screen, a fresh
// context (empty cache) per load. For each page: when the largest paint was
// presented, when `load` fired, and when the page was hydrated (the consent
// island turns the footer's "Cookie settings" link into a button as it
// runs). Lighthouse's LCP is a simulation; this is the observed counterpart,
// and the only place the bench sees how late the islands answer.
import { chromium, type Browser } from 'playwright-core';
import { UPGRADED_SETTINGS_OPENER } from '../../lib/consent/settings-opener';
import { CHROMIUM_FLAGS, LIGHTHOUSE_MOBILE } from '../support/chromium';
import { median } from './statistics';

export interface PhoneTiming {
  runs: number;
  lcpMs: number[];
  loadMs: number[];
  hydratedMs: number[];
}

/** Marks the page's window with what the init script saw; read after the load. */
type TimingWindow = Window & { __timing?: { lcp: number; hydrated: number } };

/** The marker of a hydrated page (the consent island upgrades the footer link). */
const HYDRATED = UPGRADED_SETTINGS_OPENER;

async function loadOnce(browser: Browser, url: string, hydrates: boolean): Promise<{ lcp: number; load: number; hydrated: number }> {
  const context = await browser.newContext(LIGHTHOUSE_MOBILE.context);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LIGHTHOUSE_MOBILE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: LIGHTHOUSE_MOBILE.cpuSlowdown });
    await page.addInitScript((selector: string) => {
      const w = window as TimingWindow;
      const timing = { lcp: -1, hydrated: -1 };
      w.__timing = timing;
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1);
        if (last) timing.lcp = last.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new MutationObserver((_records, observer) => {
        if (timing.hydrated < 0 && document.querySelector(selector)) {
          timing.hydrated = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['role'] });
    }, HYDRATED);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (hydrates) await page.waitForSelector(HYDRATED, { state: 'attached', timeout: 60_000 });
    else await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return await page.evaluate(() => {
      const w = window as TimingWindow;
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { lcp: w.__timing?.lcp ?? -1, load: nav?.loadEventStart ?? -1, hydrated: w.__timing?.hydrated ?? -1 };
    });
  } finally {
    await context.close();
  }
}

/**
 * `rounds` loads of every URL, interleaved so a busy moment does not fall on
 * one page only. `withoutIslands`: pages that have no consent island (the
 * blank Next.js page), measured without a hydration time.
 */
export async function measurePhoneTiming(
  urls: string[],
  { chromePath, rounds = 5, withoutIslands = [] }: { chromePath: string; rounds?: number; withoutIslands?: string[] },
): Promise<Record<string, PhoneTiming>> {
  const browser = await chromium.launch({ executablePath: chromePath, args: [...CHROMIUM_FLAGS], headless: true });
  const results: Record<string, PhoneTiming> = Object.fromEntries(urls.map((url) => [url, { runs: 0, lcpMs: [], loadMs: [], hydratedMs: [] }]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const url of urls) {
        const { lcp, load, hydrated } = await loadOnce(browser, url, !withoutIslands.includes(url));
        const timing = results[url];
        if (!timing) continue;
        timing.runs += 1;
        timing.lcpMs.push(Math.round(lcp));
        timing.loadMs.push(Math.round(load));
        if (hydrated >= 0) timing.hydratedMs.push(Math.round(hydrated));
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

// npx tsx scripts/bench/phone-timing.ts [--rounds N] URL...
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5;
  const found = await measurePhoneTiming(args, { chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', rounds });
  for (const [url, t] of Object.entries(found)) {
    const hydrated = t.hydratedMs.length ? `${median(t.hydratedMs)} ms [${t.hydratedMs.join(', ')}]` : '—';
    console.log(`${url}: LCP ${median(t.lcpMs)} ms [${t.lcpMs.join(', ')}], load ${median(t.loadMs)} ms [${t.loadMs.join(', ')}], hydrated ${hydrated}`);
  }
}
