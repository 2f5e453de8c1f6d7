// How every script and test launches Debian's Chromium: the browser tests
// (e2e/support/browser.ts) and the bench's Lighthouse and LCP runs use the
// same flags, so a figure of the bench and a page of the tests come from the
// same browser setup.

/** Headless, no sandbox (CI runs as root), and no background traffic that would compete with the page. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Lighthouse's mobile emulation, for the bench's own browser measurements
 * (the LCP element, the observed slow phone): its screen, its CPU slowdown
 * and its network (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, as the
 * DevTools protocol takes them), so that they see the page Lighthouse simulates.
 */
export const LIGHTHOUSE_MOBILE = {
  context: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
  cpuSlowdown: 4,
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
} as const;
