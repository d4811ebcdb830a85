/**
 * The composition root of main's services, free of Electron: the app's
 * index.ts and the browser harness both build the same object here, passing
 * their platform adapters (store opener, encryptor, notifications, shell).
 */
import path from 'node:path';
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
import { WatchCoordinator } from './watch/watchCoordinator';
import { watchHandlers } from './ipc/handlers/watchHandlers';
import { describeStoreNotice } from './store/noticeText';
import type { StoreNotice } from '../shared/ipc/appTypes';

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
  /** Options for the embedded sandbox (the harness shortens validation in tests). */
  readonly sandboxValidationDelayMs?: number;
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
  });
  const workspaces = new WorkspaceService({ open: options.openDocuments, encryptor: options.encryptor });
  const pagedLoads = new PagedLoads(connections, bus);
  const watch = new WatchCoordinator({ connections, workspaces, bus, notify: options.notify, userDataDir: options.userDataDir, openDocuments: options.openDocuments });

  activityLog.onEntry((entry) => bus.emit('activity:appended', entry));
  mfa.onRequest((request) => bus.emit('mfa:request', request));
  connections.onChanged((info) => {
    bus.emit('connection:changed', describeConnection(info));
    watch.connectionChanged();
  });
  // Notices from opening the stores are replayed to each window that subscribes (see `notices`).
  const startupNotices = workspaces.notices().map(describeStoreNotice);

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
      watch.dispose();
      connections.dispose();
      await sandbox?.close();
    },
  };
}

async function startEmbeddedSandbox(options: MainServicesOptions): Promise<RunningSandbox> {
  return startSandbox({
    port: 0,
    seed: 'demo',
    dataFile: path.join(options.userDataDir, 'sandbox-data.json'),
    ...(options.sandboxValidationDelayMs !== undefined ? { validationDelayMs: options.sandboxValidationDelayMs } : {}),
  });
}
