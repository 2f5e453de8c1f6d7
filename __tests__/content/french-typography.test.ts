import { listArticles } from '@/lib/content/repository';

// The French edition is written as a Canadian newsroom writes it (see ../shared/french.md).
const article = listArticles('fr');
const fields = article.flatMap((a) =>
  [a.title, a.dek, a.hero.alt, a.hero.caption, a.hero.credit, a.body].map((text) => ({ file: a.file, text })),
);

describe('French articles', () => {
  it('use typographic apostrophes', () => {
    expect(fields.filter(({ text }) => text.includes("'")).map(({ file }) => file)).toEqual([]);
  });

  it('put a no-break space, not a plain one, before : ; ! ? % » and after «', () => {
    const bad = fields.flatMap(({ file, text }) =>
      [...text.matchAll(/.{0,20}(?: [:;!?%»]|« ).{0,20}/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(bad).toEqual([]);
  });
});
