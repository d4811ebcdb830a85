/**
 * The app window, with every webPreferences item of the Electron security
 * checklist written out at the construction site
 * (https://www.electronjs.org/docs/latest/tutorial/security). They are an
 * inline literal on purpose: reviewers and Electronegativity read them here
 * rather than through a helper's return value.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../ipc/appOrigin';

/** `devTools`: launchPolicy.ts's devToolsEnabled (false in packaged builds). */
export function createMainWindow(preload: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Chime Endpoint Workbench',
    show: false,
    webPreferences: {
      preload, // a fully bundled CommonJS file: a sandboxed preload cannot require app modules
      contextIsolation: true, // checklist 3
      sandbox: true, // checklist 4
      nodeIntegration: false, // checklist 2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // checklist 6
      allowRunningInsecureContent: false, // checklist 8
      experimentalFeatures: false, // checklist 9
      // enableBlinkFeatures is left unset (checklist 10): no Chromium feature beyond the defaults.
      disableBlinkFeatures: 'Auxclick', // middle-click must not open links in new windows (checklist 14)
      webviewTag: false, // checklists 11 and 12: no <webview> at all
      navigateOnDragDrop: false, // a dropped file or link must not replace the app (checklist 13)
      safeDialogs: true,
      spellcheck: false, // the spellchecker would download dictionaries from Google's CDN
      devTools, // off in packaged builds (launchPolicy.ts): no inspector on a renderer that can export tokens
    },
  });
  window.once('ready-to-show', () => window.show());
  // Checklist 18: the renderer comes from app://workbench, never from file://.
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
