import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const STATIC_PAGE_CACHE_CONTROL: string;
export declare const PER_URL_HEADER: string;
export declare const NOT_FOUND_CACHE_CONTROL: string;
export declare function createStaticPageCache(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  limits?: { maxUrlEntries?: number; maxUrlBytes?: number },
): {
  handleRequest: (req: IncomingMessage, res: ServerResponse) => unknown;
  purge: (paths: readonly string[], prefixes: readonly string[]) => number;
  purgeAll: () => number;
  stats: () => { entries: number; urlEntries: number; urlBytes: number; uncacheable: number; hits: number; misses: number; purged: number };
};
