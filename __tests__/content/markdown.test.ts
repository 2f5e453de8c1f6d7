import { renderArticleBody } from '@/lib/content/article-body';
import { renderMarkdown } from '@/lib/content/markdown';
import { listArticles } from '@/lib/content/repository';
import { countWords, readingMinutes } from '@/lib/content/reading-time';

describe('renderMarkdown', () => {
  it('renders headings, emphasis, quotes, lists and GFM tables', () => {
    const { html } = renderMarkdown('## Heading\n\nSome **bold** text.\n\n> A quote\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |');
    expect(html).toContain('<h2>Heading</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<li>two</li>');
    expect(html).toContain('<td>2</td>');
  });

  it.each([
    ['a script tag', 'Hello <script>alert(1)</script> world'],
    ['an inline event handler', '<img src="x.png" onerror="alert(1)">'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a javascript: link', '[click me](javascript:alert(1))'],
    ['a javascript: image', '![x](javascript:alert(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a style attribute', '<p style="position:fixed">x</p>'],
  ])('cannot be used to inject %s', (_, markdown) => {
    const { html } = renderMarkdown(markdown);
    expect(html).not.toMatch(/<script|<iframe|onerror|javascript:|data:text|style=/i);
  });

  it('keeps ordinary links and the text around removed HTML', () => {
    const { html, text } = renderMarkdown('See [the source](https://www.canada.ca/en.html). Hello <script>x</script> world');
    expect(html).toContain('<a href="https://www.canada.ca/en.html">the source</a>');
    expect(text).toContain('Hello');
    expect(text).toContain('world');
    expect(text).not.toContain('<');
  });
});

describe('typographic quotes', () => {
  it('curls quotes and apostrophes in English, around links and emphasis too, but not in code', () => {
    const { html } = renderMarkdown(
      '"This is where we can make progress," Carney said. It\'s [the "historic" one](/en/articles/x) and *"emphatic"*. Use `"raw"`.',
      { locale: 'en' },
    );
    expect(html).toContain('“This is where we can make progress,” Carney said. It’s');
    expect(html).toContain('the “historic” one');
    expect(html).toContain('<em>“emphatic”</em>');
    expect(html).toContain('<code>"raw"</code>');
    const prose = html.replace(/<code>.*?<\/code>|<[^>]+>/g, '');
    expect(prose).not.toMatch(/["']/);
  });

  it('leaves French bodies as written, « » with their no-break spaces', () => {
    const source = '«\u00a0C’est dans ces domaines\u00a0», a-t-il dit. Un "mot" tapé droit reste tel quel.';
    const { html } = renderMarkdown(source, { locale: 'fr' });
    expect(html).toContain('«\u00a0C’est dans ces domaines\u00a0»');
    expect(html).toContain('Un "mot" tapé droit');
  });

  it('leaves no straight quote in any English article, front matter included', () => {
    const articles = listArticles('en');
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const text = [article.title, article.dek, article.hero.alt, article.hero.caption, renderArticleBody(article).plainText].join('\n');
      expect({ file: article.file, straight: text.match(/.{0,20}["'].{0,20}/g) ?? [] }).toEqual({ file: article.file, straight: [] });
    }
  });
});

describe('reading time', () => {
  it('counts words as each language splits them', () => {
    expect(countWords('L’accord d’aujourd’hui coûte 2,6 milliards de dollars.', 'fr')).toBe(7);
    expect(countWords('Canada’s exports fell 10.4 per cent in 2025.', 'en')).toBe(8);
    expect(countWords('## — » « !', 'fr')).toBe(0);
  });

  it('reads French more slowly than English, and never says 0 minutes', () => {
    expect(readingMinutes(912, 'en')).toBe(4);
    expect(readingMinutes(912, 'fr')).toBe(5);
    expect(readingMinutes(0, 'en')).toBe(1);
  });

  it('is computed from the rendered words of the article in its language', () => {
    const words = Array.from({ length: 600 }, () => 'mot').join(' ');
    expect(renderArticleBody({ body: words, locale: 'en' })).toMatchObject({ wordCount: 600, readingMinutes: 3 });
    expect(renderArticleBody({ body: words, locale: 'fr' })).toMatchObject({ wordCount: 600, readingMinutes: 3 });
    const long = Array.from({ length: 1200 }, () => 'mot').join(' ');
    expect(renderArticleBody({ body: long, locale: 'en' }).readingMinutes).toBe(5);
    expect(renderArticleBody({ body: long, locale: 'fr' }).readingMinutes).toBe(6);
  });
});
