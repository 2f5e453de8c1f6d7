import { z } from 'zod';

/**
 * Content-Security-Policy violations, counted per directive and page path in
 * this process's memory. Browsers send two formats: `report-uri` posts
 * `{"csp-report": {...}}` (application/csp-report), the Reporting API posts an
 * array of `{type: "csp-violation", url, body: {...}}`
 * (application/reports+json). Only the directive and the page's path are
 * kept: no query string (a search holds what a reader typed), no blocked URL,
 * no script sample, no address or user agent.
 */

/** Distinct (directive, path) pairs kept; the rest are counted under OTHER. */
export const MAX_VIOLATION_KEYS = 500;
const MAX_PATH_LENGTH = 200;
/** What a report that names no usable directive or path is counted as. */
export const OTHER = 'other';

// Directive names are lower-case words with hyphens (script-src-elem, frame-ancestors…).
const DIRECTIVE = /^[a-z][a-z-]{1,39}$/;
// A URL path as browsers send it; anything else is not worth a key of its own.
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

const legacyReportSchema = z.object({
  'csp-report': z.looseObject({
    'document-uri': z.string().optional(),
    'effective-directive': z.string().optional(),
    'violated-directive': z.string().optional(),
  }),
});

const reportingApiSchema = z.array(
  z.looseObject({
    type: z.string(),
    url: z.string().optional(),
    body: z.looseObject({
      documentURL: z.string().optional(),
      effectiveDirective: z.string().optional(),
    }).optional(),
  }),
);

export interface Violation {
  directive: string;
  path: string;
}

function directiveOf(value: string | undefined): string {
  // `violated-directive` may carry the directive's sources ("script-src 'self'").
  const name = (value ?? '').trim().split(/\s+/, 1)[0]!.toLowerCase();
  return DIRECTIVE.test(name) ? name : OTHER;
}

function pathOf(documentUrl: string | undefined): string {
  if (!documentUrl) return OTHER;
  let path: string;
  try {
    path = new URL(documentUrl).pathname;
  } catch {
    return OTHER;
  }
  return path.length <= MAX_PATH_LENGTH && PATH.test(path) ? path : OTHER;
}

/** The violations a report body describes (either format); none for anything else. */
export function violationsOf(body: unknown): Violation[] {
  const legacy = legacyReportSchema.safeParse(body);
  if (legacy.success) {
    const report = legacy.data['csp-report'];
    return [{ directive: directiveOf(report['effective-directive'] ?? report['violated-directive']), path: pathOf(report['document-uri']) }];
  }
  const batch = reportingApiSchema.safeParse(body);
  if (!batch.success) return [];
  return batch.data
    .filter((report) => report.type === 'csp-violation')
    .map((report) => ({ directive: directiveOf(report.body?.effectiveDirective), path: pathOf(report.body?.documentURL ?? report.url) }));
}

export interface CspViolationSummary {
  total: number;
  /** Most frequent first. */
  byDirectiveAndPath: { directive: string; path: string; count: number }[];
}

export interface CspViolationCounter {
  record(violations: readonly Violation[]): void;
  summary(): CspViolationSummary;
}

export function createCspViolationCounter(maxKeys = MAX_VIOLATION_KEYS): CspViolationCounter {
  const counts = new Map<string, { directive: string; path: string; count: number }>();
  let total = 0;
  return {
    record(violations) {
      for (const violation of violations) {
        total += 1;
        let key = `${violation.directive} ${violation.path}`;
        // Made-up paths in forged reports must not grow memory: once full, new pairs share one key.
        if (!counts.has(key) && counts.size >= maxKeys - 1) key = `${OTHER} ${OTHER}`;
        const entry = counts.get(key);
        if (entry) entry.count += 1;
        else counts.set(key, key === `${OTHER} ${OTHER}` ? { directive: OTHER, path: OTHER, count: 1 } : { ...violation, count: 1 });
      }
    },
    summary() {
      return { total, byDirectiveAndPath: [...counts.values()].map((entry) => ({ ...entry })).sort((a, b) => b.count - a.count) };
    },
  };
}

/** One counter per server process, shared by the report endpoint and the metrics summary. */
export function cspViolations(): CspViolationCounter {
  // globalThis, not a module variable: Next bundles route handlers separately,
  // and the report endpoint and the summary must count in the same place.
  const key = Symbol.for('northern-dispatch.csp-violations');
  const holder = globalThis as unknown as Record<symbol, CspViolationCounter | undefined>;
  const counter = holder[key] ?? createCspViolationCounter();
  holder[key] = counter;
  return counter;
}
