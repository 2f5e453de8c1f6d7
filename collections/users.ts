import type { CollectionConfig } from 'payload';
import { EDITOR_SESSION_DAYS } from '@/lib/consent/cookie-registry';
import { siteOrigin } from '@/lib/site-config';

/** Lockout after this many failed logins in a row, for LOCK_MINUTES. */
export const MAX_LOGIN_ATTEMPTS = 5;
const LOCK_MINUTES = 15;

/**
 * Editors. There is no public sign-up and no "create first user" screen: the
 * first editor comes from `npm run editor:add` (scripts/editor-add.ts).
 */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { en: 'Editor', fr: 'Éditeur' }, plural: { en: 'Editors', fr: 'Éditeurs' } },
  admin: { useAsTitle: 'email' },
  auth: {
    maxLoginAttempts: MAX_LOGIN_ATTEMPTS,
    lockTime: LOCK_MINUTES * 60 * 1000,
    // The cookie policy states this lifetime (lib/consent/cookie-registry.ts).
    tokenExpiration: EDITOR_SESSION_DAYS * 24 * 60 * 60,
    cookies: { sameSite: 'Lax', secure: siteOrigin.startsWith('https:') },
  },
  access: {
    // Only a signed-in editor may add another; the first one comes from the command line.
    create: ({ req }) => Boolean(req.user),
    read: ({ req }) => Boolean(req.user),
    update: ({ req }) => Boolean(req.user),
    delete: ({ req }) => Boolean(req.user),
  },
  endpoints: [
    {
      // Payload lets anyone create the first user while none exists; a fresh
      // server on the internet must not hand its newsroom to the first visitor.
      path: '/first-register',
      method: 'post',
      handler: () =>
        Response.json({ errors: [{ message: 'Editors are added with `npm run editor:add` on the server.' }] }, { status: 403, headers: { 'Cache-Control': 'no-store' } }),
    },
  ],
  fields: [{ name: 'name', type: 'text' }],
};
