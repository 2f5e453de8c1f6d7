import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const STATIC_PAGE_CACHE_CONTROL: string;
export declare function createStaticPageCache(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): {
  handleRequest: (req: IncomingMessage, res: ServerResponse) => unknown;
  stats: () => { entries: number; uncacheable: number; hits: number; misses: number };
};
