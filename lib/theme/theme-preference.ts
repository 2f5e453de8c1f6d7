import { deleteCookie, writeCookie } from '@/lib/browser-cookie';

/**
 * The reader's theme: light, dark, or the system's (the default, stored as
 * nothing). Stored in the `theme` cookie of the registry: a session cookie,
 * or one that lives PREFERENCE_COOKIE_DAYS once `preferences` is granted.
 * Remembering an interface choice for the session is exempt from consent
 * (CNIL guidelines 2020-091, art. 5: user-interface customisation); keeping
 * it beyond the session is what the `preferences` category asks for.
 *
 * No React here: the inline <head> script and the footer island share it.
 */
export const THEME_COOKIE = 'theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
/** The footer's <select> (ThemeChoice), found by the island that brings it to life. */
export const THEME_SELECT_ID = 'theme-select';

export function isTheme(value: unknown): value is Theme {
  return (THEMES as readonly unknown[]).includes(value);
}

/** A stored light or dark theme in `document.cookie`; read by the inline script and by storedTheme(). */
const STORED_THEME = new RegExp(`(?:^|;\\s*)${THEME_COOKIE}=(light|dark)(?:;|$)`);

/**
 * Runs in <head> before the body is parsed, so a stored theme is painted
 * from the first frame. It only sets data-theme on <html> (which carries
 * suppressHydrationWarning for the consent marks already); globals.css does
 * the rest. About 130 bytes, identical on every page.
 */
export const THEME_INLINE_SCRIPT = `try{var m=${STORED_THEME}.exec(document.cookie);if(m)document.documentElement.setAttribute('data-theme',m[1])}catch(e){}`;

/** The theme on <html> now (set by the inline script or by a choice). */
export function currentTheme(root: HTMLElement = document.documentElement): Theme {
  const value = root.getAttribute('data-theme');
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The stored cookie value, if any. */
export function storedTheme(cookie: string = document.cookie): Exclude<Theme, 'system'> | null {
  const match = STORED_THEME.exec(cookie);
  return (match?.[1] as Exclude<Theme, 'system'> | undefined) ?? null;
}

/** Applies a choice to the page and stores it. */
export function chooseTheme(theme: Theme, persistDays?: number): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  // "System" is the default: nothing needs remembering.
  if (theme === 'system') deleteCookie(THEME_COOKIE);
  else writeCookie(THEME_COOKIE, theme, persistDays);
}
