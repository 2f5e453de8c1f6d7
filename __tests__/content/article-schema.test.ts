import { parseArticleFile } from '@/lib/content/article-schema';
import { ContentError } from '@/lib/content/content-error';
import { articleSource, taxonomy, validFrontmatter, type Frontmatter } from './content-fixture';

const FILE = 'content/articles/sample-story/en.md';

function problemsOf(source: string, file = FILE) {
  try {
    parseArticleFile(file, source, taxonomy);
  } catch (error) {
    if (error instanceof ContentError) return { problems: error.problems, message: error.message };
    throw error;
  }
  throw new Error('expected the article to be rejected');
}

function without(field: string): Frontmatter {
  const data = validFrontmatter();
  delete data[field];
  return data;
}

function withHero(changes: Record<string, unknown>): Frontmatter {
  const hero = { ...(validFrontmatter().hero as Record<string, unknown>), ...changes };
  for (const key of Object.keys(hero)) if (hero[key] === undefined) delete hero[key];
  return validFrontmatter({ hero });
}

describe('parseArticleFile', () => {
  it('accepts a valid article and keeps timestamps as ISO strings with their offset', () => {
    const article = parseArticleFile(FILE, articleSource(validFrontmatter()), taxonomy);
    expect(article).toMatchObject({
      id: 'sample-story',
      locale: 'en',
      file: FILE,
      published: '2026-01-16T15:20:00-05:00',
      lead: false,
      authors: [{ name: 'Staff', organization: false }],
    });
    expect(article.body).toContain('## A heading');
  });

  it('takes the language from the file name', () => {
    const article = parseArticleFile('content/articles/sample-story/fr.md', articleSource(validFrontmatter()), taxonomy);
    expect(article.locale).toBe('fr');
  });

  // Each kind of broken article, with the field the message must name.
  it.each<[string, Frontmatter | string, string, RegExp]>([
    ['a missing title', without('title'), 'title', /is missing/],
    ['an empty dek', validFrontmatter({ dek: '  ' }), 'dek', /must not be empty/],
    ['no author', validFrontmatter({ authors: [] }), 'authors', /at least one author/],
    ['an author without a name', validFrontmatter({ authors: [{}] }), 'authors[0].name', /is missing/],
    ['a date that is not a date', validFrontmatter({ published: 'last Friday' }), 'published', /ISO 8601/],
    ['a date without a time zone', validFrontmatter({ published: '2026-01-16T15:20:00' }), 'published', /offset/],
    ['an impossible date', validFrontmatter({ updated: '2026-02-30T10:00:00-05:00' }), 'updated', /ISO 8601/],
    ['an unknown section', validFrontmatter({ section: 'sports' }), 'section', /"sports" is not a section/],
    ['an unknown tag', validFrontmatter({ tags: ['trade', 'hockey'] }), 'tags[1]', /"hockey" is not a tag/],
    ['a repeated tag', validFrontmatter({ tags: ['trade', 'trade'] }), 'tags', /same tag twice/],
    ['a hero without alt text', withHero({ alt: undefined }), 'hero.alt', /is missing/],
    ['a hero with empty alt text', withHero({ alt: '' }), 'hero.alt', /must not be empty/],
    ['a hero outside /images/', withHero({ src: 'https://example.com/x.png' }), 'hero.src', /\/images\//],
    ['a hero without a size', withHero({ width: 0 }), 'hero.width', /too small|>0|positive/i],
    ['an update before publication', validFrontmatter({ updated: '2026-01-15T09:00:00-05:00' }), 'updated', /earlier than published/],
    ['a slug with capitals or slashes', validFrontmatter({ slug: '../Secret' }), 'slug', /lowercase/],
    ['a misspelt field', validFrontmatter({ publised: '2026-01-16T15:20:00-05:00' }), 'publised', /not a known field/],
    ['an id that does not match its folder', validFrontmatter({ id: 'other-story' }), 'id', /folder name "sample-story"/],
  ])('rejects %s, naming the file and the field', (_, data, field, message) => {
    const source = typeof data === 'string' ? data : articleSource(data);
    const { problems, message: text } = problemsOf(source);
    expect(problems).toContainEqual(expect.objectContaining({ file: FILE, field, message: expect.stringMatching(message) }));
    expect(text).toContain(`${FILE}: ${field}`);
  });

  it('explains that an unquoted timestamp loses its offset', () => {
    const source = articleSource(validFrontmatter()).replace("published: '2026-01-16T15:20:00-05:00'", 'published: 2026-01-16T15:20:00-05:00');
    expect(source).toContain('published: 2026-01-16T15:20:00-05:00');
    const { problems } = problemsOf(source);
    expect(problems).toContainEqual(expect.objectContaining({ field: 'published', message: expect.stringMatching(/quoted/) }));
  });

  it('rejects a file that is not en.md or fr.md', () => {
    const { problems } = problemsOf(articleSource(validFrontmatter()), 'content/articles/sample-story/de.md');
    expect(problems).toContainEqual(expect.objectContaining({ field: 'file name' }));
  });

  it('rejects broken YAML and an empty body', () => {
    expect(problemsOf('---\ntitle: [unclosed\n---\nText').problems).toContainEqual(
      expect.objectContaining({ field: 'frontmatter', message: expect.stringMatching(/not valid YAML/) }),
    );
    expect(problemsOf(articleSource(validFrontmatter(), '   ')).problems).toContainEqual(
      expect.objectContaining({ field: 'body', message: 'is empty' }),
    );
  });

  it('reports every problem of a file at once', () => {
    const { problems } = problemsOf(articleSource(validFrontmatter({ title: '', section: 'sports', tags: ['hockey'] })));
    expect(problems.map((p) => p.field).sort()).toEqual(['section', 'tags[0]', 'title']);
  });
});
