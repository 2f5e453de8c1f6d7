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

/**
 * Runs in <head> before the body is parsed, so a stored theme is painted
 * from the first frame. It only sets data-theme on <html> (which carries
 * suppressHydrationWarning for the consent marks already); globals.css does
 * the rest. About 130 bytes, identical on every page.
 */
export const THEME_INLINE_SCRIPT = `try{var m=/(?:^|;\\s*)${THEME_COOKIE}=(light|dark)(?:;|$)/.exec(document.cookie);if(m)document.documentElement.setAttribute('data-theme',m[1])}catch(e){}`;

/** The theme on <html> now (set by the inline script or by a choice). */
export function currentTheme(root: HTMLElement = document.documentElement): Theme {
  const value = root.getAttribute('data-theme');
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The stored cookie value, if any. */
export function storedTheme(cookie: string = document.cookie): Exclude<Theme, 'system'> | null {
  const match = new RegExp(`(?:^|;\\s*)${THEME_COOKIE}=(light|dark)(?:;|$)`).exec(cookie);
  return (match?.[1] as Exclude<Theme, 'system'> | undefined) ?? null;
}

/**
 * The Set-Cookie string for a choice: host-only, Path=/, SameSite=Lax,
 * Secure on https; Max-Age only when `persistDays` is given (preferences
 * granted), else a session cookie. "System" deletes the cookie: it is the
 * default, nothing needs remembering.
 */
export function themeCookie(theme: Theme, { persistDays, secure }: { persistDays?: number; secure: boolean }): string {
  const attributes = `; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  if (theme === 'system') return `${THEME_COOKIE}=${attributes}; Max-Age=0`;
  return `${THEME_COOKIE}=${theme}${attributes}${persistDays ? `; Max-Age=${persistDays * 86_400}` : ''}`;
}

/** Applies a choice to the page and stores it. */
export function chooseTheme(theme: Theme, persistDays?: number): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  document.cookie = themeCookie(theme, { persistDays, secure: location.protocol === 'https:' });
}
