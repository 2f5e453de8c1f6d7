import { useTranslations } from 'next-intl';
import { THEME_SELECT_ID, THEMES } from '@/lib/theme/theme-preference';
import './theme.css';

/**
 * The footer's theme choice: a native <select> with a visible label, server
 * rendered (no strings in JavaScript, no layout shift). "System" is first,
 * so it is what the static HTML shows; ThemeActivator then shows the stored
 * choice and makes changes take effect. Without JavaScript it changes
 * nothing, like every optional feature.
 */
export function ThemeChoice() {
  const t = useTranslations('Theme');
  return (
    <div className="theme-select">
      <label htmlFor={THEME_SELECT_ID}>{t('label')}</label>
      <select id={THEME_SELECT_ID}>
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {t(theme)}
          </option>
        ))}
      </select>
    </div>
  );
}
