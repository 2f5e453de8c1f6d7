import { embedProviders } from './embeds/providers';

type Header = { key: string; value: string };

/**
 * Where the Google tag loads from and reports to, per Google's CSP guide for
 * GA4: measurements also go to regional hosts (region1.google-analytics.com,
 * region1.analytics.google.com), hence the wildcards. Only with NEXT_PUBLIC_GA_ID.
 */
const googleTag = {
  script: ['https://*.googletagmanager.com'],
  img: ['https://*.google-analytics.com', 'https://*.googletagmanager.com'],
  connect: ['https://*.google-analytics.com', 'https://*.analytics.google.com', 'https://*.googletagmanager.com'],
};

/** Where browsers send CSP violation reports (app/api/csp-report, lib/csp-violations.ts). */
export const CSP_REPORT_PATH = '/api/csp-report';
/** The Reporting API endpoint name that `report-to` refers to (Reporting-Endpoints header). */
export const CSP_REPORT_GROUP = 'csp';

/**
 * Content-Security-Policy for reader pages. No inline script is allowed by
 * `'unsafe-inline'`: the production server adds to `script-src` the
 * `'sha256-…'` of exactly the inline scripts of the page it sends, computed
 * from the page's bytes (server/script-hash-policy.ts, decision record
 * 0008). Without that server (`next start`) inline scripts are blocked, which
 * is the safe failure. Everything else is locked to our own origin; frames
 * only to the embed providers.
 */
export function contentSecurityPolicy({ gaEnabled }: { gaEnabled: boolean }): string {
  const scriptSrc = [
    "'self'",
    // `next dev` streams pages without the production server, so nothing adds
    // the hashes; React's development build also evaluates code for its error
    // overlay and stack traces.
    ...(process.env.NODE_ENV === 'development' ? ["'unsafe-inline'", "'unsafe-eval'"] : []),
    ...(gaEnabled ? googleTag.script : []),
  ];
  const connectSrc = ["'self'", ...(gaEnabled ? googleTag.connect : [])];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': scriptSrc,
    // React writes style attributes (next/image's sizes, the embed frames'
    // aspect ratio); a style cannot run code, so this stays (record 0008).
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', ...(gaEnabled ? googleTag.img : [])],
    'font-src': ["'self'"],
    'connect-src': connectSrc,
    'frame-src': embedProviders.map((p) => p.origin),
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
    // Both: report-to (Reporting API) where supported, report-uri elsewhere
    // (Firefox, Safari); Chromium ignores report-uri when report-to is present.
    'report-uri': [CSP_REPORT_PATH],
    'report-to': [CSP_REPORT_GROUP],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The admin (Payload's React app) is its own page with its own needs: its
 * inline bootstrap and style attributes, blob: and data: previews of uploads.
 * Nothing from another origin, no frames, and nothing ever cached or indexed.
 * It keeps `'unsafe-inline'` for scripts (decision record 0008): it is
 * rendered per request for signed-in editors only, and Payload's client
 * inserts scripts we do not control.
 */
export function adminContentSecurityPolicy(): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(process.env.NODE_ENV === 'development' ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

// Powerful features the site never uses are switched off for us and for frames.
const permissionsPolicy = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

/**
 * Uploaded images at /media/ (app/media): an SVG is a document that can carry
 * scripts and links, so opened on its own it runs nothing and loads nothing.
 * Harmless for raster images, which never read a policy.
 */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function securityHeaders(options: { gaEnabled: boolean }): Header[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    // Relative: resolved against the page's own URL, so it follows the origin the reader used.
    { key: 'Reporting-Endpoints', value: `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"` },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: permissionsPolicy },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

/**
 * HSTS only makes sense over https. It is sent when the request arrived over
 * https (directly or per X-Forwarded-Proto) and HSTS_MAX_AGE is not 0.
 */
export function hstsHeader(maxAgeSeconds: number): Header | null {
  if (maxAgeSeconds <= 0) return null;
  return { key: 'Strict-Transport-Security', value: `max-age=${maxAgeSeconds}; includeSubDomains` };
}
