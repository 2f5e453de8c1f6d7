import { taxonomyCollection } from './taxonomy-fields';

export const Tags = taxonomyCollection('tags', {
  singular: { en: 'Tag', fr: 'Étiquette' },
  plural: { en: 'Tags', fr: 'Étiquettes' },
});
