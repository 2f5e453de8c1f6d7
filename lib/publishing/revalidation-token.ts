import { createHmac } from 'node:crypto';
import { payloadSecret } from '@/lib/cms/cms-environment';

/**
 * The bearer token of POST /api/cms/revalidate, derived from the CMS secret:
 * a script that can write to the CMS (it knows the secret) can reach the
 * caches too, with nothing more to configure, and the token leaks nothing of
 * the secret itself.
 */
export function revalidationToken(env: NodeJS.ProcessEnv = process.env): string {
  return createHmac('sha256', payloadSecret(env)).update('northern-dispatch:revalidate').digest('base64url');
}

/** Where a process outside the server reaches it (scripts, scheduled jobs outside a request). */
export function revalidationUrl(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.REVALIDATE_URL?.trim();
  if (explicit) return explicit;
  return `http://${env.HOST?.trim() || '127.0.0.1'}:${env.PORT?.trim() || '3000'}/api/cms/revalidate`;
}
