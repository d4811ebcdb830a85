import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { applyTheme } from './theme';

/** Keeps <html data-theme> in step with the saved setting, from launch on. */
export function useThemeSetting(): void {
  const theme = useAppStore((s) => s.settings?.theme);
  useEffect(() => applyTheme(theme), [theme]);
}
