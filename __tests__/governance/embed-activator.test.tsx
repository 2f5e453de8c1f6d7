import { act, fireEvent, render } from '@testing-library/react';
import { EmbedActivator } from '@/components/embeds/EmbedActivator';
import { renderMarkdown } from '@/lib/content/markdown';
import { loadEmbed, unloadEmbed } from '@/lib/embeds/embed-frame';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
import { aConsentRecord } from '../support/consent-record';

const BBOX = '-123.13,49.27,-122.93,49.32';
const MAP_URL = 'https://www.openstreetmap.org/export/embed.html?bbox=-123.13%2C49.27%2C-122.93%2C49.32&layer=mapnik';
const markdown = [
  `::embed{provider="openstreetmap" id="${BBOX}" title="Map of Burrard Inlet"}`,
  '::embed{provider="youtube" id="dQw4w9WgXcQ" title="A video"}',
].join('\n\n');

function showTab() {
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

function decide(c: { preferences: boolean; analytics: boolean; marketing: boolean }) {
  storeConsent(aConsentRecord({ c }));
  showTab();
}

const figures = () => [...document.querySelectorAll<HTMLElement>('figure.embed')];
const iframes = () => [...document.querySelectorAll('iframe')];
const article = () => document.querySelector<HTMLElement>('article')!;

beforeEach(() => {
  clearCookiesAndMarks();
  runInlineConsentScript();
  showTab();
  document.body.innerHTML = `<article>${renderMarkdown(markdown, { locale: 'en' }).html}</article>`;
});

describe('loadEmbed', () => {
  it('builds the iframe from the provider table: title, lazy, referrer policy, sandbox, over the placeholder', () => {
    const iframe = loadEmbed(figures()[0]!)!;
    expect(iframe.getAttribute('src')).toBe(MAP_URL);
    expect(iframe.title).toBe('Map of Burrard Inlet');
    expect(iframe.getAttribute('loading')).toBe('lazy');
    expect(iframe.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(iframe.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    expect(iframe.parentElement?.classList.contains('embed__frame')).toBe(true);
    expect(figures()[0]!.classList.contains('embed--loaded')).toBe(true);
    // The placeholder stays in place (invisible by CSS), holding the box.
    expect(figures()[0]!.querySelector('.embed__placeholder')).not.toBeNull();
    expect(loadEmbed(figures()[0]!)).toBe(iframe);
    unloadEmbed(figures()[0]!);
    expect(iframes()).toHaveLength(0);
    expect(figures()[0]!.classList.contains('embed--loaded')).toBe(false);
  });

  it('frames nothing when the page was tampered with', () => {
    const figure = figures()[0]!;
    figure.setAttribute('data-embed-id', `${BBOX}&x=https://evil.example`);
    expect(loadEmbed(figure)).toBeNull();
    figure.setAttribute('data-embed-id', BBOX);
    figure.setAttribute('data-embed-provider', 'evil');
    expect(loadEmbed(figure)).toBeNull();
    expect(iframes()).toHaveLength(0);
  });
});

describe('EmbedActivator', () => {
  it('loads nothing before consent, then only the embed whose "Load this once" was pressed', () => {
    render(<EmbedActivator />, { container: article().appendChild(document.createElement('div')) });
    expect(iframes()).toHaveLength(0);
    fireEvent.click(figures()[0]!.querySelector('[data-embed-load]')!);
    expect(iframes().map((f) => f.getAttribute('src'))).toEqual([MAP_URL]);
    expect(document.activeElement).toBe(iframes()[0]);
    // Nothing is stored: no cookie, no storage.
    expect(document.cookie).not.toMatch(/embed|marketing/);
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('does not treat "Always allow" as consent: that is the dialog’s job', () => {
    render(<EmbedActivator />);
    fireEvent.click(figures()[0]!.querySelector('[data-consent-open="marketing"]')!);
    expect(iframes()).toHaveLength(0);
  });

  it('loads every embed once marketing is granted, and takes them out on withdrawal', () => {
    render(<EmbedActivator />);
    decide({ preferences: false, analytics: false, marketing: true });
    expect(iframes().map((f) => f.getAttribute('src'))).toEqual([MAP_URL, 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ']);
    decide({ preferences: false, analytics: false, marketing: false });
    expect(iframes()).toHaveLength(0);
    expect(figures()).toHaveLength(2);
    expect(figures().filter((f) => f.classList.contains('embed--loaded'))).toEqual([]);
  });

  it('loads every embed at once for a reader who granted marketing earlier', () => {
    decide({ preferences: false, analytics: false, marketing: true });
    render(<EmbedActivator />);
    expect(iframes()).toHaveLength(2);
  });

  it('keeps other categories from loading anything', () => {
    render(<EmbedActivator />);
    decide({ preferences: true, analytics: true, marketing: false });
    expect(iframes()).toHaveLength(0);
  });
});
