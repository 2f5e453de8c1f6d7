import { readFileSync } from 'node:fs';
import { CARD_FONT_FILE, withoutKerning } from '@/lib/metadata/social-card-font';
import { listArticles, sectionOf } from '@/lib/content/repository';
import { articleCardAlt, articleCardPath, cardText, siteCardPath } from '@/lib/metadata/social-card';
import { siteName } from '@/lib/site-config';
import { bothLocales, messagesByLocale } from '../support/render-with-locale';

/** Code points a TrueType font maps to glyphs (its `cmap` table, formats 4 and 12). */
function fontCodePoints(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const entry = 12 + i * 16;
    if (font.toString('latin1', entry, entry + 4) === 'cmap') cmap = font.readUInt32BE(entry + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  const points = new Set<number>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const sub = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = font.readUInt16BE(sub);
    if (format === 4) {
      const segments = font.readUInt16BE(sub + 6) / 2;
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(sub + 14 + s * 2);
        const start = font.readUInt16BE(sub + 16 + segments * 2 + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) points.add(c);
      }
    } else if (format === 12) {
      for (let g = 0; g < font.readUInt32BE(sub + 12); g++) {
        const start = font.readUInt32BE(sub + 16 + g * 12);
        const end = font.readUInt32BE(sub + 20 + g * 12);
        for (let c = start; c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

const tableTags = (font: Buffer) =>
  Array.from({ length: font.readUInt16BE(4) }, (_, i) => font.toString('latin1', 12 + i * 16, 16 + i * 16));

// The font the cards are drawn with, as they get it.
const geist = fontCodePoints(withoutKerning(readFileSync(CARD_FONT_FILE)));
const missingGlyphs = (text: string) =>
  [...new Set(cardText(text))].filter((ch) => !geist.has(ch.codePointAt(0)!)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);

describe('social cards', () => {
  // A missing glyph makes next/og fetch a font from Google Fonts during the build.
  it.each(bothLocales)('the bundled font draws every character of the %s cards', (locale) => {
    const texts = [siteName[locale], messagesByLocale[locale].Metadata.description];
    expect(listArticles(locale).length).toBeGreaterThan(0);
    for (const article of listArticles(locale)) texts.push(article.title, sectionOf(article)[locale].label);
    expect(texts.map(missingGlyphs).flat()).toEqual([]);
  });

  it('keeps French no-break spaces unbreakable in a glyph the font has', () => {
    expect(missingGlyphs('Qu’est-ce qu’un «\u202Fpartenariat\u202F» ?')).toEqual([]);
    expect(cardText('diplomatie\u202F?')).toBe('diplomatie\u00A0?');
    expect(geist.has(0x202f)).toBe(false); // if this fails, the font gained the glyph and cardText can let it through
  });

  it('draws with the font minus its kerning table only', () => {
    const original = readFileSync(CARD_FONT_FILE);
    const tags = tableTags(original);
    expect(tags).toContain('GPOS');
    expect(tableTags(withoutKerning(original))).toEqual(tags.map((t) => (t === 'GPOS' ? 'xPOS' : t)));
    expect(geist).toEqual(fontCodePoints(original));
  });

  it('has one card path per article and language, on the route of the article folder', () => {
    const fr = listArticles('fr').find((a) => a.slug === 'canada-chine-relance')!;
    expect(articleCardPath(fr)).toBe('/fr/articles/canada-chine-relance/opengraph-image');
    expect(siteCardPath('en')).toBe('/en/opengraph-image');
    expect(articleCardAlt(fr, sectionOf(fr))).toBe('Dépêches du Nord · Monde · Carney et Xi jettent les bases d’un nouveau partenariat stratégique');
  });
});
