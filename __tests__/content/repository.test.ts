import fc from 'fast-check';
import { ContentError } from '@/lib/content/content-error';
import {
  articleAlternates,
  createContentRepository,
  getArticleBySlug,
  getSectionBySlug,
  getTagBySlug,
  getTranslation,
  leadArticle,
  listArticles,
  listContentPages,
  relatedArticles,
  tagsInUse,
  type Article,
} from '@/lib/content/repository';
import { bothLocales } from '../support/render-with-locale';
import { validFrontmatter, writeContentFolder, type FixtureArticle } from './content-fixture';

const isNewestFirst = (articles: Article[]) =>
  articles.every((a, i) => i === 0 || Date.parse(articles[i - 1]!.published) >= Date.parse(a.published));

describe('the site content', () => {
  it.each(bothLocales)('has at least 8 articles in %s, newest first', (locale) => {
    const articles = listArticles(locale);
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.every((a) => a.locale === locale)).toBe(true);
    expect(isNewestFirst(articles)).toBe(true);
  });

  it('finds an article by its slug in each language', () => {
    const en = getArticleBySlug('en', 'canada-china-reset');
    const fr = getArticleBySlug('fr', 'canada-chine-relance');
    expect(en).toMatchObject({ id: 'canada-china-reset', locale: 'en', path: '/en/articles/canada-china-reset' });
    expect(fr).toMatchObject({ id: 'canada-china-reset', locale: 'fr', path: '/fr/articles/canada-chine-relance' });
    expect(fr?.title).toMatch(/^Carney et Xi/);
  });

  it('does not find a slug in the other language', () => {
    expect(getArticleBySlug('en', 'canada-chine-relance')).toBeNull();
    expect(getArticleBySlug('fr', 'canada-china-reset')).toBeNull();
  });

  it('links every article to its translation, both ways', () => {
    expect(listArticles('en').length).toBeGreaterThan(0);
    for (const article of listArticles('en')) {
      const translation = getTranslation(article, 'fr');
      expect(translation?.id).toBe(article.id);
      expect(getTranslation(translation!, 'en')).toBe(article);
      expect(articleAlternates(article)).toEqual({ en: article.path, fr: translation!.path });
    }
  });

  it.each([
    '..%2f..',
    '../../etc/passwd',
    '..\\..\\secret',
    '%2e%2e%2f',
    'canada-china-reset/../../x',
    'Canada-China-Reset',
    'canada-china-reset.md',
    'canada-china-reset%00',
    '',
    ' ',
    'x'.repeat(5000),
    '__proto__',
    'constructor',
  ])('answers null, never throws, for the slug %p', (slug) => {
    for (const locale of bothLocales) expect(getArticleBySlug(locale, slug)).toBeNull();
  });

  it('answers null for an unknown language', () => {
    expect(getArticleBySlug('de', 'canada-china-reset')).toBeNull();
    expect(getArticleBySlug('__proto__', 'canada-china-reset')).toBeNull();
  });

  it('never throws and only finds published slugs, whatever the input', () => {
    const published = new Set(listArticles('en').map((a) => a.slug));
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (slug) => {
        const found = getArticleBySlug('en', slug);
        return found === null ? !published.has(slug) : found.slug === slug;
      }),
    );
  });

  it('has the Canada-China story as the lead in both languages', () => {
    expect(leadArticle('en')?.id).toBe('canada-china-reset');
    expect(leadArticle('fr')?.id).toBe('canada-china-reset');
  });

  it('relates articles that share tags, never the article itself, in its language', () => {
    const article = getArticleBySlug('fr', 'canada-chine-relance')!;
    const related = relatedArticles(article, 3);
    expect(related).toHaveLength(3);
    for (const other of related) {
      expect(other.id).not.toBe(article.id);
      expect(other.locale).toBe('fr');
      expect(other.tags.some((t) => article.tags.includes(t)) || other.section === article.section).toBe(true);
    }
  });

  it('finds sections and tags by their localized slug only', () => {
    expect(getSectionBySlug('fr', 'monde')?.key).toBe('world');
    expect(getSectionBySlug('en', 'world')?.key).toBe('world');
    expect(getSectionBySlug('en', 'monde')).toBeNull();
    expect(getTagBySlug('fr', 'droits-de-douane')?.key).toBe('tariffs');
    expect(getTagBySlug('en', 'droits-de-douane')).toBeNull();
    expect(getSectionBySlug('fr', '../monde')).toBeNull();
  });

  it('lists every article, section and used tag page in both languages', () => {
    const pages = listContentPages();
    for (const locale of bothLocales) {
      const paths = pages.filter((p) => p.locale === locale).map((p) => p.path);
      expect(listArticles(locale).length).toBeGreaterThan(0);
      expect(tagsInUse(locale).length).toBeGreaterThan(0);
      for (const article of listArticles(locale)) expect(paths).toContain(article.path);
      for (const tag of tagsInUse(locale)) expect(paths.some((p) => p.endsWith(`/${tag[locale].slug}`))).toBe(true);
    }
    expect(pages.map((p) => p.path)).toContain('/fr/rubrique/monde');
    expect(pages.map((p) => p.path)).toContain('/fr/etiquette/droits-de-douane');
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
  });
});

describe('a content folder', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  function repositoryOf(articles: FixtureArticle[], heroFiles?: string[]) {
    const folder = writeContentFolder(articles, { heroFiles });
    cleanups.push(folder.cleanup);
    return createContentRepository({ contentDir: folder.contentDir, publicDir: folder.publicDir });
  }

  function loadError(articles: FixtureArticle[], heroFiles?: string[]): ContentError {
    const repository = repositoryOf(articles, heroFiles);
    try {
      repository.listArticles('en');
    } catch (error) {
      if (error instanceof ContentError) return error;
      throw error;
    }
    throw new Error('expected the content to be rejected');
  }

  const story = (folder: string, locale: 'en' | 'fr', overrides = {}): FixtureArticle => ({
    folder,
    locale,
    data: validFrontmatter({ id: folder, slug: `${folder}-${locale}`, ...overrides }),
  });

  it('sorts newest first and says an untranslated article has no other language', () => {
    const repository = repositoryOf([
      story('older', 'en', { published: '2026-01-01T09:00:00-05:00', updated: '2026-01-01T09:00:00-05:00' }),
      story('newer', 'en', { published: '2026-03-01T09:00:00-05:00', updated: '2026-03-01T09:00:00-05:00' }),
      story('newer', 'fr', { published: '2026-03-01T09:00:00-05:00', updated: '2026-03-01T09:00:00-05:00' }),
    ]);
    expect(repository.listArticles('en').map((a) => a.id)).toEqual(['newer', 'older']);
    const older = repository.getArticleBySlug('en', 'older-en')!;
    expect(repository.getTranslation(older, 'fr')).toBeNull();
    expect(repository.articleAlternates(older)).toEqual({ en: '/en/articles/older-en', fr: null });
    expect(repository.listContentPages().some((p) => p.alternates.en === '/en/articles/older-en' && p.locale === 'fr')).toBe(false);
  });

  it('orders articles published at the same instant in different offsets as equal, then by id', () => {
    const repository = repositoryOf([
      story('b-story', 'en', { published: '2026-01-16T20:00:00Z', updated: '2026-01-16T20:00:00Z' }),
      story('a-story', 'en', { published: '2026-01-16T15:00:00-05:00', updated: '2026-01-16T15:00:00-05:00' }),
    ]);
    expect(repository.listArticles('en').map((a) => a.id)).toEqual(['a-story', 'b-story']);
  });

  it('fails the build on a slug clash in one language, naming both files', () => {
    const error = loadError([story('first', 'en', { slug: 'same' }), story('second', 'en', { slug: 'same' })]);
    expect(error.problems).toEqual([
      { file: 'content/articles/second/en.md', field: 'slug', message: '"same" is already used by content/articles/first/en.md' },
    ]);
  });

  it('allows the same slug in two languages', () => {
    const repository = repositoryOf([story('shared', 'en', { slug: 'same' }), story('shared', 'fr', { slug: 'same' })]);
    expect(repository.getArticleBySlug('fr', 'same')?.locale).toBe('fr');
  });

  it('fails the build on two lead stories in one language', () => {
    const error = loadError([story('one', 'en', { lead: true }), story('two', 'en', { lead: true })]);
    expect(error.problems).toContainEqual(expect.objectContaining({ file: 'content/articles/two/en.md', field: 'lead' }));
  });

  it('fails the build when a hero image file is missing', () => {
    const error = loadError([story('story', 'en')], []);
    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: 'content/articles/story/en.md', field: 'hero.src', message: expect.stringMatching(/does not exist/) }),
    );
  });

  it('fails the build listing every broken file, not only the first', () => {
    const error = loadError([story('one', 'en', { section: 'sports' }), story('two', 'fr', { title: '' })]);
    expect(error.message).toContain('content/articles/one/en.md: section');
    expect(error.message).toContain('content/articles/two/fr.md: title');
  });
});
