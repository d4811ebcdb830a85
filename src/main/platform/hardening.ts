/**
 * The Electron security checklist applied to every web contents and session:
 * https://www.electronjs.org/docs/latest/tutorial/security
 * Pure functions over Electron objects, so the glue test can assert them
 * with `electron` mocked.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

export function secureWebPreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true, // checklist 3
    sandbox: true, // checklist 4
    nodeIntegration: false, // checklist 2
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // checklist 6
    allowRunningInsecureContent: false, // checklist 8
    experimentalFeatures: false, // checklist 9
    enableBlinkFeatures: '', // checklist 10
    webviewTag: false, // checklists 11 and 12
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** Checklist 5: the app needs no camera, microphone, geolocation, notifications permission or any other. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export interface ContentsPolicy {
  readonly isAppUrl: (url: string) => boolean;
  /** Hands an allowed https link to the OS browser (checklist 15). */
  readonly openExternal: (url: string) => void;
  readonly isAllowedExternalUrl: (url: string) => boolean;
}

/** Checklists 11–14: no webviews, no navigation away from the app, no new windows. */
export function applyContentsPolicy(contents: WebContents, policy: ContentsPolicy): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event, url) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (policy.isAllowedExternalUrl(url)) policy.openExternal(url);
    return { action: 'deny' };
  });
}
