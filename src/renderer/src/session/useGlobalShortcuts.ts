import { useEffect } from 'react';

/**
 * App-wide shortcuts (Ctrl on Linux/Windows, Cmd on macOS):
 * F or / focus "Search users", N opens "Register endpoint", R refreshes the
 * selected user, L toggles the activity log. Features listen for the custom
 * events, so the shortcut table lives in one place.
 */
export const SHORTCUT_EVENTS = {
  search: 'workbench:focus-search',
  register: 'workbench:register-endpoint',
  refresh: 'workbench:refresh',
} as const;

export function useGlobalShortcuts({ toggleActivity }: { toggleActivity: () => void }) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (!mod && e.key === '/' && !typing) {
        e.preventDefault();
        window.dispatchEvent(new Event(SHORTCUT_EVENTS.search));
        return;
      }
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      const action =
        key === 'f' ? SHORTCUT_EVENTS.search : key === 'n' ? SHORTCUT_EVENTS.register : key === 'r' ? SHORTCUT_EVENTS.refresh : undefined;
      if (action) {
        e.preventDefault();
        window.dispatchEvent(new Event(action));
      } else if (key === 'l') {
        e.preventDefault();
        toggleActivity();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleActivity]);
}
