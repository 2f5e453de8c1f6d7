/** @jest-environment node */
import { articleFileOf, heroFieldsOf, type CmsArticleRecord, type CmsMediaRecord } from '@/lib/content/cms-content';
import { checkHeroImage, checkHeroSize, checkHeroSrc } from '@/lib/content/hero-messages';
import { contentAddressedName, isContentAddressed, mediaTypeOf, mediaUrl } from '@/lib/content/media-file';
import { parseTaxonomy } from '@/lib/content/taxonomy';

const taxonomy = parseTaxonomy('test', {
  sections: [{ key: 'world', en: { label: 'World', slug: 'world' }, fr: { label: 'Monde', slug: 'monde' } }],
  tags: [],
});
const termKeys = { sections: new Map([['1', 'world']]), tags: new Map<string, string>() };

const photo: CmsMediaRecord = {
  id: 7,
  filename: 'harbour-at-dawn-0123456789abcdef.jpg',
  mimeType: 'image/jpeg',
  width: 1600,
  height: 900,
  alt: { en: 'Fishing boats in a harbour at dawn', fr: 'Des bateaux de pêche dans un port à l’aube' },
};
const media = new Map([['7', photo]]);

function record(hero: CmsArticleRecord['hero']): CmsArticleRecord {
  return {
    id: 1,
    key: 'harbour-story',
    title: { en: 'Harbour story', fr: 'Histoire de port' },
    slug: { en: 'harbour-story', fr: 'histoire-de-port' },
    dek: { en: 'A dek.', fr: 'Un chapeau.' },
    body: { en: 'Body.', fr: 'Corps.' },
    section: 1,
    authors: [{ name: 'A. Reporter' }],
    published: '2026-12-01T10:00:00.000Z',
    hero,
  };
}

const captions = { caption: { en: 'The harbour.', fr: 'Le port.' }, credit: 'Staff' };

describe('an article whose hero is an uploaded image', () => {
  it.each([
    ['en', 'Fishing boats in a harbour at dawn', 'The harbour.'],
    ['fr', 'Des bateaux de pêche dans un port à l’aube', 'Le port.'],
  ] as const)('shows readers in %s the upload at its public URL, its size and its alt text in that language', (locale, alt, caption) => {
    const { file, problems } = articleFileOf(record({ image: 7, ...captions }), locale, taxonomy, termKeys, media);
    expect(problems).toEqual([]);
    expect(file?.hero).toEqual({ src: '/media/harbour-at-dawn-0123456789abcdef.jpg', width: 1600, height: 900, alt, caption, credit: 'Staff' });
  });

  it('uses the article’s own alt text when the editor gave one, per language', () => {
    const hero = { image: 7, alt: { en: 'The boats that left before the storm', fr: null }, ...captions };
    expect(heroFieldsOf(hero, 'en', media).hero.alt).toBe('The boats that left before the storm');
    expect(heroFieldsOf(hero, 'fr', media).hero.alt).toBe('Des bateaux de pêche dans un port à l’aube');
  });

  it('prefers the upload to a leftover /images/ path, and takes the upload’s size over typed numbers', () => {
    const { hero } = heroFieldsOf({ image: 7, src: '/images/old.svg', width: 10, height: 10, ...captions }, 'en', media);
    expect(hero).toMatchObject({ src: mediaUrl(photo.filename ?? ''), width: 1600, height: 900 });
  });

  it('reads a populated upload as well as an id', () => {
    expect(heroFieldsOf({ image: photo, ...captions }, 'en', new Map()).hero.src).toBe('/media/harbour-at-dawn-0123456789abcdef.jpg');
  });

  it('leaves the language version out, with a reason, when the upload is gone', () => {
    const { file, problems } = articleFileOf(record({ image: 99, ...captions }), 'en', taxonomy, termKeys, media);
    expect(file).toBeNull();
    expect(problems).toContainEqual(expect.objectContaining({ field: 'hero.image', message: 'is an uploaded image that no longer exists' }));
  });

  it('reports a missing alt text when neither the upload nor the article has one in that language', () => {
    const noFrench = new Map([['7', { ...photo, alt: { en: 'Boats' } }]]);
    const { file, problems } = articleFileOf(record({ image: 7, ...captions }), 'fr', taxonomy, termKeys, noFrench);
    expect(file).toBeNull();
    expect(problems.map((p) => p.field)).toContain('hero.alt');
  });

  it('keeps a seeded hero (a path under /images/ with its size) as it was', () => {
    const hero = { src: '/images/canada-china-reset.svg', width: 1200, height: 675, alt: { en: 'A map' }, ...captions };
    const { file, problems } = articleFileOf(record(hero), 'en', taxonomy, termKeys, media);
    expect(problems).toEqual([]);
    expect(file?.hero).toEqual({ src: '/images/canada-china-reset.svg', width: 1200, height: 675, alt: 'A map', caption: 'The harbour.', credit: 'Staff' });
  });

  it('refuses a hero with neither an upload nor a path', () => {
    const { file, problems } = articleFileOf(record({ alt: { en: 'A map' }, ...captions }), 'en', taxonomy, termKeys, media);
    expect(file).toBeNull();
    expect(problems.map((p) => p.field)).toContain('hero.src');
  });
});

describe('upload names', () => {
  it('are made of a readable base, the content hash and the extension the detected type calls for', () => {
    const hash = 'ab'.repeat(32);
    expect(contentAddressedName('Port de Gaspé, 6 h.JPG', hash, 'image/jpeg')).toBe('port-de-gaspe-6-h-abababababababab.jpg');
    expect(contentAddressedName('photo.jpeg', hash, 'image/jpeg')).toBe('photo-abababababababab.jpeg');
    // A PNG sent under a .jpg name is stored as what it is.
    expect(contentAddressedName('photo.jpg', hash, 'image/png')).toBe('photo-abababababababab.png');
    expect(contentAddressedName('....png', hash, 'image/png')).toBe('image-abababababababab.png');
  });

  it('tell a content-addressed name (cacheable for a year) from any other', () => {
    expect(isContentAddressed('photo-0123456789abcdef.jpg')).toBe(true);
    expect(isContentAddressed('photo-0123456789abcdef-1.jpg')).toBe(true);
    expect(isContentAddressed('photo.jpg')).toBe(false);
    expect(isContentAddressed('photo-0123456789abcdeg.jpg')).toBe(false);
  });

  it('give the type files are served with', () => {
    expect(mediaTypeOf('a.JPG')).toBe('image/jpeg');
    expect(mediaTypeOf('a.svg')).toBe('image/svg+xml');
    expect(mediaTypeOf('a.html')).toBeNull();
  });
});

describe('what the admin tells an editor about the hero, in the admin’s language', () => {
  it('refuses neither an upload nor a path, in English and in French', () => {
    expect(checkHeroImage(null, '', 'en')).toBe('Choose an uploaded image, or give an image path under /images/ with its width and height');
    expect(checkHeroImage(undefined, undefined, 'fr')).toBe('Choisissez une image téléversée, ou donnez un chemin d’image sous /images/ avec sa largeur et sa hauteur');
  });

  it('accepts either one', () => {
    expect(checkHeroImage(7, undefined, 'en')).toBe(true);
    expect(checkHeroImage(null, '/images/a.svg', 'fr')).toBe(true);
  });

  it('wants a path under /images/, and its size with it', () => {
    expect(checkHeroSrc('/media/a.png', 'fr')).toMatch(/^Un chemin d’image sous \/images\//);
    expect(checkHeroSrc('/images/a.svg', 'en')).toBe(true);
    expect(checkHeroSize(undefined, '/images/a.svg', 'en')).toBe('Required with an image path');
    expect(checkHeroSize(undefined, '/images/a.svg', 'fr')).toBe('Obligatoire avec un chemin d’image');
    expect(checkHeroSize(undefined, undefined, 'en')).toBe(true);
    expect(checkHeroSize(12.5, '/images/a.svg', 'fr')).toBe('Un nombre entier de pixels');
  });
});
