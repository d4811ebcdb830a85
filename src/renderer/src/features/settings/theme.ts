import type { Theme } from '../../../../shared/workspace/workspace';

/** 'system' removes the attribute so styles.css follows prefers-color-scheme; light/dark force one. */
export function applyTheme(theme: Theme | undefined, root: HTMLElement = document.documentElement): void {
  if (!theme || theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
