import type { Locale } from "@/i18n/routing";
import type { ArticleFile } from "@/lib/content/article-schema";
import {
  contentRepository,
  createContentRepository,
} from "@/lib/content/repository";
import {
  cacheTag,
  cacheTagHeaderRules,
  pathsOfTag,
  SITE_TAG,
} from "@/lib/publishing/cache-tags";
import { describeChange } from "@/lib/publishing/change-tags";

const taxonomy = {
  sections: contentRepository.listSections(),
  tags: contentRepository.listTags(),
};
const seed = (["en", "fr"] as Locale[]).flatMap((l) =>
  contentRepository.listArticles(l),
) as ArticleFile[];
const repo = (files: ArticleFile[]) =>
  createContentRepository({ taxonomy, files });
const before = repo(seed);

const canola = {
  en: contentRepository.getArticleBySlug("en", "canola-trade-china")!,
  fr: contentRepository
    .listArticles("fr")
    .find((a) => a.id === "canola-trade-china")!,
};

function replaced(
  id: string,
  locale: Locale,
  change: (a: ArticleFile) => ArticleFile | null,
): ArticleFile[] {
  return seed.flatMap((a) =>
    a.id === id && a.locale === locale ? (change(a) ?? []) : [a],
  );
}

describe("describeChange: what a change touches", () => {
  it("has real articles to work with", () => {
    expect(canola.en).toBeTruthy();
    expect(canola.fr).toBeTruthy();
  });

  it("a new title touches the article page, its lists, feed, sitemap and search in that language only", () => {
    const after = repo(
      replaced("canola-trade-china", "en", (a) => ({
        ...a,
        title: "A corrected headline",
      })),
    );
    const { tags, upserted, removed } = describeChange(before, after);
    expect(tags).toEqual(
      expect.arrayContaining([
        cacheTag.article("en", canola.en.slug),
        cacheTag.home("en"),
        cacheTag.feed("en"),
        cacheTag.search("en"),
        cacheTag.sitemap,
        cacheTag.section("en", "business"),
        cacheTag.tag("en", "canola"),
      ]),
    );
    expect(tags).not.toContain(cacheTag.home("fr"));
    expect(tags).not.toContain(SITE_TAG);
    expect(upserted.map((a) => `${a.locale}:${a.id}`)).toEqual([
      "en:canola-trade-china",
    ]);
    expect(removed).toEqual([]);
  });

  it("also touches the pages that list it among related stories, and its translation (language switcher)", () => {
    const after = repo(
      replaced("canola-trade-china", "en", (a) => ({
        ...a,
        title: "A corrected headline",
      })),
    );
    const { tags } = describeChange(before, after);
    const listing = contentRepository
      .listArticles("en")
      .filter((a) =>
        contentRepository
          .relatedArticles(a, 3)
          .some((r) => r.id === "canola-trade-china"),
      );
    expect(listing.length).toBeGreaterThan(0);
    for (const page of listing)
      expect(tags).toContain(cacheTag.article("en", page.slug));
    expect(tags).toContain(cacheTag.article("fr", canola.fr.slug));
  });

  it("a takedown removes the version and touches its old URL", () => {
    const after = repo(replaced("canola-trade-china", "fr", () => null));
    const { tags, removed, upserted } = describeChange(before, after);
    expect(removed).toEqual([{ locale: "fr", id: "canola-trade-china" }]);
    expect(upserted).toEqual([]);
    expect(tags).toContain(cacheTag.article("fr", canola.fr.slug));
    expect(tags).toContain(cacheTag.home("fr"));
  });

  it("a slug change touches both the old and the new URL", () => {
    const after = repo(
      replaced("canola-trade-china", "en", (a) => ({
        ...a,
        slug: "canola-new",
        formerSlugs: [a.slug],
      })),
    );
    const { tags } = describeChange(before, after);
    expect(tags).toContain(cacheTag.article("en", canola.en.slug));
    expect(tags).toContain(cacheTag.article("en", "canola-new"));
  });

  it("a section move touches the old and the new section", () => {
    const after = repo(
      replaced("canola-trade-china", "en", (a) => ({
        ...a,
        section: "politics",
      })),
    );
    const { tags } = describeChange(before, after);
    expect(tags).toContain(cacheTag.section("en", "business"));
    expect(tags).toContain(cacheTag.section("en", "politics"));
  });

  it("nothing changed, nothing touched", () => {
    expect(describeChange(before, repo(seed)).tags).toEqual([]);
  });

  it('an unknown "before" or a changed taxonomy touches everything', () => {
    expect(describeChange(null, before).tags).toContain(SITE_TAG);
    const renamed = createContentRepository({
      taxonomy: {
        ...taxonomy,
        sections: taxonomy.sections.map((s) =>
          s.key === "world"
            ? { ...s, en: { ...s.en, label: "International" } }
            : s,
        ),
      },
      files: seed,
    });
    expect(describeChange(before, renamed).tags).toContain(SITE_TAG);
  });
});

describe("pathsOfTag: a tag maps back to its URLs in its language", () => {
  it.each([
    [
      "article-fr-canada-chine-relance",
      [
        "/fr/articles/canada-chine-relance",
        "/fr/articles/canada-chine-relance/opengraph-image",
      ],
    ],
    ["section-fr-economie", ["/fr/rubrique/economie"]],
    ["tag-fr-droits-de-douane", ["/fr/etiquette/droits-de-douane"]],
    ["home-en", ["/en"]],
    ["feed-fr", ["/fr/feed.xml"]],
    ["sitemap", ["/sitemap.xml"]],
  ])("%s", (tag, paths) => {
    expect(pathsOfTag(tag).paths).toEqual(paths);
  });

  it("Next knows localized routes by their internal path", () => {
    expect(pathsOfTag("section-fr-economie").routePaths).toEqual([
      "/fr/section/economie",
    ]);
    expect(pathsOfTag("search-fr")).toMatchObject({
      prefixes: ["/fr/recherche?"],
      routePaths: ["/fr/search"],
    });
  });

  it.each(["article-de-x", "article-en-../../etc", "nonsense", "article-en-"])(
    "covers nothing for %s",
    (tag) => {
      expect(pathsOfTag(tag)).toEqual({
        paths: [],
        prefixes: [],
        routePaths: [],
      });
    },
  );
});

describe("cacheTagHeaderRules", () => {
  const rules = cacheTagHeaderRules();

  it("names each page kind by its own path parts, in both languages", () => {
    expect(rules.length).toBeGreaterThan(10);
    const sources = rules.map((r) => r.source);
    expect(sources).toContain(
      "/fr/rubrique/:section([a-z0-9][a-z0-9-]{0,199})",
    );
    expect(sources).toContain("/en/articles/:slug([a-z0-9][a-z0-9-]{0,199})");
    const article = rules.find(
      (r) =>
        r.source.startsWith("/fr/articles/:slug") &&
        !r.source.endsWith("opengraph-image"),
    );
    expect(article?.headers).toEqual([
      { key: "Cache-Tag", value: "article-fr-:slug,site" },
      { key: "Surrogate-Key", value: "article-fr-:slug site" },
    ]);
  });

  it("only takes slug-shaped parameters, so a junk path cannot grow a header", () => {
    const slugRule = rules.find(
      (r) =>
        r.source.startsWith("/en/articles/:slug") &&
        !r.source.endsWith("opengraph-image"),
    );
    const pattern = new RegExp(`^${slugRule!.source.replace(":slug", "")}$`);
    expect(pattern.test("/en/articles/canada-china-reset")).toBe(true);
    expect(pattern.test(`/en/articles/${"a".repeat(5000)}`)).toBe(false);
    expect(pattern.test("/en/articles/%41%41")).toBe(false);
  });
});
