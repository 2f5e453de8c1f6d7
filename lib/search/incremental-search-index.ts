import type { Locale } from '@/i18n/routing';
import type { SearchDocument } from './search-document';
import {
  buildSearchSegment,
  buildSearchSegmentInSteps,
  searchSegments,
  type SearchIndex,
  type SearchSegment,
  type SegmentView,
} from './search-index';

/**
 * Past this many changed or removed documents, a background merge folds them
 * into the main segment. The first search after a change rebuilds the whole
 * delta, ~0.75 ms of CPU a document (scripts/bench/search-scale.bench.ts):
 * ~35–40 ms just under 50, twice that at 100, which on a busy 2-core machine
 * was 100–140 ms of wall clock. A merge (seconds of background work) still
 * comes only every 50 changes, a few times a day at a newsroom's pace.
 */
export const DELTA_MERGE_THRESHOLD = 50;

/**
 * How long a merge works before it lets requests in: a search takes a few
 * milliseconds, so one arriving mid-merge waits about as long again.
 */
const MERGE_STEP_MS = 10;

export type IncrementalSearchIndex = SearchIndex & {
  /** Adds a document, or replaces the one with its id. Documents of other languages are ignored. */
  upsert(document: SearchDocument): void;
  remove(id: string): void;
  /**
   * Rebuilds the main segment with every change so far, in steps between
   * requests; resolves once searches use it. Changes made meanwhile are kept.
   */
  merge(): Promise<void>;
  /** Documents changed or removed since the main segment was built. */
  readonly pendingChanges: number;
  /** Abandons a merge in progress (the index is being replaced); searches still work. */
  dispose(): void;
};

export type IncrementalSearchIndexOptions = {
  mergeThreshold?: number;
  /** How a merge yields between steps; the default lets pending I/O and timers run first. */
  pause?: () => Promise<void>;
};

type Change = { document: SearchDocument | null; version: number };

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A language's index that takes single-document changes without a full
 * rebuild: a large immutable main segment with the stale documents hidden,
 * and a small delta segment of the changed ones, searched together
 * (docs/architecture/0007-incremental-search-index.md).
 */
export function createIncrementalSearchIndex(
  locale: Locale,
  documents: readonly SearchDocument[],
  { mergeThreshold = DELTA_MERGE_THRESHOLD, pause = nextMacrotask }: IncrementalSearchIndexOptions = {},
): IncrementalSearchIndex {
  let main: SearchSegment = buildSearchSegment(locale, documents);
  let positions = positionsOf(main);
  let hidden = new Uint8Array(main.documents.length);
  let hiddenCount = 0;
  /** The latest change of every document changed since `main` was built. */
  const changes = new Map<string, Change>();
  let version = 0;
  /** `null` when a change made it stale: rebuilt by the next search, so a burst of changes costs one build. */
  let delta: SearchSegment | null = null;
  let merging: Promise<void> | null = null;
  let disposed = false;

  function hide(id: string) {
    const at = positions.get(id);
    if (at !== undefined && hidden[at] === 0) {
      hidden[at] = 1;
      hiddenCount += 1;
    }
  }

  function changedDocuments(): SearchDocument[] {
    return [...changes.values()].flatMap((change) => change.document ?? []);
  }

  function record(id: string, document: SearchDocument | null) {
    version += 1;
    // Deleted first so that the map's order stays the order of the latest changes.
    changes.delete(id);
    changes.set(id, { document, version });
    hide(id);
    delta = null;
    if (changes.size >= mergeThreshold && !merging) {
      merge().catch((error: unknown) => {
        // The index stays correct without the merge (main + delta); the next change tries again.
        console.error(`Search index (${locale}): background merge failed`, error);
      });
    }
  }

  function upsert(document: SearchDocument) {
    // A copy: the caller (a CMS hook) may reuse its object, and hits hand this one to the page.
    if (document.locale === locale) record(document.id, { ...document });
  }

  function remove(id: string) {
    record(id, null);
  }

  function views(): SegmentView[] {
    delta ??= buildSearchSegment(locale, changedDocuments());
    const all: SegmentView[] = [{ segment: main, hidden: hiddenCount > 0 ? hidden : undefined }];
    if (delta.documents.length > 0) all.push({ segment: delta });
    return all;
  }

  async function mergeInSteps() {
    const since = version;
    const live = [...main.documents.filter((_, doc) => hidden[doc] === 0), ...changedDocuments()];
    const steps = buildSearchSegmentInSteps(locale, live, MERGE_STEP_MS);
    let step = steps.next();
    while (!step.done) {
      await pause();
      if (disposed) return;
      step = steps.next();
    }
    main = step.value;
    positions = positionsOf(main);
    hidden = new Uint8Array(main.documents.length);
    hiddenCount = 0;
    // What changed while the merge ran is not in the new main segment: it stays in the delta.
    for (const [id, change] of changes) {
      if (change.version <= since) changes.delete(id);
      else hide(id);
    }
    delta = null;
  }

  function merge(): Promise<void> {
    merging ??= mergeInSteps().finally(() => {
      merging = null;
    });
    return merging;
  }

  return {
    locale,
    get documentCount() {
      return main.documents.length - hiddenCount + changedDocuments().length;
    },
    get pendingChanges() {
      return changes.size;
    },
    search: (request) => searchSegments(locale, views(), request),
    upsert,
    remove,
    merge,
    dispose() {
      disposed = true;
    },
  };
}

function positionsOf(segment: SearchSegment): Map<string, number> {
  return new Map(segment.documents.map((document, at) => [document.id, at]));
}
