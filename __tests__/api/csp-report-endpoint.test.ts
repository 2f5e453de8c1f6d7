/** @jest-environment node */
import * as reportRoute from '@/app/api/csp-report/route';
import * as summaryRoute from '@/app/api/metrics/summary/route';
import { createCspViolationCounter, cspViolations, OTHER, violationsOf } from '@/lib/csp-violations';
import { MAX_CSP_REPORT_BYTES } from '@/lib/api/csp-report-endpoint';
import { ORIGIN, postJson, withTemporaryStore } from './api-test-support';

withTemporaryStore();

/** What Chromium posts to `report-uri`. */
const legacyReport = (documentUri: string, directive = 'script-src-elem') => ({
  'csp-report': {
    'document-uri': documentUri,
    referrer: 'https://www.example.org/',
    'violated-directive': directive,
    'effective-directive': directive,
    'original-policy': "script-src 'self'",
    'blocked-uri': 'inline',
    'script-sample': 'alert(document.cookie)',
    'status-code': 200,
  },
});

/** What the Reporting API posts to a `report-to` endpoint: a batch. */
const reportingApiBatch = (documentUrl: string) => [
  {
    age: 10,
    type: 'csp-violation',
    url: documentUrl,
    user_agent: 'Mozilla/5.0',
    body: { documentURL: documentUrl, effectiveDirective: 'frame-src', blockedURL: 'https://evil.example/', disposition: 'enforce', sample: '' },
  },
  { age: 1, type: 'deprecation', url: documentUrl, body: { id: 'x' } },
];

describe('reading CSP reports', () => {
  it('keeps the directive and the page path only, from either format', () => {
    expect(violationsOf(legacyReport('https://news.example/fr/recherche?q=mon+nom#x'))).toEqual([{ directive: 'script-src-elem', path: '/fr/recherche' }]);
    expect(violationsOf(reportingApiBatch('https://news.example/en/articles/a?b=c'))).toEqual([{ directive: 'frame-src', path: '/en/articles/a' }]);
  });

  it('counts what it cannot read as "other", and nothing for a body that is no report', () => {
    expect(violationsOf(legacyReport('not a url', "script-src 'self' <b>"))).toEqual([{ directive: 'script-src', path: OTHER }]);
    expect(violationsOf(legacyReport('https://x.example/en', '<img>'))).toEqual([{ directive: OTHER, path: '/en' }]);
    expect(violationsOf({ hello: 'world' })).toEqual([]);
    expect(violationsOf([{ type: 'csp-violation', body: 'nope' }])).toEqual([]);
  });

  it('stays within its bound of distinct (directive, path) pairs', () => {
    const counter = createCspViolationCounter(10);
    const forged = Array.from({ length: 1000 }, (_, i) => ({ directive: 'script-src', path: `/en/made-up-${i}` }));
    counter.record(forged);
    const summary = counter.summary();
    expect(summary.total).toBe(1000);
    expect(summary.byDirectiveAndPath).toHaveLength(10);
    expect(summary.byDirectiveAndPath[0]).toEqual({ directive: OTHER, path: OTHER, count: 991 });
  });
});

describe('POST /api/csp-report', () => {
  it.each([
    ['report-uri', 'application/csp-report', legacyReport('https://news.example/en/cart')],
    ['report-to', 'application/reports+json', reportingApiBatch('https://news.example/en/cart')],
  ])('counts a %s report and answers 204 with no body', async (_label, contentType, body) => {
    const before = cspViolations().summary().total;
    const response = await reportRoute.POST(postJson('/api/csp-report', body, { 'content-type': contentType }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(cspViolations().summary().total).toBe(before + 1);
  });

  it.each([
    ['malformed JSON', '{"csp-report":', 'application/csp-report'],
    ['another media type', 'x', 'text/html'],
    ['a body over the cap', `"${'a'.repeat(MAX_CSP_REPORT_BYTES)}"`, 'application/reports+json'],
  ])('refuses %s with a 4xx and counts nothing', async (_label, body, contentType) => {
    const before = cspViolations().summary().total;
    const response = await reportRoute.POST(postJson('/api/csp-report', body, { 'content-type': contentType }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(cspViolations().summary().total).toBe(before);
  });

  it('never answers a 5xx, even when the body cannot be read', async () => {
    const broken = new Request(`${ORIGIN}/api/csp-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: new ReadableStream({ pull: (controller) => controller.error(new Error('connection reset')) }),
      duplex: 'half',
    } as RequestInit);
    const response = await reportRoute.POST(broken);
    expect(response.status).toBeLessThan(500);
  });

  it('puts the counts in the metrics summary', async () => {
    process.env.METRICS_TOKEN = 'csp-summary-check';
    try {
      await reportRoute.POST(postJson('/api/csp-report', legacyReport('https://news.example/fr/temoins?x=1', 'frame-src'), { 'content-type': 'application/csp-report' }));
      const response = await summaryRoute.GET(
        new Request(`${ORIGIN}/api/metrics/summary?from=2026-01-01&to=2026-01-02`, { headers: { authorization: 'Bearer csp-summary-check' } }),
      );
      expect(response.status).toBe(200);
      const summary = (await response.json()) as { cspViolations: { total: number; byDirectiveAndPath: { directive: string; path: string; count: number }[] } };
      expect(summary.cspViolations.total).toBeGreaterThanOrEqual(1);
      expect(summary.cspViolations.byDirectiveAndPath).toContainEqual({ directive: 'frame-src', path: '/fr/temoins', count: 1 });
      expect(JSON.stringify(summary.cspViolations)).not.toMatch(/cookie|example|x=1/);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
