/**
 * The Electron security checklist applied to every session and web contents:
 * https://www.electronjs.org/docs/latest/tutorial/security
 * (the window's own webPreferences are in mainWindow.ts). Functions over
 * Electron objects, so the glue test can drive the handlers with fakes.
 */
import type { Session, WebContents } from 'electron';
import { isRecentGesture, isUserGesture } from './linkPolicy';

/** Checklist 5: the app needs no camera, microphone, geolocation, notification, HID or any other permission. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export interface ContentsPolicy {
  readonly isAppUrl: (url: string) => boolean;
  /** Clock for the user-gesture check (tests pass their own). */
  readonly now?: () => number;
  /** Hands a link to the OS browser if it is on the https allow-list (checklist 15); rejects otherwise. */
  readonly openAllowListedLink: (url: string) => Promise<void>;
}

/** Checklists 11–14: no webviews, no navigation away from the app, no new windows. */
export function applyContentsPolicy(contents: WebContents, policy: ContentsPolicy): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', stayInApp);
  const now = policy.now ?? Date.now;
  let lastGestureAt: number | undefined;
  contents.on('input-event', (_event, input) => {
    if (isUserGesture(input.type)) lastGestureAt = now();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank to an allow-listed page opens in the OS browser, and only right
    // after a click or key press: a script cannot open pages on its own. Nothing opens in Electron.
    if (isRecentGesture(lastGestureAt, now())) {
      lastGestureAt = undefined; // one gesture, one window
      policy.openAllowListedLink(url).catch(() => undefined);
    }
    return { action: 'deny' };
  });
}
