import { cspViolations, violationsOf } from '@/lib/csp-violations';
import { readJsonBody } from './read-json-body';

/** A Reporting API batch holds several reports with samples and URLs; more is not a browser's. */
export const MAX_CSP_REPORT_BYTES = 64 * 1024;

const noContent = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });

/**
 * POST /api/csp-report: browsers report CSP violations here (`report-uri` and
 * `report-to`, lib/security-headers.ts). Counted per directive and page path
 * (lib/csp-violations.ts), nothing else kept. A body that is not a report is
 * refused with the usual 4xx; a report the counter cannot use is a 204 like
 * any other, and nothing here ever answers a 5xx: a browser does not retry.
 */
export async function postCspReport(request: Request): Promise<Response> {
  try {
    const body = await readJsonBody(request, {
      contentTypes: ['application/csp-report', 'application/reports+json', 'application/json'],
      maxBytes: MAX_CSP_REPORT_BYTES,
    });
    if (!body.ok) return body.response;
    cspViolations().record(violationsOf(body.value));
  } catch (error) {
    console.error('[csp-report] a report could not be counted:', error instanceof Error ? error.message : error);
  }
  return noContent();
}
