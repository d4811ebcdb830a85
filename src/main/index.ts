/**
 * The Electron composition root: app lifecycle, the window, the app://
 * protocol and the platform adapters. Everything with logic lives in
 * services.ts and below, which run under plain Node as well; the hardening
 * lives in platform/ (each item cites the Electron security checklist,
 * https://www.electronjs.org/docs/latest/tutorial/security).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { createMainServices, type MainServices } from './services';
import { proxyFromPacResult } from './aws/config';
import { bindIpc } from './ipc/electronBinding';
import { APP_SCHEME, isAppUrl } from './ipc/appOrigin';
import { registerAppProtocol } from './platform/appProtocol';
import { applyContentsPolicy, denyAllPermissions } from './platform/hardening';
import { createMainWindow } from './platform/mainWindow';
import { allowListedOpener } from './platform/externalLinks';
import { safeStorageEncryptor } from './platform/safeStorageEncryptor';
import { nativeFileChooser } from './platform/fileChooser';
import { createElectronStoreOpener } from './store/electronStoreAdapter';
import { devToolsEnabled, launchDecision } from './platform/launchPolicy';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/index.cjs');

// Checklist 4: sandbox every renderer the app could ever create, not only the main window.
app.enableSandbox();
// Checklist 18, before `ready`: app:// behaves like https (secure context, fetch, CSP 'self').
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let mainWindow: BrowserWindow | undefined;
let services: MainServices | undefined;
const openAllowListedLink = allowListedOpener(shell);

function openWindow(): BrowserWindow {
  const window = createMainWindow(PRELOAD, devToolsEnabled(app.isPackaged));
  window.on('closed', () => {
    mainWindow = undefined;
  });
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, RENDERER_DIR);
  app.on('web-contents-created', (_event, contents) => applyContentsPolicy(contents, { isAppUrl, openAllowListedLink }));

  const userDataDir = app.getPath('userData');
  services = await createMainServices({
    userDataDir,
    openDocuments: createElectronStoreOpener(userDataDir),
    encryptor: safeStorageEncryptor(safeStorage, process.platform),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    openExternal: openAllowListedLink,
    appVersion: app.getVersion(),
    platform: process.platform,
    chooseFile: nativeFileChooser(dialog, () => mainWindow),
    // The OS proxy settings (and PAC) for every AWS call, as Chromium resolves them for the window.
    proxyForUrl: async (url) => proxyFromPacResult(await session.defaultSession.resolveProxy(url)),
  });
  bindIpc(ipcMain, services, () => mainWindow);
  powerMonitor.on('suspend', () => services?.suspend());
  powerMonitor.on('resume', () => services?.resume());
  // No View menu anywhere: its Reload (Ctrl/Cmd+R) would reload the window instead of the app's
  // own "Refresh" shortcut. macOS keeps the app, Edit (copy and paste need it) and Window menus.
  Menu.setApplicationMenu(
    process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null,
  );
  mainWindow = openWindow();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = openWindow();
  });
}

// A packaged build refuses Chromium's debugging switches before anything else (launchPolicy.ts).
const launch = launchDecision(process.argv, app.isPackaged);
if (!launch.allowed) {
  console.error(launch.message);
  dialog.showErrorBox('Chime Endpoint Workbench', launch.message ?? '');
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // One instance: a second launch focuses the first window instead of starting a second sandbox and store.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Saves are asynchronous (store/documentWriter.ts): quitting waits until the last one is on disk.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !services) return;
    disposed = true;
    event.preventDefault();
    void services.dispose().finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    console.error('Chime Endpoint Workbench failed to start:', error);
    app.exit(1);
  });
}
