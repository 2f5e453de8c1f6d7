import { bothLocales } from '../support/render-with-locale';
import { renderArticleBody } from '@/lib/content/article-body';
import { getArticleBySlug, listArticles } from '@/lib/content/repository';

/*
 * Copy-desk rules that a test can hold (issue 12): a fact told in one article
 * is linked from the others rather than repeated word for word, links between
 * articles lead somewhere, the news story carries a dateline and explainers
 * none, and English follows Canadian Press style for dates and provinces.
 */

const DATELINE = { en: /^[A-Z][A-Z .]+ — /, fr: /^[A-ZÀ-Ý][A-ZÀ-Ý .-]+ — / };
// A sentence this long that appears twice is a copied sentence, not a turn of phrase.
const MIN_WORDS = 10;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= MIN_WORDS);
}

describe.each(bothLocales)('article copy (%s)', (locale) => {
  const articles = listArticles(locale);

  it('repeats no long sentence from one article in another', () => {
    expect(articles.length).toBeGreaterThan(1);
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const article of articles) {
      for (const sentence of new Set(sentences(renderArticleBody(article).plainText))) {
        const first = seen.get(sentence);
        if (first && first !== article.slug) repeated.push(`${first} + ${article.slug}: ${sentence}`);
        else seen.set(sentence, article.slug);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
    expect(repeated).toEqual([]);
  });

  it('links between articles only to articles that exist, in the same language', () => {
    const links = articles.flatMap((article) =>
      // Links the author wrote; the embed placeholder's link to the cookie policy is interface.
      [...renderArticleBody(article).html.matchAll(/href="(\/[^"]*\/articles\/[^"]*)"/g)].map((m) => ({ from: article.slug, href: m[1] ?? '' })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const { from, href } of links) {
      const match = href.match(/^\/(en|fr)\/articles\/([a-z0-9-]+)$/);
      expect({ from, href, resolves: match?.[1] === locale && getArticleBySlug(locale, match[2] ?? '') !== null }).toEqual({
        from,
        href,
        resolves: true,
      });
    }
  });

  it('gives the lead news story a dateline and the explainers none', () => {
    const withDateline = articles.filter((a) => DATELINE[locale].test(a.body.trim()));
    expect(withDateline.map((a) => a.slug)).toEqual(articles.filter((a) => a.lead).map((a) => a.slug));
    expect(withDateline).toHaveLength(1);
  });
});

describe('English copy follows Canadian Press style', () => {
  const articles = listArticles('en');
  const text = articles.map((a) => `${a.title}\n${a.dek}\n${a.body}`).join('\n');

  it('abbreviates months that have a date: Jan. 16, Oct. 1, 2024', () => {
    expect(articles.length).toBeGreaterThan(0);
    expect(text).toMatch(/\b(Jan|Oct)\. \d{1,2}\b/);
    expect(text.match(/\b(January|February|August|September|October|November|December) \d{1,2}\b/g) ?? []).toEqual([]);
  });

  it('writes provinces after a place name in CP form: Kananaskis, Alta.', () => {
    expect(text).toMatch(/Kananaskis, Alta\./);
    const province = 'Alberta|Quebec|Ontario|Manitoba|Saskatchewan|British Columbia|Nova Scotia|New Brunswick';
    // A town followed by its province; a list of provinces ("Quebec, Manitoba") is not one.
    const spelled = new RegExp(`\\b(?!(?:${province})\\b)[A-Z][a-z]+, (?:${province})\\b`, 'g');
    expect(text.match(spelled) ?? []).toEqual([]);
  });
});
