import { act, fireEvent, screen } from '@testing-library/react';
import { ThemeActivator } from '@/components/theme/ThemeActivator';
import { ThemeChoice } from '@/components/theme/ThemeChoice';
import { THEME_INLINE_SCRIPT, themeCookie, storedTheme } from '@/lib/theme/theme-preference';
import { findRegistryEntry, withdrawalRules } from '@/lib/consent/cookie-registry';
import { aRecord, clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
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
    expect(themeCookie('dark', { secure: false })).toBe('theme=dark; Path=/; SameSite=Lax');
    expect(themeCookie('light', { persistDays: 365, secure: true })).toBe('theme=light; Path=/; SameSite=Lax; Secure; Max-Age=31536000');
    expect(themeCookie('system', { persistDays: 365, secure: false })).toBe('theme=; Path=/; SameSite=Lax; Max-Age=0');
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
    expect(written.filter((c) => c.startsWith('theme='))).toEqual(['theme=dark; Path=/; SameSite=Lax']);
    fireEvent.change(select(), { target: { value: 'system' } });
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(storedTheme()).toBeNull();
  });

  it('with preferences: keeps it a year, and a session choice becomes a year when preferences are granted', () => {
    renderControl();
    fireEvent.change(select(), { target: { value: 'light' } });
    expect(written.at(-1)).toBe('theme=light; Path=/; SameSite=Lax');
    storeConsent(aRecord({ c: { preferences: true, analytics: false, marketing: false } }));
    showTab();
    expect(written.at(-1)).toBe('theme=light; Path=/; SameSite=Lax; Max-Age=31536000');
    fireEvent.change(select(), { target: { value: 'dark' } });
    expect(written.at(-1)).toBe('theme=dark; Path=/; SameSite=Lax; Max-Age=31536000');
  });

  it('ignores a value that is not a theme', () => {
    renderControl();
    const option = document.createElement('option');
    option.value = 'blue';
    select().append(option);
    fireEvent.change(select(), { target: { value: 'blue' } });
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(written.filter((c) => c.startsWith('theme='))).toEqual([]);
  });
});
