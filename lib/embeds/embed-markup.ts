/**
 * The contract between the placeholder the server writes
 * (lib/embeds/embed-placeholder.ts) and the browser code that swaps it for
 * an iframe (lib/embeds/embed-frame.ts). Kept apart so that the browser
 * bundle gets these names, not the server's HTML builder and messages.
 */
export const EMBED_ATTRIBUTES = {
  provider: 'data-embed-provider',
  id: 'data-embed-id',
  /** On "Load this once". */
  load: 'data-embed-load',
} as const;

export const EMBED_CLASS = {
  root: 'embed',
  /** Set on the root once the iframe is in: the placeholder stays, invisible, holding the box. */
  loaded: 'embed--loaded',
  frame: 'embed__frame',
  placeholder: 'embed__placeholder',
  iframe: 'embed__iframe',
  caption: 'embed__caption',
} as const;
