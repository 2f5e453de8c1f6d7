import type { Locale } from '@/i18n/routing';
import { HERO_SRC_PATTERN } from './article-schema';

/**
 * What the admin tells an editor about an article's hero, in the admin's
 * language (not the article's). A hero is an uploaded image or a path under
 * /images/ with its size: one of the two. Used by collections/articles.ts;
 * each returns true or the message.
 */

const given = (value: unknown) => value !== undefined && value !== null && value !== '';
const language = (value: string | undefined): Locale => (value === 'fr' ? 'fr' : 'en');

const MESSAGES = {
  neither: {
    en: 'Choose an uploaded image, or give an image path under /images/ with its width and height',
    fr: 'Choisissez une image téléversée, ou donnez un chemin d’image sous /images/ avec sa largeur et sa hauteur',
  },
  badSrc: {
    en: 'An image path under /images/, e.g. "/images/canada-china-reset.svg"',
    fr: 'Un chemin d’image sous /images/, par exemple « /images/canada-china-reset.svg »',
  },
  badSize: { en: 'A whole number of pixels', fr: 'Un nombre entier de pixels' },
  sizeNeeded: { en: 'Required with an image path', fr: 'Obligatoire avec un chemin d’image' },
  noSuchImage: { en: 'This image does not exist (deleted?)', fr: 'Cette image n’existe pas (supprimée ?)' },
} satisfies Record<string, Record<Locale, string>>;

export const heroMessage = (key: keyof typeof MESSAGES, adminLanguage: string | undefined) => MESSAGES[key][language(adminLanguage)];

export function checkHeroImage(image: unknown, src: unknown, adminLanguage?: string): true | string {
  return given(image) || given(src) || heroMessage('neither', adminLanguage);
}

export function checkHeroSrc(src: unknown, adminLanguage?: string): true | string {
  return !given(src) || (typeof src === 'string' && HERO_SRC_PATTERN.test(src)) || heroMessage('badSrc', adminLanguage);
}

/** An uploaded image knows its size; a path under /images/ needs it given. */
export function checkHeroSize(size: unknown, src: unknown, adminLanguage?: string): true | string {
  if (given(size)) return (typeof size === 'number' && Number.isInteger(size) && size > 0) || heroMessage('badSize', adminLanguage);
  return !given(src) || heroMessage('sizeNeeded', adminLanguage);
}
