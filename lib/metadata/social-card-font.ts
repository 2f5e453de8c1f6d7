import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The font next/og bundles (Geist Regular, SIL OFL): local, so the build fetches nothing. */
export const CARD_FONT_FILE = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'compiled', '@vercel', 'og', 'Geist-Regular.ttf');
export const CARD_FONT_FAMILY = 'Geist';

/**
 * The font without its GPOS table (kerning). Satori lays a line out with the
 * glyphs' plain advance widths but draws each word with the font's kerning,
 * so a word with tight pairs ("Northern", "exportations") is drawn narrower
 * than its slot and the space after it looks doubled. Without GPOS, layout
 * and drawing agree. The table is renamed in the directory, not removed:
 * nothing else moves, and no parser looks for a table named "xPOS".
 */
export function withoutKerning(font: Uint8Array): Buffer {
  const copy = Buffer.from(font);
  const tables = copy.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const entry = 12 + i * 16;
    if (copy.toString('latin1', entry, entry + 4) === 'GPOS') copy.write('xPOS', entry, 'latin1');
  }
  return copy;
}

let fonts: Promise<{ name: string; data: Buffer; weight: 400; style: 'normal' }[]> | undefined;

/** The `fonts` option of every card's ImageResponse (read once per build worker). */
export function cardFonts() {
  fonts ??= readFile(CARD_FONT_FILE).then((data) => [
    { name: CARD_FONT_FAMILY, data: withoutKerning(data), weight: 400 as const, style: 'normal' as const },
  ]);
  return fonts;
}
