/**
 * Third-party embed providers an article may use. Each one is gated by the
 * `marketing` consent category, and its origin is the only thing the
 * Content-Security-Policy lets into frames.
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
};

export const embedProviders: readonly EmbedProvider[] = [
  {
    key: 'youtube',
    name: 'YouTube',
    // The privacy-enhanced domain sets no cookies until the reader plays.
    origin: 'https://www.youtube-nocookie.com',
    embedUrl: (id) => `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}`,
    idPattern: /^[A-Za-z0-9_-]{11}$/,
  },
  {
    key: 'openstreetmap',
    name: 'OpenStreetMap',
    origin: 'https://www.openstreetmap.org',
    // id is a bounding box "minLon,minLat,maxLon,maxLat"
    embedUrl: (id) => `https://www.openstreetmap.org/export/embed.html?bbox=${encodeURIComponent(id)}&layer=mapnik`,
    idPattern: /^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/,
  },
];

export function getEmbedProvider(key: string): EmbedProvider | undefined {
  return embedProviders.find((p) => p.key === key);
}
