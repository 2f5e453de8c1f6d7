import config from '@payload-config';
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes';
import { guarded } from '@/lib/cms/cms-request-guards';

// Payload's REST API, at /cms/api so that /api/* stays the site's own. Bodies
// are checked first (lib/cms/cms-request-guards.ts): a malformed request gets a 4xx, never a 500.
export const GET = guarded(REST_GET(config));
export const POST = guarded(REST_POST(config));
export const DELETE = guarded(REST_DELETE(config));
export const PATCH = guarded(REST_PATCH(config));
export const PUT = guarded(REST_PUT(config));
export const OPTIONS = guarded(REST_OPTIONS(config));
