import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((out, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...out, [path]: value } : { ...out, ...flatten(value, path) };
  }, {});
}

const enFlat = flatten(en as Tree);
const frFlat = flatten(fr as Tree);

// Values that are the same in both languages on purpose (names, codes).
const sameInBothLanguages = new Set(['Search.placeholder.canola']);
// Keys whose French value is deliberately English (the link back to English).
const englishByDesign = new Set(['LocaleSwitcher.switchTo', 'LocaleSwitcher.switchToShort']);

describe('message catalogues', () => {
  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(frFlat).sort()).toEqual(Object.keys(enFlat).sort());
  });

  it('have no empty strings', () => {
    expect(Object.keys(enFlat).length).toBeGreaterThan(0);
    for (const [key, value] of [...Object.entries(enFlat), ...Object.entries(frFlat)]) {
      expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('leave no English in French values that should be translated', () => {
    const untranslated = Object.keys(enFlat).filter(
      (key) =>
        !englishByDesign.has(key) &&
        !sameInBothLanguages.has(key) &&
        enFlat[key] === frFlat[key] &&
        /[a-z]{3,}/i.test(enFlat[key] ?? ''),
    );
    expect(untranslated).toEqual([]);
    // Common English words never belong in a French interface string.
    const english = /\b(the|and|your|cookies?|settings|search|home|cart|account|with|please|found|sorry)\b/i;
    const leaks = Object.entries(frFlat).filter(([key, v]) => !englishByDesign.has(key) && english.test(v));
    expect(leaks).toEqual([]);
  });

  it('follow French typography: no plain space before : ; ! ? % and inside « »', () => {
    const bad = Object.entries(frFlat).filter(([, v]) => / [:;!?%»]|« /.test(v));
    expect(bad).toEqual([]);
  });

  it('use typographic apostrophes in French', () => {
    expect(Object.entries(frFlat).filter(([, v]) => v.includes("'"))).toEqual([]);
  });

  it('use the same arguments, select branches and rich-text tags in both languages', () => {
    // `{name`, `{name, select`, `on {`, `<tag>`: what the code passes must exist in both.
    const slots = (value: string) =>
      [...value.matchAll(/\{(\w+)|(?<=(?:select|plural), |\} )(=\d+|zero|one|two|few|many|other|on|off) \{|<(\w+)>/g)].map((m) => m[1] ?? (m[2] ? `${m[2]} {` : `<${m[3]}>`)).sort();
    const keys = Object.keys(enFlat).filter((key) => slots(enFlat[key] ?? '').length > 0);
    expect(keys).toEqual(expect.arrayContaining(['Consent.bannerText', 'Privacy.officerEmail']));
    for (const key of keys) {
      expect({ key, slots: slots(frFlat[key] ?? '') }).toEqual({ key, slots: slots(enFlat[key] ?? '') });
    }
  });

  it('use one verb for search in French: « Rechercher », never « Chercher »', () => {
    expect(Object.values(frFlat).filter((v) => /rechercher/i.test(v)).length).toBeGreaterThan(0);
    expect(Object.entries(frFlat).filter(([, v]) => /(^|[^e])chercher/i.test(v))).toEqual([]);
  });
});
