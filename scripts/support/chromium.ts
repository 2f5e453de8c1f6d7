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
