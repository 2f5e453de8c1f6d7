import { renderArticleBody } from '@/lib/content/article-body';
import { ContentError } from '@/lib/content/content-error';
import { renderMarkdown } from '@/lib/content/markdown';
import { getArticleBySlug } from '@/lib/content/repository';
import { embedProviders, embedUrlFor, getEmbedProvider } from '@/lib/embeds/providers';
import { messagesByLocale } from '../support/render-with-locale';

const ENERGY_SLUG = { en: 'canada-energy-trade', fr: 'commerce-energie-canada' } as const;
const BBOX = '-123.13,49.27,-122.93,49.32';
const osm = (attributes = `provider="openstreetmap" id="${BBOX}" title="Map of Burrard Inlet"`) =>
  `Before the map.\n\n::embed{${attributes}}\n\nAfter the map.`;

// Every provider's origin and host: none may be in the HTML before consent.
const thirdPartyText = embedProviders.flatMap((p) => [p.origin, new URL(p.origin).host, p.embedUrl('x').split('?')[0]!]);

function parse(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

describe.each(['en', 'fr'] as const)('the ::embed directive (%s)', (locale) => {
  const t = messagesByLocale[locale].Embeds;

  it('becomes a localized placeholder with both buttons, and no third-party URL anywhere', () => {
    const { html } = renderMarkdown(osm(), { locale });
    expect(thirdPartyText.length).toBeGreaterThan(0);
    for (const text of thirdPartyText) expect(html).not.toContain(text);
    expect(html).not.toMatch(/https?:\/\//);
    const figure = parse(html).querySelector('figure.embed')!;
    expect(figure.getAttribute('data-embed-provider')).toBe('openstreetmap');
    expect(figure.getAttribute('data-embed-id')).toBe(BBOX);
    expect(figure.querySelector('.embed__provider')?.textContent).toBe(t.placeholderTitle.replace('{provider}', 'OpenStreetMap'));
    expect(figure.querySelector('.embed__notice')?.textContent).toContain(t.notice.replace('{provider}', 'OpenStreetMap'));
    expect(figure.querySelector('.embed__notice a')?.getAttribute('href')).toBe(locale === 'en' ? '/en/cookies' : '/fr/temoins');
    const buttons = [...figure.querySelectorAll('button')];
    expect(buttons.map((b) => [b.textContent, b.type])).toEqual([
      [t.loadOnce, 'button'],
      [t.alwaysAllow, 'button'],
    ]);
    expect(buttons[0]!.hasAttribute('data-embed-load')).toBe(true);
    expect(buttons[1]!.getAttribute('data-consent-open')).toBe('marketing');
    const caption = figure.querySelector('figcaption')!;
    expect(caption.textContent).toBe('Map of Burrard Inlet');
    for (const button of buttons) expect(button.getAttribute('aria-describedby')).toBe(caption.id);
    // The box has the provider's shape before anything loads: no layout shift.
    expect(figure.querySelector<HTMLElement>('.embed__frame')?.getAttribute('style')).toBe('aspect-ratio: 3 / 2');
  });

  it('keeps the interface text out of the words counted and indexed, but not the caption', () => {
    const { text } = renderMarkdown(osm(), { locale });
    expect(text).toBe('Before the map. Map of Burrard Inlet After the map.');
    expect(text).not.toContain(t.loadOnce);
  });

  it('is in the energy article, labelled, without the map URL', () => {
    const article = getArticleBySlug(locale, ENERGY_SLUG[locale])!;
    const { html } = renderArticleBody(article);
    expect(thirdPartyText.length).toBeGreaterThan(0);
    for (const text of thirdPartyText) expect(html).not.toContain(text);
    const figures = parse(html).querySelectorAll('figure.embed');
    expect(figures).toHaveLength(1);
    expect(figures[0]!.querySelector('figcaption')?.textContent).toMatch(locale === 'en' ? /^Map of Burrard Inlet/ : /^Carte de la baie Burrard/);
    expect(embedUrlFor('openstreetmap', figures[0]!.getAttribute('data-embed-id')!)).toContain('bbox=-123.13%2C49.27');
  });
});

describe('an invalid directive stops the build, naming the file, the line and what is wrong', () => {
  const file = 'content/articles/broken/en.md';
  it.each([
    ['an unknown provider', 'provider="vimeo" id="123" title="x"', /provider "vimeo" is not one of youtube, openstreetmap/],
    ['a missing provider', 'id="123" title="x"', /provider "" is not one of/],
    ['an id of the wrong shape', 'provider="openstreetmap" id="Vancouver" title="x"', /id "Vancouver" is not a valid OpenStreetMap id/],
    ['a bounding box with its corners swapped', 'provider="openstreetmap" id="-122.93,49.32,-123.13,49.27" title="x"', /is not a valid OpenStreetMap id/],
    ['a latitude out of range', 'provider="openstreetmap" id="-123.1,89.5,-123.0,95.1" title="x"', /is not a valid OpenStreetMap id/],
    ['a YouTube id with a URL in it', 'provider="youtube" id="https://evil.example/x" title="x"', /is not a valid YouTube id/],
    ['no title', `provider="openstreetmap" id="${BBOX}"`, /needs a title/],
    ['an unknown attribute', `provider="openstreetmap" id="${BBOX}" title="x" src="https://evil.example"`, /unknown attribute\(s\) src/],
    ['a repeated attribute', `provider="openstreetmap" provider="youtube" id="${BBOX}" title="x"`, /name="value" pairs, each once/],
    ['unquoted attributes', `provider=openstreetmap id="${BBOX}" title="x"`, /name="value" pairs/],
  ])('%s', (_label, attributes, message) => {
    const run = () => renderArticleBody({ body: osm(attributes), locale: 'en', file });
    expect(run).toThrow(ContentError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as ContentError).problems).toEqual([{ file, field: 'body', message: expect.stringMatching(/^line 3: ::embed/) }]);
      expect((error as ContentError).message).toContain(`${file}: body line 3:`);
    }
  });

  it('an unknown directive name, rather than publishing it as text', () => {
    expect(() => renderMarkdown('::video{id="x"}', { file })).toThrow(/::video is not a known directive/);
  });

  it('a directive run into the next line', () => {
    expect(() => renderMarkdown(`::embed{provider="openstreetmap" id="${BBOX}" title="x"}\nmore text`, { file })).toThrow(
      /on a line of its own/,
    );
  });
});

describe('the sanitizer stays in force', () => {
  it('drops a hand-written slot or placeholder (raw HTML), so only a validated directive makes an embed', () => {
    const { html } = renderMarkdown(
      '<div data-embed-slot="0"></div>\n\n<figure class="embed" data-embed-provider="openstreetmap" data-embed-id="1,2,3,4"><iframe src="https://evil.example"></iframe></figure>\n\nText',
    );
    expect(html).toBe('<p>Text</p>');
  });

  it('still removes scripts, handlers and javascript: links next to an embed', () => {
    const { html } = renderMarkdown(`${osm()}\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>`);
    expect(html).toContain('figure class="embed"');
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('escapes the title', () => {
    const { html } = renderMarkdown(osm(`provider="openstreetmap" id="${BBOX}" title="<img src=x onerror=alert(1)>"`));
    expect(html).not.toContain('<img');
    expect(parse(html).querySelector('figcaption')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves ordinary prose with colons alone', () => {
    expect(renderMarkdown('Ratio 2::1, see:this and :smile:').html).toBe('<p>Ratio 2::1, see:this and :smile:</p>');
  });
});

describe('embed providers', () => {
  it('build URLs only from a known provider and a valid id', () => {
    expect(embedUrlFor('openstreetmap', BBOX)).toBe(
      'https://www.openstreetmap.org/export/embed.html?bbox=-123.13%2C49.27%2C-122.93%2C49.32&layer=mapnik',
    );
    expect(embedUrlFor('youtube', 'dQw4w9WgXcQ')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(embedUrlFor('youtube', 'dQw4w9WgXcQ/../../x')).toBeNull();
    expect(embedUrlFor('openstreetmap', `${BBOX}&layer=evil`)).toBeNull();
    expect(embedUrlFor('evil', BBOX)).toBeNull();
  });

  it('give every frame a sandbox and a shape', () => {
    expect(embedProviders.length).toBeGreaterThan(0);
    for (const provider of embedProviders) {
      expect(provider.sandbox).toMatch(/allow-scripts/);
      expect(provider.sandbox).not.toMatch(/allow-top-navigation|allow-forms|allow-modals|allow-downloads/);
      expect(provider.aspectRatio.every((n) => n > 0)).toBe(true);
      expect(getEmbedProvider(provider.key)).toBe(provider);
    }
  });
});
