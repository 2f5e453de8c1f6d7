import type { SearchDocument } from '@/lib/search/search-document';

type Fixture = Omit<SearchDocument, 'locale' | 'slug' | 'published'> & { published?: string };

const filler = (sentence: string, times: number) => Array.from({ length: times }, () => sentence).join(' ');

const en: Fixture[] = [
  {
    id: 'energy',
    title: 'Pipelines, power lines and ports: a guide to Canada’s energy trade',
    dek: 'Oil, gas and electricity cross the border every day.',
    body: `${filler('Exports move south by pipe and by wire.', 4)} Hydro-Québec sells power to New England. ${filler('Ports matter too.', 3)}`,
    sectionLabel: 'Business',
  },
  {
    id: 'canola',
    title: 'Canola, China and the Prairies: why one crop carries so much weight',
    dek: 'A Canadian invention and a lever of pressure.',
    body: 'Few crops are as closely tied to Canada as canola. It was developed here in the 1970s.',
    sectionLabel: 'Business',
  },
  {
    id: 'tariffs',
    title: 'How tariffs work, and who ends up paying them',
    dek: 'A tax on imports, paid at the border by the importer.',
    body: `${filler('A tariff is a tax on imported goods.', 12)} Farm goods such as canola are often hit first in a dispute. ${filler('Prices then adjust.', 16)}`,
    sectionLabel: 'Explainers',
  },
  {
    id: 'hostile',
    title: 'What not to paste into a web form',
    dek: 'Markup in text stays text.',
    body: 'Never trust input like <script>alert(1)</script> or <img src=x onerror=alert(2)> & friends, says the security desk.',
    sectionLabel: 'Explainers',
  },
];

const fr: Fixture[] = [
  {
    id: 'energy',
    title: 'Pipelines, lignes électriques et ports : le commerce de l’énergie au Canada',
    dek: 'Pétrole, gaz et électricité traversent la frontière chaque jour.',
    body: `${filler('Les exportations passent par oléoduc et par ligne.', 4)} Hydro-Québec vend de l’électricité à la Nouvelle-Angleterre. ${filler('Les ports comptent aussi.', 3)}`,
    sectionLabel: 'Économie',
  },
  {
    id: 'canola',
    title: 'Le canola, la Chine et les Prairies : pourquoi une seule culture pèse si lourd',
    dek: 'Une invention canadienne devenue levier de pression.',
    body: 'Peu de cultures sont aussi étroitement associées au Canada que le canola.',
    sectionLabel: 'Économie',
  },
  {
    id: 'tariffs',
    title: 'Comment fonctionnent les droits de douane, et qui les paie vraiment',
    dek: 'Une taxe sur les importations, payée à la frontière.',
    body: `${filler('Un droit de douane est une taxe sur les biens importés.', 12)} Les produits agricoles comme le canola sont souvent touchés en premier. ${filler('Les prix s’ajustent ensuite.', 16)}`,
    sectionLabel: 'Explications',
  },
  {
    id: 'diplomacy',
    title: 'L’Œuvre diplomatique du Canada en Asie',
    dek: 'Une œuvre de longue haleine, selon les diplomates.',
    body: 'La diplomatie canadienne mise sur l’ex æquo des partenaires et sur la patience.',
    sectionLabel: 'Monde',
  },
  {
    id: 'hostile',
    title: 'Ce qu’il ne faut pas coller dans un formulaire',
    dek: 'Le balisage reste du texte.',
    body: 'Ne faites jamais confiance à <script>alert(1)</script> ni à <b>gras</b> & compagnie, dit la rédaction.',
    sectionLabel: 'Explications',
  },
];

export const fixtureDocuments: SearchDocument[] = [
  ...en.map((f, i) => ({ published: `2026-0${i + 1}-15T09:00:00-05:00`, ...f, locale: 'en' as const, slug: `en-${f.id}` })),
  ...fr.map((f, i) => ({ published: `2026-0${i + 1}-15T09:00:00-05:00`, ...f, locale: 'fr' as const, slug: `fr-${f.id}` })),
];

/** `count` articles in one language that all mention `word` in their title. */
export function manyDocuments(locale: 'en' | 'fr', word: string, count: number): SearchDocument[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `many-${i + 1}`,
    locale,
    slug: `many-${i + 1}`,
    title: `${word} report number ${i + 1}`,
    dek: 'One of many.',
    body: `Body of report ${i + 1}.`,
    sectionLabel: 'World',
    // Distinct days, so the order among equal scores is by date, newest first.
    published: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  }));
}

/** One article in one language, as the CMS would send it after a publication or a correction. */
export function publishedDocument(locale: 'en' | 'fr', id: string, fields: Partial<Omit<SearchDocument, 'id' | 'locale'>> = {}): SearchDocument {
  return {
    id,
    locale,
    slug: `${locale}-${id}`,
    title: 'Untitled',
    dek: 'No dek.',
    body: 'No body.',
    sectionLabel: locale === 'en' ? 'World' : 'Monde',
    published: '2026-06-01T09:00:00-04:00',
    ...fields,
  };
}
