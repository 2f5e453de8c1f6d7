import type { IncomingHttpHeaders } from 'node:http';
import type { ConsentRecord } from '@/lib/consent/consent-cookie';
import type { PageView } from '@/lib/store/consent-store';

export type { ConsentRecord, PageView };

/** What the store must hold afterwards: the only writes the suite means. */
export type ValidWrite = { kind: 'consent'; record: ConsentRecord } | { kind: 'metrics'; view: PageView };

export type HostileRequest = {
  category: string;
  method: string;
  /** As sent on the request line. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body without Content-Length. */
  chunked?: boolean;
  /** Bytes written on a bare TCP socket instead. */
  raw?: Buffer;
  /** Closing the connection without an answer is acceptable. */
  mayClose?: boolean;
  valid?: ValidWrite;
};

/** An answer; status -1: the client refused to send, 0: no HTTP answer. */
export type Outcome = { status: number; headers: IncomingHttpHeaders; body: Buffer; error?: string; ms: number };

/** What the generators aim at: the site's real pages and the run's valid writes. */
export type Targets = {
  /** Reader pages: the sitemap's, the localized fixed pages, and a few odd ones. */
  pages: string[];
  /** Article pages in every language (real ones, from the sitemap). */
  articles: string[];
  searchPaths: string[];
  /** The cookie policy in every language. */
  cookiePages: string[];
  /** Paths the valid page views report. */
  viewPaths: string[];
  receipts: ConsentRecord[];
  /** The clock the receipts are dated by (epoch seconds): a seed replays the same requests relative to it. */
  nowSeconds: number;
  metricsToken: string;
  editorEmail: string;
};
