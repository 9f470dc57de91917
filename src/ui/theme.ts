/** The light/dark theme: remembered in localStorage, first taken from the system preference. */
export type Theme = 'light' | 'dark';
export const THEME_KEY = 'shardscope.theme';

export function initialTheme(): Theme {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(THEME_KEY);
  } catch {
    /* storage blocked */
  }
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    /* private mode: the theme just is not remembered */
  }
}
