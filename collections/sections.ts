import { taxonomyCollection } from './taxonomy-fields';

export const Sections = taxonomyCollection('sections', {
  singular: { en: 'Section', fr: 'Rubrique' },
  plural: { en: 'Sections', fr: 'Rubriques' },
});
