/** @jest-environment node */
import { contentSecurityPolicy } from '@/lib/security-headers';

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)])) as Record<string, string[]>;

describe('Content-Security-Policy and the Google tag', () => {
  it('allows no Google host without a measurement id', () => {
    expect(contentSecurityPolicy({ gaEnabled: false })).not.toMatch(/google/);
  });

  it('lets the tag load and report to regional GA4 hosts when enabled', () => {
    const csp = directives(contentSecurityPolicy({ gaEnabled: true }));
    expect(csp['script-src']).toContain('https://*.googletagmanager.com');
    // region1.google-analytics.com and region1.analytics.google.com receive hits in the EU.
    expect(csp['connect-src']).toEqual(expect.arrayContaining(['https://*.google-analytics.com', 'https://*.analytics.google.com']));
    expect(csp['img-src']).toContain('https://*.google-analytics.com');
    expect(csp['default-src']).toEqual(["'self'"]);
  });
});
