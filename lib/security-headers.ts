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

/**
 * Content-Security-Policy for pages that are prerendered once and served to
 * everyone. Nonces would make every page dynamic, so inline scripts are
 * allowed: Next.js streams its page data in inline <script> tags that differ
 * per page, and the consent script must run before first paint. Everything
 * else is locked to our own origin; frames only to the embed providers.
 */
export function contentSecurityPolicy({ gaEnabled }: { gaEnabled: boolean }): string {
  const scriptSrc = [
    "'self'",
    "'unsafe-inline'",
    // React's development build evaluates code for its error overlay and stack traces.
    ...(process.env.NODE_ENV === 'development' ? ["'unsafe-eval'"] : []),
    ...(gaEnabled ? googleTag.script : []),
  ];
  const connectSrc = ["'self'", ...(gaEnabled ? googleTag.connect : [])];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': scriptSrc,
    // next/image and React set a few style attributes.
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
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The admin (Payload's React app) is its own page with its own needs: its
 * inline bootstrap and style attributes, blob: and data: previews of uploads.
 * Nothing from another origin, no frames, and nothing ever cached or indexed.
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

export function securityHeaders(options: { gaEnabled: boolean }): Header[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
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
