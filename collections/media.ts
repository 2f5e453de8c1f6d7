import type { CollectionConfig } from 'payload';
import { join } from 'node:path';
import { dataDir } from '@/lib/cms/cms-environment';

/** Hero images uploaded by editors, with their alt text in each language. */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { en: 'Image', fr: 'Image' }, plural: { en: 'Images', fr: 'Images' } },
  access: { read: ({ req }) => Boolean(req.user) },
  upload: {
    staticDir: join(dataDir(), 'media'),
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/svg+xml'],
  },
  fields: [{ name: 'alt', type: 'text', localized: true, required: true }],
};
