import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import type { Taxonomy } from '@/lib/content/taxonomy';

export const taxonomy: Taxonomy = {
  sections: [
    { key: 'world', en: { label: 'World', slug: 'world' }, fr: { label: 'Monde', slug: 'monde' } },
    { key: 'business', en: { label: 'Business', slug: 'business' }, fr: { label: 'Économie', slug: 'economie' } },
  ],
  tags: [
    { key: 'trade', en: { label: 'Trade', slug: 'trade' }, fr: { label: 'Commerce', slug: 'commerce' } },
    { key: 'china', en: { label: 'China', slug: 'china' }, fr: { label: 'Chine', slug: 'chine' } },
    { key: 'energy', en: { label: 'Energy', slug: 'energy' }, fr: { label: 'Énergie', slug: 'energie' } },
  ],
};

export type Frontmatter = Record<string, unknown>;

/** A valid frontmatter; tests break one field at a time. */
export function validFrontmatter(overrides: Frontmatter = {}): Frontmatter {
  return {
    id: 'sample-story',
    slug: 'sample-story',
    title: 'A sample story',
    dek: 'What the story is about, in one sentence.',
    section: 'world',
    tags: ['trade'],
    authors: [{ name: 'Staff' }],
    published: '2026-01-16T15:20:00-05:00',
    updated: '2026-01-16T18:45:00-05:00',
    hero: {
      src: '/images/sample.svg',
      width: 1200,
      height: 675,
      alt: 'An abstract illustration.',
      caption: 'A caption.',
      credit: 'Illustration: Us',
    },
    ...overrides,
  };
}

/** Markdown file text: YAML frontmatter (timestamps quoted by the YAML writer) and a body. */
export function articleSource(data: Frontmatter, body = 'A first paragraph.\n\n## A heading\n\nMore text.'): string {
  return matter.stringify(`\n${body}\n`, data);
}

export type FixtureArticle = { folder: string; locale: 'en' | 'fr'; data: Frontmatter; body?: string };

/** A throwaway content folder (taxonomy, articles, hero images) for repository tests. */
export function writeContentFolder(articles: FixtureArticle[], options: { heroFiles?: string[] } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-test-'));
  const contentDir = path.join(root, 'content');
  const publicDir = path.join(root, 'public');
  fs.mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
  fs.mkdirSync(path.join(publicDir, 'images'), { recursive: true });
  fs.writeFileSync(path.join(contentDir, 'taxonomy.json'), JSON.stringify(taxonomy));
  for (const { folder, locale, data, body } of articles) {
    fs.mkdirSync(path.join(contentDir, 'articles', folder), { recursive: true });
    fs.writeFileSync(path.join(contentDir, 'articles', folder, `${locale}.md`), articleSource(data, body));
  }
  for (const file of options.heroFiles ?? ['/images/sample.svg']) fs.writeFileSync(path.join(publicDir, file), '<svg/>');
  return { root, contentDir, publicDir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
