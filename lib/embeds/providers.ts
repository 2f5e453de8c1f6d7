/**
 * Third-party embed providers an article may use. Each one is gated by the
 * `marketing` consent category, and its origin is the only thing the
 * Content-Security-Policy lets into frames.
 *
 * The article HTML never holds a provider URL (not even in an attribute):
 * it holds the provider key and the validated id, and the browser builds the
 * URL here once the reader agreed (lib/embeds/embed-frame.ts). The CNIL
 * counts a third-party player or map that can follow readers among the
 * trackers that need prior consent (guidelines 2020-091), and loading one is
 * already a transfer of the reader's IP address to the provider: nothing may
 * contact the provider before the reader says yes.
 */
export type EmbedProvider = {
  key: string;
  name: string;
  /** Origin the iframe is loaded from; also the CSP frame-src entry. */
  origin: string;
  /** Builds the iframe URL from the directive's `id` (already validated). */
  embedUrl: (id: string) => string;
  /** What a valid `id` looks like for this provider. */
  idPattern: RegExp;
  /** Checks the pattern cannot express (e.g. a bounding box's corners in order). */
  idIsSound?: (id: string) => boolean;
  /** Width and height of the frame: the placeholder reserves this box, so loading shifts nothing. */
  aspectRatio: readonly [number, number];
  /**
   * iframe `sandbox` tokens. Both players need scripts and their own origin
   * (storage, CORS requests to their servers); what the sandbox still takes
   * away is navigating our page, forms, downloads and modal dialogs.
   */
  sandbox: string;
  /** iframe `allow` (features delegated to the frame), if any. */
  allow?: string;
};

const BBOX_NUMBER = String.raw`-?\d{1,3}(?:\.\d{1,7})?`;

export const embedProviders: readonly EmbedProvider[] = [
  {
    key: 'youtube',
    name: 'YouTube',
    // The privacy-enhanced domain sets no cookies until the reader plays.
    origin: 'https://www.youtube-nocookie.com',
    embedUrl: (id) => `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}`,
    idPattern: /^[A-Za-z0-9_-]{11}$/,
    aspectRatio: [16, 9],
    // allow-presentation for full screen and casting; allow-popups for "Watch on YouTube".
    sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox',
    allow: 'encrypted-media; picture-in-picture; fullscreen',
  },
  {
    key: 'openstreetmap',
    name: 'OpenStreetMap',
    origin: 'https://www.openstreetmap.org',
    // id is a bounding box "minLon,minLat,maxLon,maxLat"
    embedUrl: (id) => `https://www.openstreetmap.org/export/embed.html?bbox=${encodeURIComponent(id)}&layer=mapnik`,
    idPattern: new RegExp(`^${BBOX_NUMBER},${BBOX_NUMBER},${BBOX_NUMBER},${BBOX_NUMBER}$`),
    idIsSound: (id) => {
      const [minLon = 0, minLat = 0, maxLon = 0, maxLat = 0] = id.split(',').map(Number);
      return minLon < maxLon && minLat < maxLat && minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90;
    },
    aspectRatio: [3, 2],
    // allow-popups: the map's attribution and "report a problem" links open a new tab.
    sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
  },
];

export function getEmbedProvider(key: string): EmbedProvider | undefined {
  return embedProviders.find((p) => p.key === key);
}

/** Whether `id` is one this provider's embed can be built from. */
export function isValidEmbedId(provider: EmbedProvider, id: string): boolean {
  return provider.idPattern.test(id) && (provider.idIsSound?.(id) ?? true);
}

/**
 * The iframe URL for a provider key and id, or null when either is not one
 * we know: the browser builds URLs only from this table, so a page cannot be
 * made to frame anything else, whatever its attributes say.
 */
export function embedUrlFor(key: string, id: string): string | null {
  const provider = getEmbedProvider(key);
  return provider && isValidEmbedId(provider, id) ? provider.embedUrl(id) : null;
}
