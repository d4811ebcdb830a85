import { useAppStore } from '../../store';

const TITLES = {
  'store-recovered': 'Saved data recovered',
  'store-newer': 'Saved data from a newer version',
  'store-unavailable': 'Saved data unavailable',
  'store-repaired': 'Saved data repaired',
  'store-write-failed': 'Saving failed',
  'encryption-unavailable': 'Tokens not encrypted',
  'tokens-unreadable': 'Saved tokens unreadable',
  'import-done': 'Import finished',
} as const;

/** Problems main met with the stores (a corrupt file moved aside, no keychain), one dismissible banner each. */
export function StoreNotices() {
  const notices = useAppStore((s) => s.notices);
  // "Tokens not encrypted" matters once a token is saved; before that it is noise (the device library says it too).
  const anySaved = useAppStore((s) => s.workspaces.some((w) => w.devices.length > 0));
  const shown = notices.filter((n) => anySaved || n.kind !== 'encryption-unavailable');
  if (shown.length === 0) return null;
  return (
    <div className="store-notices">
      {notices.map((notice, index) =>
        !anySaved && notice.kind === 'encryption-unavailable' ? null : (
          <div role="alert" className="notice" key={`${index}-${notice.kind}`}>
            <strong>{TITLES[notice.kind]}:</strong>
            <span>
              {notice.message}
              {/* Main's message usually names the moved-aside file already; say it only when it does not. */}
              {notice.movedTo && !notice.message.includes(notice.movedTo) && (
                <>
                  {' '}
                  The damaged file was kept at <code>{notice.movedTo}</code>.
                </>
              )}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="small"
              aria-label={`Dismiss: ${TITLES[notice.kind]}`}
              onClick={() => useAppStore.getState().dismissNotice(index)}
            >
              Dismiss
            </button>
          </div>
        ),
      )}
    </div>
  );
}
