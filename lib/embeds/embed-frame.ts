import { EMBED_ATTRIBUTES, EMBED_CLASS } from './embed-markup';
import { embedUrlFor, getEmbedProvider } from './providers';

/**
 * Browser side of embeds, without React: puts the provider's iframe into a
 * placeholder the server wrote (lib/embeds/embed-placeholder.ts), or takes it
 * out again. The URL comes from the provider table and the validated id,
 * never from the page, so a tampered attribute frames nothing.
 */

export const EMBED_SELECTOR = `[${EMBED_ATTRIBUTES.provider}]`;
export const LOAD_ONCE_SELECTOR = `[${EMBED_ATTRIBUTES.load}]`;

export function embedFigures(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(EMBED_SELECTOR)];
}

/**
 * Adds the iframe over the placeholder, which stays in place but invisible
 * (see embeds.css), so the box keeps its size: no layout shift. Returns the
 * iframe, or null when the figure names no provider and id we accept.
 */
export function loadEmbed(figure: HTMLElement): HTMLIFrameElement | null {
  const current = figure.querySelector('iframe');
  if (current) return current;
  const key = figure.getAttribute(EMBED_ATTRIBUTES.provider) ?? '';
  const url = embedUrlFor(key, figure.getAttribute(EMBED_ATTRIBUTES.id) ?? '');
  const provider = getEmbedProvider(key);
  const frame = figure.querySelector(`.${EMBED_CLASS.frame}`);
  if (!url || !provider || !frame) return null;
  const iframe = document.createElement('iframe');
  iframe.className = EMBED_CLASS.iframe;
  iframe.title = figure.querySelector('figcaption')?.textContent?.trim() || provider.name;
  iframe.setAttribute('loading', 'lazy');
  // Also the site's Referrer-Policy; set on the frame so that a change of the
  // site header can never send the provider a full article URL with a query.
  iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
  iframe.setAttribute('sandbox', provider.sandbox);
  if (provider.allow) iframe.setAttribute('allow', provider.allow);
  iframe.src = url;
  frame.append(iframe);
  figure.classList.add(EMBED_CLASS.loaded);
  return iframe;
}

/** Back to the placeholder (a withdrawal stops what it gated, GDPR art. 7(3)). */
export function unloadEmbed(figure: HTMLElement): void {
  figure.querySelector('iframe')?.remove();
  figure.classList.remove(EMBED_CLASS.loaded);
}
