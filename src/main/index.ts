/**
 * The Electron composition root: app lifecycle, the window, the app://
 * protocol and the platform adapters. Everything with logic lives in
 * services.ts and below, which run under plain Node as well.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, Notification, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { createMainServices, type MainServices } from './services';
import { bindIpc } from './ipc/electronBinding';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './ipc/appOrigin';
import { registerAppProtocol } from './platform/appProtocol';
import { applyContentsPolicy, denyAllPermissions, secureWebPreferences } from './platform/hardening';
import { safeStorageEncryptor } from './platform/safeStorageEncryptor';
import { createElectronStoreOpener } from './store/electronStoreAdapter';
import { isAllowedExternalUrl } from './ipc/handlers/shellHandlers';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/index.cjs');

// Must run before `ready`: app:// behaves like https (secure context, fetch, CSP 'self').
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let mainWindow: BrowserWindow | undefined;
let services: MainServices | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Chime Endpoint Workbench',
    show: false,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, RENDERER_DIR);
  app.on('web-contents-created', (_event, contents) =>
    applyContentsPolicy(contents, { isAppUrl, isAllowedExternalUrl, openExternal: (url) => void shell.openExternal(url) }),
  );

  services = await createMainServices({
    userDataDir: app.getPath('userData'),
    openDocuments: createElectronStoreOpener(app.getPath('userData')),
    encryptor: safeStorageEncryptor(safeStorage, process.platform),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    openExternal: (url) => shell.openExternal(url),
    appVersion: app.getVersion(),
    platform: process.platform,
  });
  bindIpc(ipcMain, services, () => mainWindow);
  powerMonitor.on('suspend', () => services?.suspend());
  powerMonitor.on('resume', () => services?.resume());
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  mainWindow = createWindow();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

// One instance: a second launch focuses the first window instead of starting a second sandbox and store.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void services?.dispose());
  start().catch((error: unknown) => {
    console.error('Chime Endpoint Workbench failed to start:', error);
    app.exit(1);
  });
}
