/**
 * Glue test: imports the real main entry with `electron` replaced by a
 * recording fake, lets it start the real services (embedded sandbox on a
 * loopback port, conf documents in a temp user-data folder), and checks the
 * Electron security checklist items it wires up
 * (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Conf from 'conf';
import { CHANNEL_NAMES } from '../../../src/shared/ipc/contract';
import { electron, fakeEvent, recorder, type FakeWebContents } from './fakeElectron';
import { cspDirectives } from './csp';

vi.mock('electron', async () => {
  const { electron: fake } = await import('./fakeElectron');
  return { ...fake, default: fake };
});
// electron-store imports the real `electron` package from node_modules; conf is the same store without it.
vi.mock('../../../src/main/store/electronStoreAdapter', async () => {
  const { createConfOpener } = await import('../../../src/main/store/persistence');
  return {
    createElectronStoreOpener: (cwd: string) =>
      createConfOpener({ cwd, create: (options) => new Conf(options as never) as never }),
  };
});

const ROOT = path.resolve(import.meta.dirname, '../../..');
let userData: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'cew-glue-'));
  electron.paths.userData = userData;
  // No AWS profile from the machine running the tests: the app falls back to the Local sandbox.
  process.env.AWS_CONFIG_FILE = path.join(userData, 'no-aws-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(userData, 'no-aws-credentials');
  await import('../../../src/main/index');
  electron.app.markReady();
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1), { timeout: 15_000 });
  expect(electron.app.exit.calls).toEqual([]);
});

afterAll(async () => {
  electron.app.emit('will-quit', fakeEvent());
  await new Promise((resolve) => setTimeout(resolve, 200)); // dispose closes the sandbox asynchronously
  process.env = savedEnv;
  await rm(userData, { recursive: true, force: true });
});

const mainWindow = () => electron.BrowserWindow.instances[0]!;
const contents = (): FakeWebContents => mainWindow().webContents;

describe('app lifecycle', () => {
  it('has no View menu, whose Reload would take Ctrl+R from the app (no menu at all off macOS)', () => {
    expect(electron.Menu.setApplicationMenu.calls).toEqual([[null]]);
  });

  it('requests the single-instance lock and sandboxes every renderer (checklist 4)', () => {
    expect(electron.app.requestSingleInstanceLock.calls).toHaveLength(1);
    expect(electron.app.enableSandbox.calls).toHaveLength(1);
    expect(electron.app.count('second-instance')).toBe(1);
  });

  it('registers app:// as a privileged standard, secure scheme (checklist 18)', () => {
    expect(electron.protocol.registerSchemesAsPrivileged.calls).toEqual([
      [[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]],
    ]);
    expect(electron.protocol.handle.calls).toEqual([['app', expect.any(Function)]]);
  });
});

describe('the window', () => {
  it('is created with the hardened webPreferences', () => {
    const prefs = mainWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
    // DevTools follow launchPolicy.ts: on for this development build (app.isPackaged false), off when packaged.
    expect(prefs.devTools).toBe(true);
    expect(String(prefs.preload).replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
  });

  it('loads the renderer from app://workbench, never file://', () => {
    expect(mainWindow().loadURL.calls).toHaveLength(1);
    const url = mainWindow().loadURL.calls[0]![0];
    expect(url).toMatch(/^app:\/\/workbench\//);
  });
});

describe('Content-Security-Policy (checklist 7)', () => {
  const expectStrict = (policy: string) => {
    const csp = cspDirectives(policy);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    // Every directive, every 'unsafe-*' keyword (eval, inline, hashes, wasm-eval, allow-redirects).
    for (const [name, sources] of csp) {
      expect(sources.filter((s) => /^'unsafe-/i.test(s)), name).toEqual([]);
      expect(sources, name).not.toContain('*');
    }
  };

  it('is sent as a header with every app:// response', async () => {
    const [, handler] = electron.protocol.handle.calls[0]!;
    const response = await handler(new Request('app://workbench/index.html'));
    expect(response.status).toBe(200);
    expectStrict(response.headers.get('content-security-policy') ?? '');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses app:// paths outside the renderer folder', async () => {
    const [, handler] = electron.protocol.handle.calls[0]!;
    expect((await handler(new Request('app://workbench/..%2f..%2fpackage.json'))).status).toBe(403);
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(403);
  });

  it('is repeated in the page as a meta tag', async () => {
    const html = await readFile(path.join(ROOT, 'src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    expectStrict(meta![1]!);
  });

  it('says the same in the header and the meta tag (but for what a meta tag cannot carry)', async () => {
    const html = await readFile(path.join(ROOT, 'src/renderer/index.html'), 'utf8');
    const meta = cspDirectives(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!);
    const [, handler] = electron.protocol.handle.calls[0]!;
    const header = cspDirectives((await handler(new Request('app://workbench/index.html'))).headers.get('content-security-policy') ?? '');
    // CSP3 §6.1: frame-ancestors, report-uri and sandbox are ignored in a <meta> policy.
    const META_IGNORED = new Set(['frame-ancestors', 'report-uri', 'sandbox']);
    const headerForMeta = new Map([...header].filter(([name]) => !META_IGNORED.has(name)));
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(headerForMeta));
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('web contents policy (checklists 11–15)', () => {
  it('blocks navigation and redirects away from the app, allows app://', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const outside = fakeEvent();
      contents().emit(event, outside, 'https://evil.example/phish');
      expect(outside.defaultPrevented, event).toBe(true);
      const fileUrl = fakeEvent();
      contents().emit(event, fileUrl, 'file:///etc/passwd');
      expect(fileUrl.defaultPrevented, event).toBe(true);
      const inside = fakeEvent();
      contents().emit(event, inside, 'app://workbench/index.html#/users');
      expect(inside.defaultPrevented, event).toBe(false);
    }
    const frame = fakeEvent({ url: 'https://evil.example/' });
    contents().emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
  });

  it('denies every new window; only allow-listed https links reach shell.openExternal, each after a user gesture', async () => {
    const open = contents().windowOpenHandler!;
    const click = () => contents().emit('input-event', fakeEvent(), { type: 'mouseDown' });
    for (const url of ['https://evil.example/', 'http://docs.aws.amazon.com/', 'file:///etc/passwd', 'smb://host/share', 'app://workbench/']) {
      click();
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    // Without a click or key press just before, a script's window.open opens nothing.
    contents().emit('input-event', fakeEvent(), { type: 'mouseMove' });
    expect(open({ url: 'https://docs.aws.amazon.com/chime-sdk/scripted' })).toEqual({ action: 'deny' });
    click();
    expect(open({ url: 'https://docs.aws.amazon.com/chime-sdk/' })).toEqual({ action: 'deny' });
    // One gesture opens one window.
    expect(open({ url: 'https://docs.aws.amazon.com/chime-sdk/second' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(electron.shell.openExternal.calls.length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(electron.shell.openExternal.calls).toEqual([['https://docs.aws.amazon.com/chime-sdk/']]);
  });

  it('prevents attaching a <webview>', () => {
    const event = fakeEvent();
    contents().emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check (checklist 5)', () => {
    const session = electron.session.defaultSession;
    const [requestHandler] = session.setPermissionRequestHandler.calls[0]!;
    const callback = recorder<[boolean]>();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      requestHandler(contents(), permission, callback, {});
    }
    expect(callback.calls).toEqual(Array(5).fill([false]));
    const [checkHandler] = session.setPermissionCheckHandler.calls[0]!;
    expect(checkHandler(contents(), 'media', 'app://workbench', {})).toBe(false);
    const [deviceHandler] = session.setDevicePermissionHandler.calls[0]!;
    expect(deviceHandler({ deviceType: 'hid', origin: 'app://workbench' })).toBe(false);
  });
});

describe('IPC binding (checklist 17)', () => {
  it('registers exactly one handler per contract channel and nothing else', () => {
    const registered = electron.ipcMain.handle.calls.map(([channel]) => channel);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(electron.ipcMain.on.calls).toEqual([]);
  });

  const invoke = (channel: string, event: unknown, payload?: unknown) => electron.ipcMain.handlers.get(channel)![0]!(event, payload);
  const frame = (url: string, parent: unknown = null) => ({ url, parent });

  it('answers the app window top frame', async () => {
    const result = await invoke('app:info', { sender: contents(), senderFrame: frame('app://workbench/index.html') });
    expect(result).toMatchObject({ ok: true, value: { version: '0.0.0-glue', userDataDir: userData } });
  });

  it('refuses other frames, other web contents and other origins with ForbiddenSender', async () => {
    const top = frame('app://workbench/index.html');
    const senders = {
      subframe: { sender: contents(), senderFrame: frame('app://workbench/index.html', top) },
      otherOrigin: { sender: contents(), senderFrame: frame('https://evil.example/') },
      fileUrl: { sender: contents(), senderFrame: frame('file:///work/out/renderer/index.html') },
      otherContents: { sender: { id: 99 }, senderFrame: top },
      noFrame: { sender: contents(), senderFrame: null },
    };
    for (const [name, event] of Object.entries(senders)) {
      const result = await invoke('app:info', event);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'ForbiddenSender', retryable: false } });
    }
  });
});
