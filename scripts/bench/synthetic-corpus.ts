/**
 * A synthetic bilingual news corpus for the search benchmark: deterministic
 * (seeded), with the word frequencies of real text (Zipf) and a long tail of
 * rare words, accents and ligatures included in French.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '@/i18n/routing';
import { foldText, splitWords } from '@/lib/search/normalize';
import type { SearchDocument } from '@/lib/search/search-document';

const LOCALES: Locale[] = ['en', 'fr'];
const ROOT = process.cwd();

// Calibrated on the site's own articles (about 350 indexed words and 260
// distinct indexed terms per article in each language, stop words left out),
// so that the index holds as many postings per article as real ones would.
const ZIPF_EXPONENT = 1.12;
const TOPIC_WORDS = 25;
const TOPIC_SHARE = 0.15;

/** Deterministic, so every run benchmarks the same corpus and queries. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Short syllables: a long one (`wheat`) would start hundreds of made-up words
// and give prefixes families no real vocabulary has.
const SYLLABLES: Record<Locale, string[]> = {
  en: 'ca na da pro vin ce ter ri to ry mar ket port pol i cy gov ern en er gy lo gis tic ban ker ship con al ly ex im fi nan tech no in dus try har bor wh eat st eel lum ber nor th'.split(' '),
  fr: 'ré gi on é co no mie cul tu re pê che fo rêt ça ise œu vre dé ve lop pe men prê mi nis tè fé ral pro vin ci al ter ri toi com mer ce ex por ta ti ner gie hy dro lec tri té ac cor blé aci er bâ où'.split(' '),
};

/**
 * The words of a language, most frequent first: the site's real articles give
 * the head of the distribution (stop words included, as in real text), made-up
 * words from syllables give a long tail of 40,000 rarer terms, accents and
 * ligatures included in French, as a large news archive has.
 */
function vocabulary(locale: Locale, random: () => number): string[] {
  const counts = new Map<string, number>();
  const articlesDir = path.join(ROOT, 'content', 'articles');
  for (const id of fs.readdirSync(articlesDir)) {
    const file = path.join(articlesDir, id, `${locale}.md`);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8').split(/^---$/m).slice(2).join(' ');
    for (const word of splitWords(text)) {
      const lower = word.toLowerCase();
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  }
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const seen = new Set(words);
  const syllables = SYLLABLES[locale];
  while (words.length < 40_000) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Samples words with Zipf's law (rank r has weight 1/r^exponent), as natural text does. */
function zipfSampler(words: string[], random: () => number, exponent: number) {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((_, i) => {
    total += 1 / (i + 1) ** exponent;
    cumulative[i] = total;
  });
  return () => {
    const target = random() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return words[low] ?? '';
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(word: () => string, random: () => number, min: number, max: number): string {
  const count = min + Math.floor(random() * (max - min + 1));
  return capitalize(Array.from({ length: count }, word).join(' '));
}

type Taxonomy = { sections: { key: string }[]; tags: { key: string }[] };

export type SyntheticArticle = {
  id: string;
  locale: Locale;
  title: string;
  dek: string;
  section: string;
  tags: string[];
  day: string;
  /** Markdown: paragraphs and `##` headings. */
  markdown: string;
};

/** `count` articles, each in English and French, always the same for the same count. */
export function* syntheticArticles(count: number, taxonomy: Taxonomy): Generator<SyntheticArticle> {
  const random = seededRandom(6);
  const vocabularies = Object.fromEntries(LOCALES.map((locale) => [locale, vocabulary(locale, random)])) as Record<Locale, string[]>;
  const samplers = Object.fromEntries(
    LOCALES.map((locale) => [locale, zipfSampler(vocabularies[locale], random, ZIPF_EXPONENT)]),
  ) as Record<Locale, () => string>;

  for (let n = 1; n <= count; n++) {
    const id = `bench-${String(n).padStart(5, '0')}`;
    const section = taxonomy.sections[n % taxonomy.sections.length]?.key ?? '';
    const tags = taxonomy.tags.filter(() => random() < 0.2).map((t) => t.key);
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 2400) * 86_400_000).toISOString().slice(0, 10);
    for (const locale of LOCALES) {
      // An article keeps coming back to its subject: a few words of its own
      // recur, as `canola` does in the site's canola article.
      const vocab = vocabularies[locale];
      const topic = Array.from({ length: TOPIC_WORDS }, () => vocab[100 + Math.floor(random() * (vocab.length - 100))] ?? '');
      const general = samplers[locale];
      const word = () => (random() < TOPIC_SHARE ? (topic[Math.floor(random() * topic.length)] ?? '') : general());
      const paragraphs: string[] = [];
      let words = 0;
      // 550–750 words, the length of the site's own articles.
      const target = 550 + Math.floor(random() * 200);
      while (words < target) {
        const p = Array.from({ length: 3 + Math.floor(random() * 4) }, () => `${sentence(word, random, 8, 22)}.`).join(' ');
        words += p.split(' ').length;
        paragraphs.push(paragraphs.length % 4 === 3 ? `## ${sentence(word, random, 3, 6)}\n\n${p}` : p);
      }
      const title = sentence(word, random, 6, 12);
      const dek = `${sentence(word, random, 16, 28)}.`;
      yield { id, locale, title, dek, section, tags, day, markdown: paragraphs.join('\n\n') };
    }
  }
}

export function readTaxonomy(): Taxonomy {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'taxonomy.json'), 'utf8')) as Taxonomy;
}

/** Writes `content/`-shaped files: taxonomy.json and articles/<id>/{en,fr}.md. */
export function writeCorpus(dir: string, articleCount: number) {
  fs.copyFileSync(path.join(ROOT, 'content', 'taxonomy.json'), path.join(dir, 'taxonomy.json'));
  for (const article of syntheticArticles(articleCount, readTaxonomy())) {
    const folder = path.join(dir, 'articles', article.id);
    fs.mkdirSync(folder, { recursive: true });
    const frontmatter = [
      '---',
      `id: ${article.id}`,
      `slug: ${article.id}-${article.locale}`,
      `title: ${JSON.stringify(article.title)}`,
      `dek: ${JSON.stringify(article.dek)}`,
      `section: ${article.section}`,
      `tags: [${article.tags.join(', ')}]`,
      'authors:',
      '  - name: "Bench Desk"',
      `published: "${article.day}T09:00:00-05:00"`,
      `updated: "${article.day}T10:00:00-05:00"`,
      'hero:',
      '  src: /images/bench.svg',
      '  width: 1200',
      '  height: 675',
      '  alt: "Synthetic illustration"',
      '  caption: "Synthetic caption"',
      '  credit: "Bench"',
      '---',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(folder, `${article.locale}.md`), `${frontmatter}${article.markdown}\n`);
  }
}

/**
 * 100 fixed queries per language, the kinds readers type: common and rare
 * words, prefixes, typos, words typed without accents, two and three words,
 * and words found nowhere.
 */
export function fixedQueries(documents: SearchDocument[], locale: Locale): string[] {
  const random = seededRandom(locale === 'en' ? 1 : 2);
  const pool = documents.slice(0, 200).flatMap((d) => splitWords(`${d.title} ${d.dek} ${d.body.slice(0, 2000)}`));
  const contentWords = [...new Set(pool.filter((w) => w.length >= 5))];
  const pick = () => contentWords[Math.floor(random() * contentWords.length)] ?? 'canada';
  // One wrong letter inside the word.
  const typo = (w: string) => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    return `${w.slice(0, i)}${w[i] === 'e' ? 'a' : 'e'}${w.slice(i + 1)}`;
  };
  const queries: string[] = [];
  const add = (count: number, make: () => string) => {
    for (let i = 0; i < count; i++) queries.push(make());
  };
  add(30, pick);
  add(15, () => pick().slice(0, 3 + Math.floor(random() * 3)));
  add(15, () => typo(pick()));
  add(10, () => foldText(pick()).toUpperCase());
  add(15, () => `${pick()} ${pick()}`);
  add(10, () => `${pick()} ${pick()} ${pick()}`);
  add(5, () => `zq${Math.floor(random() * 1e6).toString(36)}xv`);
  return queries;
}

