/** @jest-environment node */
import type { ContentChange } from "@/lib/publishing/change-tags";

// The layers publish-change drives, replaced by recorders: what matters here is which of them each kind of change reaches.
const calls: string[] = [];
const change: ContentChange = {
  tags: ["article-en-harbour-pilots", "home-en"],
  upserted: [
    { locale: "en", id: "harbour-pilots" } as ContentChange["upserted"][number],
  ],
  removed: [{ locale: "fr", id: "old-story" }],
};

jest.mock("next/cache", () => ({
  revalidatePath: (path: string) => calls.push(`next ${path}`),
}));
jest.mock("@/lib/content/live-content", () => ({
  reloadContent: async () => {
    calls.push("reload");
    return { before: {}, after: {} };
  },
}));
jest.mock("@/lib/publishing/change-tags", () => ({
  describeChange: () => change,
}));
jest.mock("@/lib/search/content-search", () => ({
  articleToSearchDocument: (article: { id: string }) => ({
    id: article.id,
    locale: "en",
  }),
}));
jest.mock("@/lib/search/live-search", () => ({
  siteSearch: {
    shared: true,
    upsertDocument: async (document: { id: string }) =>
      calls.push(`search upsert ${document.id}`),
    removeDocument: async (locale: string, id: string) =>
      calls.push(`search remove ${locale} ${id}`),
    reset: () => calls.push("search reset"),
    forgetTopics: () => calls.push("search forget topics"),
  },
}));
jest.mock("@/lib/publishing/cdn-purge", () => ({
  purgeCdnTags: async (tags: string[]) => {
    calls.push(`cdn ${tags.join(" ")}`);
    return "purged";
  },
}));
jest.mock("@/lib/publishing/change-channel", () => ({
  publishToInstances: async (published: { tags: string[] }) => {
    calls.push(`instances ${published.tags.join(" ")}`);
    return { ...published, id: 1, at: new Date(), origin: "here" };
  },
}));

import {
  applyChangeFromOtherInstance,
  publishChange,
} from "@/lib/publishing/publish-change";
import { PAGE_CACHE_KEY } from "@/lib/publishing/page-cache-bridge";

beforeAll(() => {
  Object.assign(globalThis, {
    [PAGE_CACHE_KEY]: {
      purge: (paths: string[]) => {
        calls.push(`page cache ${paths.join(" ")}`);
        return paths.length;
      },
      purgeAll: () => {
        calls.push("page cache all");
        return 1;
      },
    },
  });
});

beforeEach(() => {
  calls.length = 0;
});

/** The paths handed to the page cache's purge. */
const purgedPaths = () =>
  calls
    .find((c) => c.startsWith("page cache "))
    ?.slice("page cache ".length)
    .split(" ") ?? [];

describe("publishing a change on several instances", () => {
  it("the publishing instance runs every layer, then tells the other instances once", async () => {
    await publishChange("article changed");
    expect(calls[0]).toBe("reload");
    expect(calls).toContain("next /en/articles/harbour-pilots");
    expect(purgedPaths()).toEqual(
      expect.arrayContaining(["/en/articles/harbour-pilots", "/en"]),
    );
    expect(calls).toContain("search upsert harbour-pilots");
    expect(calls).toContain("search remove fr old-story");
    expect(calls.filter((c) => c.startsWith("cdn "))).toEqual([
      "cdn article-en-harbour-pilots home-en",
    ]);
    expect(calls.filter((c) => c.startsWith("instances "))).toEqual([
      "instances article-en-harbour-pilots home-en",
    ]);
  });

  it("a change from another instance runs the local layers only: no CDN, no search write, no echo", async () => {
    await applyChangeFromOtherInstance({
      id: 7,
      origin: "instance-a",
      tags: ["article-en-harbour-pilots", "home-en"],
    });
    expect(calls[0]).toBe("reload");
    expect(calls).toContain("next /en/articles/harbour-pilots");
    expect(purgedPaths()).toEqual(
      expect.arrayContaining(["/en/articles/harbour-pilots", "/en"]),
    );
    expect(calls.filter((c) => /^(cdn|instances|search) /.test(c))).toEqual([]);
  });

  it("an everything change from another instance purges everything and re-reads the topics, leaving the shared index alone", async () => {
    await applyChangeFromOtherInstance({
      id: 8,
      origin: "instance-a",
      tags: ["site"],
    });
    expect(calls).toEqual(
      expect.arrayContaining([
        "reload",
        "page cache all",
        "search forget topics",
      ]),
    );
    expect(calls).not.toContain("search reset");
  });
});
