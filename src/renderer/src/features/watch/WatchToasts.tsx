import { useAppStore } from '../../store';
import { selectUser } from '../../session/sessionActions';

/**
 * In-app notices of watched endpoints turning INACTIVE, besides the desktop
 * notification (which the OS may hide): the developer watching another user
 * than the one on screen still sees it, and "Show" goes to that user.
 */
export function WatchToasts() {
  const toasts = useAppStore((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} role="alert" className="toast">
          <span>{toast.text}</span>
          <button
            type="button"
            className="small"
            onClick={() => {
              void selectUser(toast.userArn);
              useAppStore.getState().dismissToast(toast.id);
            }}
          >
            Show
          </button>
          <button type="button" className="small" aria-label={`Dismiss: ${toast.text}`} onClick={() => useAppStore.getState().dismissToast(toast.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
