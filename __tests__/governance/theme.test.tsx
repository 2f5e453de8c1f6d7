import { act, fireEvent, screen } from '@testing-library/react';
import { ThemeActivator } from '@/components/theme/ThemeActivator';
import { ThemeChoice } from '@/components/theme/ThemeChoice';
import { chooseTheme, THEME_INLINE_SCRIPT, storedTheme } from '@/lib/theme/theme-preference';
import { findRegistryEntry, withdrawalRules } from '@/lib/consent/cookie-registry';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
import { aConsentRecord } from '../support/consent-record';
import { bothLocales, messagesByLocale, renderWithLocale } from '../support/render-with-locale';

const root = document.documentElement;
const runThemeScript = () => new Function(THEME_INLINE_SCRIPT)();
const showTab = () =>
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });

let written: string[];
beforeEach(() => {
  clearCookiesAndMarks();
  document.cookie = 'theme=; Max-Age=0; Path=/';
  root.removeAttribute('data-theme');
  runInlineConsentScript();
  showTab();
  // jsdom's cookie jar hides attributes (Max-Age, SameSite): record what the code writes.
  written = [];
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  jest.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
    written.push(value);
    descriptor.set!.call(document, value);
  });
});
afterEach(() => jest.restoreAllMocks());

const DAY_MS = 86_400_000;
/** The theme cookie strings written, as value and attributes (names lower-cased, `true` for a flag). */
function themeWrites() {
  return written
    .map((line) => line.split(/;\s*/))
    .filter(([pair]) => pair?.startsWith('theme='))
    .map(([pair = '', ...attributes]) => ({
      value: pair.slice('theme='.length),
      attributes: Object.fromEntries(
        attributes.map((a) => {
          const [name = '', ...rest] = a.split('=');
          return [name.toLowerCase(), rest.length ? rest.join('=') : true];
        }),
      ) as Record<string, string | true>,
    }));
}
/** Days from now until a written cookie expires, or null for a session cookie. */
function daysToLive(write: { attributes: Record<string, string | true> }): number | null {
  const expires = write.attributes.expires;
  if (typeof expires !== 'string') return null;
  return Math.round((Date.parse(expires) - Date.now()) / DAY_MS);
}
const SESSION = { path: '/', samesite: 'lax' };

describe('the inline theme script', () => {
  it.each(['light', 'dark'])('puts a stored %s theme on <html> before the body is parsed', (theme) => {
    document.cookie = `other=1; Path=/`;
    document.cookie = `theme=${theme}; Path=/`;
    runThemeScript();
    expect(root.getAttribute('data-theme')).toBe(theme);
  });

  it.each(['system', 'blue', '"><script>', ''])('leaves the system theme for a cookie of %j', (value) => {
    document.cookie = `theme=${value}; Path=/`;
    runThemeScript();
    expect(root.hasAttribute('data-theme')).toBe(false);
  });

  it('does not mistake another cookie ending in "theme" for it', () => {
    document.cookie = 'mytheme=dark; Path=/';
    runThemeScript();
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(storedTheme('mytheme=dark')).toBeNull();
  });

  it('stays tiny', () => {
    expect(THEME_INLINE_SCRIPT.length).toBeLessThan(200);
  });
});

describe('the theme cookie', () => {
  it('is a session cookie without preferences, a year with them, and deleted for "system"', () => {
    chooseTheme('dark');
    chooseTheme('light', 365);
    chooseTheme('system', 365);
    const [session, year, system] = themeWrites();
    expect(themeWrites()).toHaveLength(3);
    expect(session).toEqual({ value: 'dark', attributes: SESSION });
    expect(year).toMatchObject({ value: 'light', attributes: SESSION });
    expect(daysToLive(year!)).toBe(365);
    expect(system?.value).toBe('');
    expect(daysToLive(system!)).toBeLessThan(0);
    expect(storedTheme()).toBeNull();
  });

  it('is the registry’s preferences cookie, kept for the session on withdrawal', () => {
    expect(findRegistryEntry('theme')).toMatchObject({ category: 'preferences', duration: { kind: 'session-or-days', days: 365 } });
    expect(withdrawalRules().find((r) => r.name === 'theme')).toMatchObject({ keepForSession: true });
  });
});

describe.each(bothLocales)('the footer theme control (%s)', (locale) => {
  const t = messagesByLocale[locale].Theme;
  const select = () => screen.getByRole('combobox', { name: t.label }) as HTMLSelectElement;

  function renderControl() {
    return renderWithLocale(
      <>
        <ThemeChoice />
        <ThemeActivator />
      </>,
      locale,
    );
  }

  it('has a visible label and the three choices, system first', () => {
    renderControl();
    expect(screen.getByText(t.label).tagName).toBe('LABEL');
    expect([...select().options].map((o) => [o.value, o.textContent])).toEqual([
      ['system', t.system],
      ['light', t.light],
      ['dark', t.dark],
    ]);
  });

  it('shows the theme the inline script applied', () => {
    document.cookie = 'theme=dark; Path=/';
    runThemeScript();
    renderControl();
    expect(select().value).toBe('dark');
  });

  it('without preferences: applies the choice and keeps it for the session only', () => {
    renderControl();
    fireEvent.change(select(), { target: { value: 'dark' } });
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(themeWrites()).toEqual([{ value: 'dark', attributes: SESSION }]);
    fireEvent.change(select(), { target: { value: 'system' } });
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(storedTheme()).toBeNull();
  });

  it('with preferences: keeps it a year, and a session choice becomes a year when preferences are granted', () => {
    renderControl();
    fireEvent.change(select(), { target: { value: 'light' } });
    expect(themeWrites().at(-1)).toEqual({ value: 'light', attributes: SESSION });
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: false } }));
    showTab();
    expect(themeWrites().at(-1)).toMatchObject({ value: 'light', attributes: SESSION });
    expect(daysToLive(themeWrites().at(-1)!)).toBe(365);
    fireEvent.change(select(), { target: { value: 'dark' } });
    expect(themeWrites().at(-1)).toMatchObject({ value: 'dark', attributes: SESSION });
    expect(daysToLive(themeWrites().at(-1)!)).toBe(365);
  });

  it('ignores a value that is not a theme', () => {
    renderControl();
    const option = document.createElement('option');
    option.value = 'blue';
    select().append(option);
    fireEvent.change(select(), { target: { value: 'blue' } });
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(themeWrites()).toEqual([]);
  });
});
