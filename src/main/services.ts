/**
 * The composition root of main's services, free of Electron: the app's
 * index.ts and the browser harness both build the same object here, passing
 * their platform adapters (store opener, encryptor, notifications, shell).
 */
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from './sandbox';
import { ActivityLog } from './aws/activityLog';
import { ConnectionManager, defaultProfileConnection, type SandboxEndpoint } from './aws/connections';
import { MfaPromptBroker } from './aws/mfaPrompt';
import { toWorkbenchError } from './aws/errors';
import { ok } from '../shared/errors';
import type { ProfileSourceOptions } from './aws/profiles';
import { WorkspaceService } from './store/workspaceService';
import type { DocumentOpener } from './store/persistence';
import type { Encryptor } from './store/encryption';
import { EventBus } from './ipc/events';
import { createDispatcher, type Dispatcher, type Handlers } from './ipc/dispatcher';
import { chimeHandlers } from './ipc/handlers/chimeHandlers';
import { PagedLoads } from './ipc/handlers/pagesHandlers';
import { connectionHandlers, describeConnection } from './ipc/handlers/connectionHandlers';
import { activityHandlers } from './ipc/handlers/activityHandlers';
import { workspaceHandlers } from './ipc/handlers/workspaceHandlers';
import { shellHandlers } from './ipc/handlers/shellHandlers';
import { ssoHandlers } from './ipc/handlers/ssoHandlers';
import { followSsoSession } from './aws/sso';
import type { ProxyResolver } from './aws/config';
import { WatchCoordinator } from './watch/watchCoordinator';
import { watchHandlers } from './ipc/handlers/watchHandlers';
import { DoctorRuns, doctorHandlers } from './ipc/handlers/doctorHandlers';
import { pushHandlers } from './ipc/handlers/pushHandlers';
import { describeStoreNotice } from './store/noticeText';
import type { StoreNotice } from '../shared/ipc/appTypes';
import { DirectPushServices, directPushHandlers, type FileChooser } from './ipc/handlers/directPushHandlers';
import { DirectPushStore } from './store/directPushStore';
import { KeyHandles } from './push/direct/keyHandles';

export interface MainServicesOptions {
  readonly userDataDir: string;
  readonly openDocuments: DocumentOpener;
  readonly encryptor: Encryptor;
  readonly notify: (title: string, body: string) => void;
  readonly openExternal: (url: string) => Promise<void>;
  readonly appVersion: string;
  readonly platform: string;
  /** Use this running sandbox instead of starting the embedded one. */
  readonly sandboxUrl?: string;
  readonly profileSource?: ProfileSourceOptions;
  /** The OS proxy settings for every AWS call (the app: Electron's resolveProxy); default: the proxy environment variables. */
  readonly proxyForUrl?: ProxyResolver;
  /** Options for the embedded sandbox (the harness shortens validation in tests). */
  readonly sandboxValidationDelayMs?: number;
  /** The native file chooser (Electron's dialog; the harness's `--dialog-dir` page). */
  readonly chooseFile?: FileChooser;
}

export interface MainServices {
  readonly dispatcher: Dispatcher;
  readonly bus: EventBus;
  readonly sandboxUrl: string;
  /** What went wrong opening the stores, for the window to show once it is up. */
  readonly notices: readonly StoreNotice[];
  /** Pause polling while the machine sleeps; resume after. */
  suspend(): void;
  resume(): void;
  dispose(): Promise<void>;
}

export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const sandbox = options.sandboxUrl ? undefined : await startEmbeddedSandbox(options);
  const sandboxEndpoint: SandboxEndpoint = sandbox
    ? { url: sandbox.url, credentials: sandbox.credentials, region: sandbox.region }
    : { url: options.sandboxUrl ?? '', credentials: SANDBOX_CREDENTIALS };

  const bus = new EventBus();
  const activityLog = new ActivityLog();
  const mfa = new MfaPromptBroker();
  const connections = new ConnectionManager({
    sandboxEndpoint: () => sandboxEndpoint,
    activityLog,
    mfaPrompt: mfa.prompt,
    client: { appVersion: options.appVersion },
    ...(options.profileSource ? { profileSource: options.profileSource } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
  });
  const workspaces = new WorkspaceService({ open: options.openDocuments, encryptor: options.encryptor });
  const pagedLoads = new PagedLoads(connections, bus);
  const doctorRuns = new DoctorRuns(connections, bus);
  const directPushStore = new DirectPushStore({ open: options.openDocuments, encryptor: options.encryptor });
  const directPush = new DirectPushServices(connections, options.proxyForUrl);
  const watch = new WatchCoordinator({
    connections,
    workspaces,
    bus,
    notify: options.notify,
    userDataDir: options.userDataDir,
    openDocuments: options.openDocuments,
    // An external sandbox (`--endpoint`) is assumed to use the default delay.
    ...(options.sandboxValidationDelayMs !== undefined ? { sandboxValidationDelayMs: options.sandboxValidationDelayMs } : {}),
  });

  activityLog.onEntry((entry) => bus.emit('activity:appended', entry));
  mfa.onRequest((request) => bus.emit('mfa:request', request));
  // The connection's SSO session is refreshed before it expires; the window hears when it cannot be.
  const ssoSession = followSsoSession({
    ...options.profileSource,
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
    onState: (state) => bus.emit('sso:session', state),
  });
  connections.onCredentials((refresh) => bus.emit('connection:credentials', refresh));
  connections.onChanged((info) => {
    bus.emit('connection:changed', describeConnection(info));
    void ssoSession.follow(info.kind === 'profile' ? info.profile : undefined);
    watch.connectionChanged();
  });
  // Notices from opening the stores are replayed to each window that subscribes (see `notices`).
  const startupNotices = [...workspaces.notices(), ...watch.storeNotices(), ...directPushStore.notices].map(describeStoreNotice);
  workspaces.onWriteError((notice) => bus.emit('store:notice', describeStoreNotice(notice)));

  const handlers = {
    ...chimeHandlers(connections),
    'pages:start': (input) => pagedLoads.start(input),
    'pages:cancel': ({ loadId }) => pagedLoads.cancel(loadId),
    ...connectionHandlers({
      connections,
      mfa,
      ...(options.profileSource ? { profileSource: options.profileSource } : {}),
      beforeSwitch: () => {
        pagedLoads.cancelAll();
        doctorRuns.cancel();
        mfa.cancelAll();
        watch.pause();
      },
      switchFailed: () => watch.resume(),
    }),
    ...activityHandlers(activityLog),
    ...workspaceHandlers({
      workspaces,
      startupNotices,
      onSettingsChanged: () => watch.settingsChanged(),
      onWorkspaceChanged: () => watch.workspaceChanged(),
      firstConnection: () => defaultProfileConnection(options.profileSource),
    }),
    ...watchHandlers(watch),
    ...shellHandlers(options.openExternal),
    ...doctorHandlers(doctorRuns),
    ...directPushHandlers({
      workspaces,
      store: directPushStore,
      keys: new KeyHandles(),
      services: directPush,
      ...(options.chooseFile && { chooseFile: options.chooseFile }),
    }),
    ...pushHandlers({ connections }),
    ...ssoHandlers({
      bus,
      openExternal: options.openExternal,
      signedIn: () => void ssoSession.check(),
      ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
      // Signed out: the connection forgets the role credentials of that session (a fresh provider), as the CLI's logout does.
      signedOut: async (profile) => {
        const info = connections.current();
        if (info?.kind === 'profile' && info.profile === profile) await connections.select({ kind: 'profile', profile, region: info.region });
      },
      ...(options.profileSource ? { profileSource: options.profileSource } : {}),
    }),
    'app:info': () =>
      ok({
        version: options.appVersion,
        platform: options.platform,
        encryptionAvailable: workspaces.encryptionAvailable,
        sandboxUrl: sandboxEndpoint.url,
        userDataDir: options.userDataDir,
      }),
  } satisfies Handlers;

  return {
    dispatcher: createDispatcher({ handlers, mapError: (error) => toWorkbenchError(error) }),
    bus,
    sandboxUrl: sandboxEndpoint.url,
    notices: startupNotices,
    suspend: () => watch.pause(),
    resume: () => watch.resume(),
    async dispose() {
      pagedLoads.cancelAll();
      doctorRuns.cancel();
      ssoSession.stop();
      await watch.dispose();
      connections.dispose();
      directPush.close();
      await workspaces.flush();
      await directPushStore.flush();
      await sandbox?.close();
    },
  };
}

/** The port the Local sandbox tries first on a first launch; any free one when it is taken. */
export const PREFERRED_SANDBOX_PORT = 45660;

/**
 * The Local sandbox keeps one port across launches while it is free, so a
 * copied `--endpoint-url` (and the user's own scripts) keep working: the
 * port used last time (remembered in the user-data folder), else
 * PREFERRED_SANDBOX_PORT, else any free port. The sandbox tries the wanted
 * port itself and falls back when it is taken: a separate probe would race
 * another process (or a second harness) binding the same port in between.
 */
async function wantedSandboxPort(userDataDir: string): Promise<number> {
  const remembered = Number(await readFile(path.join(userDataDir, SANDBOX_PORT_FILE), 'utf8').catch(() => ''));
  return Number.isInteger(remembered) && remembered > 0 && remembered < 65536 ? remembered : PREFERRED_SANDBOX_PORT;
}

const SANDBOX_PORT_FILE = 'sandbox-port';

function isPortInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

async function startEmbeddedSandbox(options: MainServicesOptions): Promise<RunningSandbox> {
  const start = (port: number) =>
    startSandbox({
      port,
      seed: 'demo',
      dataFile: path.join(options.userDataDir, 'sandbox-data.json'),
      ...(options.sandboxValidationDelayMs !== undefined ? { validationDelayMs: options.sandboxValidationDelayMs } : {}),
    });
  const sandbox = await start(await wantedSandboxPort(options.userDataDir)).catch((error: unknown) => {
    if (isPortInUse(error)) return start(0);
    throw error;
  });
  await writeFile(path.join(options.userDataDir, SANDBOX_PORT_FILE), String(sandbox.port)).catch(() => {});
  return sandbox;
}
