import type { CollectionConfig, TextField, Validate } from 'payload';
import { SLUG_PATTERN } from '@/lib/content/slug';
import { publishContentChange } from '@/lib/publishing/cms-hooks';

const validateSlug: Validate<string> = (value) =>
  (typeof value === 'string' && SLUG_PATTERN.test(value)) || 'Lowercase letters, digits and single hyphens / Lettres minuscules, chiffres et traits d’union simples';

const slugField: TextField = { name: 'slug', type: 'text', localized: true, required: true, validate: validateSlug };

/** Sections and tags share one shape: a key for the code, a label and a slug per language (today's taxonomy.json). */
export function taxonomyCollection(slug: 'sections' | 'tags', labels: CollectionConfig['labels']): CollectionConfig {
  return {
    slug,
    labels,
    admin: { useAsTitle: 'label', defaultColumns: ['label', 'key', 'slug'] },
    access: { read: ({ req }) => Boolean(req.user) },
    fields: [
      { name: 'key', type: 'text', required: true, unique: true, index: true, validate: validateSlug },
      { name: 'label', type: 'text', localized: true, required: true },
      slugField,
    ],
    hooks: {
      afterChange: [({ req }) => publishContentChange(req, 'taxonomy changed')],
      afterDelete: [({ req }) => publishContentChange(req, 'taxonomy changed')],
    },
  };
}
