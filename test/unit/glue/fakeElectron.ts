/**
 * A stand-in for the `electron` module, recording what main does with it:
 * window options, IPC registrations, protocol handlers, permission handlers,
 * and the handlers each web contents receives. Only what main touches.
 */

/**
 * A function that remembers its calls. Not a mock function: vitest clears
 * mock calls before each test (clearMocks), and main's calls happen once.
 */
export type Recorder<A extends unknown[], R> = ((...args: A) => R) & { readonly calls: A[] };

export function recorder<A extends unknown[], R = undefined>(impl: (...args: A) => R = () => undefined as R): Recorder<A, R> {
  const calls: A[] = [];
  return Object.assign((...args: A) => {
    calls.push(args);
    return impl(...args);
  }, { calls });
}

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => (listener as (...a: unknown[]) => unknown)(...args));
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-like event whose default can be prevented. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = recorder<[string, unknown]>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron() {
  let markReady = () => undefined as void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const paths = { userData: '' };
  const app = Object.assign(new FakeEmitter(), {
    markReady: () => undefined as void,
    whenReady: () => ready,
    requestSingleInstanceLock: recorder(() => true),
    enableSandbox: recorder(),
    getPath: recorder((name: string) => (name === 'userData' ? paths.userData : `/nonexistent/${name}`)),
    getVersion: () => '0.0.0-glue',
    /** As `electron .` runs: a development build (DevTools on, debugging switches allowed). */
    isPackaged: false,
    quit: recorder(),
    exit: recorder<[number?]>(),
  });
  app.markReady = markReady;

  class BrowserWindow extends FakeEmitter {
    static readonly instances: BrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = recorder(async (_url: string) => undefined);
    readonly show = recorder();
    readonly focus = recorder();
    readonly restore = recorder();
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      // As Electron does for every new web contents.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    isMinimized = () => false;
    isDestroyed = () => false;
  }

  const handlers = new Map<string, Array<(event: unknown, payload: unknown) => unknown>>();
  const ipcMain = {
    handlers,
    handle: recorder((channel: string, handler: (event: unknown, payload: unknown) => unknown) => {
      handlers.set(channel, [...(handlers.get(channel) ?? []), handler]);
    }),
    removeHandler: recorder((channel: string) => handlers.delete(channel)),
    on: recorder<unknown[]>(),
  };

  const protocol = {
    registerSchemesAsPrivileged: recorder<[unknown]>(),
    handle: recorder<[string, (request: Request) => Promise<Response>]>(),
  };

  const session = {
    defaultSession: {
      setPermissionRequestHandler: recorder<[(...args: unknown[]) => void]>(),
      setPermissionCheckHandler: recorder<[(...args: unknown[]) => boolean]>(),
      setDevicePermissionHandler: recorder<[(...args: unknown[]) => boolean]>(),
    },
  };

  class Notification {
    static isSupported = () => false;
    show = recorder();
  }

  return {
    /** Where app.getPath('userData') points; set by the test before the app is ready. */
    paths,
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    shell: { openExternal: recorder(async (_url: string) => undefined) },
    dialog: { showErrorBox: recorder<[string, string]>() },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (sealed: Buffer) => sealed.toString(),
    },
    Notification,
    powerMonitor: new FakeEmitter(),
    Menu: { setApplicationMenu: recorder<[unknown]>(), buildFromTemplate: (template: unknown[]) => ({ template }) },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** The one fake the mocked module and the tests share. */
export const electron = createFakeElectron();
