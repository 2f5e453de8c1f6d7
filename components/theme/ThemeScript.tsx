import { THEME_INLINE_SCRIPT } from '@/lib/theme/theme-preference';

/** In <head>, so that a stored theme is there before the first paint. */
export function ThemeScript() {
  return <script id="theme-mark" dangerouslySetInnerHTML={{ __html: THEME_INLINE_SCRIPT }} />;
}
