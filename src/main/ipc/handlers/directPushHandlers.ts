/**
 * Direct push from the app: the native file chooser (key files are read and
 * held in main, see KeyHandles), sending through DirectPushService (the
 * sandbox's emulators on the Local sandbox connection, Apple's and Google's
 * hosts otherwise), and the per-workspace settings and payload library.
 */
import { fail, ok, WorkbenchCodes, type Result } from '../../../shared/errors';
import type { DirectPush, SavedPayload } from '../../../shared/push/directPush';
import type {
  ChosenKeyFile,
  DirectPushOutcome,
  DirectPushSettings,
  DirectPushHosts,
  KeyFileKind,
} from '../../../shared/ipc/directPushContract';
import type { ConnectionManager } from '../../aws/connections';
import type { WorkspaceService } from '../../store/workspaceService';
import type { DirectPushStore } from '../../store/directPushStore';
import {
  DirectPushCredentialError,
  DirectPushService,
  sandboxDirectPushOptions,
  type DirectPushServiceOptions,
} from '../../push/direct';
import type { ProxyResolver } from '../../aws/config';
import type { KeyHandles } from '../../push/direct/keyHandles';

export interface FileChooserRequest {
  readonly kind: KeyFileKind;
  readonly title: string;
  /** Without the dot. */
  readonly extensions: readonly string[];
}

/** The platform's file chooser: the chosen file's path, or undefined when cancelled. */
export type FileChooser = (request: FileChooserRequest) => Promise<string | undefined>;

const CHOOSER: Readonly<Record<KeyFileKind, Omit<FileChooserRequest, 'kind'>>> = {
  apnsKey: { title: 'Choose the APNs key file (.p8)', extensions: ['p8'] },
  apnsCert: { title: 'Choose the APNs certificate file (.p12)', extensions: ['p12'] },
  serviceAccount: { title: 'Choose the Firebase service account file (.json)', extensions: ['json'] },
};

/**
 * One DirectPushService per destination, kept for its connections and tokens: the sandbox's
 * emulators (found through its /_sandbox/health, its CA trusted for them only) or the real hosts.
 */
export class DirectPushServices {
  #real: DirectPushService | undefined;
  /** The service for the last host overrides (a relay), replaced when they change. */
  #relay: { key: string; service: DirectPushService } | undefined;
  #sandbox: { url: string; service: Promise<DirectPushService> } | undefined;

  /** `proxyForUrl`: the OS proxy settings in the app (as for AWS calls); without it, the proxy environment variables. */
  constructor(
    private readonly connections: ConnectionManager,
    private readonly proxyForUrl?: ProxyResolver,
  ) {}

  private create(options: DirectPushServiceOptions = {}): DirectPushService {
    return new DirectPushService({ ...options, ...(this.proxyForUrl && { proxyForUrl: this.proxyForUrl }) });
  }

  /** `hosts` (a corporate relay) replace Apple's and Google's; the Local sandbox always uses its emulators. */
  forCurrentConnection(hosts: DirectPushHosts = {}): Promise<DirectPushService> {
    const info = this.connections.current();
    if (info?.kind === 'sandbox' && info.endpointUrl) {
      const url = info.endpointUrl;
      if (this.#sandbox?.url !== url) {
        this.#sandbox?.service.then((s) => s.close(), () => {});
        const service = sandboxDirectPushOptions(url).then((options) => this.create(options));
        // A failed lookup is not kept: the next push asks the sandbox again.
        service.catch(() => {
          if (this.#sandbox?.service === service) this.#sandbox = undefined;
        });
        this.#sandbox = { url, service };
        return service;
      }
      return this.#sandbox.service;
    }
    if (!hosts.apns && !hosts.fcm) {
      this.#real ??= this.create();
      return Promise.resolve(this.#real);
    }
    const key = `${hosts.apns ?? ''} ${hosts.fcm ?? ''}`;
    if (this.#relay?.key !== key) {
      this.#relay?.service.close();
      this.#relay = {
        key,
        service: this.create({
          ...(hosts.apns && { apns: { hosts: { production: hosts.apns, sandbox: hosts.apns } } }),
          ...(hosts.fcm && { fcm: { baseUrl: hosts.fcm } }),
        }),
      };
    }
    return Promise.resolve(this.#relay.service);
  }

  close(): void {
    this.#real?.close();
    this.#relay?.service.close();
    this.#sandbox?.service.then((s) => s.close(), () => {});
  }
}

/** A key-file refusal as a Result (its message names the file and never quotes it); other errors go on up. */
async function credentialResult(read: () => Promise<ChosenKeyFile>): Promise<Result<ChosenKeyFile>> {
  try {
    return ok(await read());
  } catch (error) {
    if (error instanceof DirectPushCredentialError)
      return fail({ code: error.code, message: error.message, retryable: false });
    throw error;
  }
}

export interface DirectPushHandlerDeps {
  readonly workspaces: WorkspaceService;
  readonly store: DirectPushStore;
  readonly keys: KeyHandles;
  readonly services: { forCurrentConnection(hosts?: DirectPushHosts): Promise<DirectPushService> };
  readonly chooseFile?: FileChooser;
}

export function directPushHandlers(deps: DirectPushHandlerDeps) {
  const { store, keys } = deps;
  const known = (workspaceId: string): Result<void> =>
    deps.workspaces.get(workspaceId).ok
      ? ok(undefined)
      : fail({ code: WorkbenchCodes.NotFound, message: 'That workspace does not exist (any more).', retryable: false });

  /** Settings are remembered on each send: the fields, and the key file the push used. */
  const remember = (workspaceId: string, push: DirectPush, hosts: DirectPushHosts | undefined) => {
    if (hosts) store.saveHosts(workspaceId, hosts);
    const keep = (kind: KeyFileKind, handle: string) => {
      const held = keys.get(handle);
      if (held?.kind === kind) store.saveKey(workspaceId, kind, held.fileName, held.bytes);
    };
    if (push.service === 'fcm') return keep('serviceAccount', push.serviceAccountFile);
    // A certificate push keeps the token key's Key ID and Team ID for when the person switches back.
    const previous = store.apns(workspaceId);
    store.saveApns(workspaceId, {
      keyId: push.auth.kind === 'token' ? push.auth.keyId : (previous?.keyId ?? ''),
      teamId: push.auth.kind === 'token' ? push.auth.teamId : (previous?.teamId ?? ''),
      topic: push.topic ?? '',
      environment: push.environment,
      pushType: push.pushType,
      ...(push.priority !== undefined && { priority: push.priority }),
      auth: push.auth.kind,
    });
    if (push.auth.kind === 'token') keep('apnsKey', push.auth.keyFile);
    else keep('apnsCert', push.auth.certFile);
  };

  return {
    'directPush:chooseKeyFile': async ({ kind }: { kind: KeyFileKind }): Promise<Result<ChosenKeyFile | null>> => {
      if (!deps.chooseFile)
        return fail({ code: 'Unsupported', message: 'This build has no file chooser.', retryable: false });
      const path = await deps.chooseFile({ kind, ...CHOOSER[kind] });
      if (path === undefined) return ok(null);
      return credentialResult(() => keys.read(kind, path));
    },

    'directPush:unlockCertificate': ({ handle, passphrase }: { handle: string; passphrase: string }): Promise<
      Result<ChosenKeyFile>
    > => credentialResult(() => keys.unlock(handle, passphrase)),

    'directPush:settings': async ({ workspaceId }: { workspaceId: string }): Promise<Result<DirectPushSettings>> => {
      const exists = known(workspaceId);
      if (!exists.ok) return exists;
      const unreadableKeys: KeyFileKind[] = [];
      const saved = (kind: KeyFileKind) => {
        const key = store.key(workspaceId, kind);
        if (key === 'unreadable') unreadableKeys.push(kind);
        return key && key !== 'unreadable' ? key : undefined;
      };
      const held = (kind: 'apnsKey' | 'serviceAccount') => {
        const key = saved(kind);
        return key && keys.hold(kind, key.fileName, key.bytes);
      };
      // A saved certificate comes back locked when it has a passphrase (never saved): the dialog asks again.
      const cert = saved('apnsCert');
      const apnsCert = cert && (await keys.holdCertificate(cert.fileName, cert.bytes).catch(() => undefined));
      if (cert && !apnsCert) unreadableKeys.push('apnsCert');
      const apns = store.apns(workspaceId);
      const hosts = store.hosts(workspaceId);
      const apnsKey = held('apnsKey');
      const serviceAccount = held('serviceAccount');
      return ok({
        ...(apns && { apns }),
        ...(hosts && { hosts }),
        ...(apnsKey && { apnsKey }),
        ...(apnsCert && { apnsCert }),
        ...(serviceAccount && { serviceAccount }),
        payloads: store.payloads(workspaceId),
        keysEncrypted: store.keysEncrypted,
        unreadableKeys,
      });
    },

    'directPush:send': async ({
      workspaceId,
      push,
      hosts,
    }: {
      workspaceId: string;
      push: DirectPush;
      hosts?: DirectPushHosts | undefined;
    }): Promise<
      Result<DirectPushOutcome>
    > => {
      const exists = known(workspaceId);
      if (!exists.ok) return exists;
      if (push.service === 'apns' && push.auth.kind === 'certificate' && push.auth.passphrase !== undefined)
        return fail({
          code: WorkbenchCodes.InvalidInput,
          message: 'The passphrase is given once with directPush:unlockCertificate, never with a push.',
          retryable: false,
        });
      let service: DirectPushService;
      try {
        service = await deps.services.forCurrentConnection(hosts);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return fail({ code: WorkbenchCodes.NetworkError, message: `The sandbox's push emulators cannot be reached: ${why}`, retryable: true });
      }
      const result = await service.send(push, keys.resolve);
      remember(workspaceId, push, hosts);
      return result.ok ? ok(result.value) : fail(result.error);
    },

    'directPush:savePayload': ({ workspaceId, payload }: { workspaceId: string; payload: SavedPayload }): Result<
      readonly SavedPayload[]
    > => {
      const exists = known(workspaceId);
      return exists.ok ? ok(store.savePayload(workspaceId, payload)) : exists;
    },

    'directPush:deletePayload': ({ workspaceId, name }: { workspaceId: string; name: string }): Result<
      readonly SavedPayload[]
    > => {
      const exists = known(workspaceId);
      return exists.ok ? ok(store.deletePayload(workspaceId, name)) : exists;
    },
  };
}
