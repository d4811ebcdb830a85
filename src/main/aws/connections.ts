/**
 * The current connection: the embedded "Local sandbox" or an AWS profile in a
 * region. Selecting one builds a new credentials provider and a new client
 * and destroys the old client, so nothing of the previous connection (cached
 * credentials, STS client, sockets, region, endpoint) can serve a later call.
 */
import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { WorkbenchCodes, fail, ok, type Result, type WorkbenchError } from '../../shared/errors';
import type { OperationName } from '../../shared/chime/operations';
import { ENVIRONMENT_PROFILE, type CallerIdentity, type Connection, type ConnectionInfo } from '../../shared/aws/types';
import { ActivityLog } from './activityLog';
import { CLIENT_SERVICES, createChimeClient, createServiceClient, type ChimeClientOptions, type ClientService, type ServiceClients } from './chimeClient';
import {
  paginateOperation,
  sendOperation,
  type CallOptions,
  type OperationInput,
  type OperationOutput,
} from './commands';
import type { PaginatedOperation } from '../../shared/chime/paging';
import { createCredentialsProvider, type CredentialsOptions, type CredentialsProvider } from './credentials';
import type { MfaPrompt } from './mfaPrompt';
import { listProfiles, type ProfileSourceOptions } from './profiles';
import { whoAmI, type WhoAmIOptions } from './whoami';
import { DEFAULT_REGION, isRegionName } from '../../shared/aws/regions';
import { resolveClientConfig, type ClientConfigResolution, type ProxyResolver, type ServiceName } from './config';
import type { MappingContext } from './errors';

type Explain = NonNullable<MappingContext['explain']>;

/** Where the embedded sandbox listens and the credentials it accepts. */
export interface SandboxEndpoint {
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
}

export interface ConnectionManagerOptions {
  readonly sandboxEndpoint: () => SandboxEndpoint | Promise<SandboxEndpoint>;
  readonly profileSource?: ProfileSourceOptions;
  readonly mfaPrompt?: MfaPrompt;
  readonly activityLog?: ActivityLog;
  /** Options for every client: timeout, attempts, app version. */
  readonly client?: Pick<ChimeClientOptions, 'timeoutMs' | 'maxAttempts' | 'appVersion'>;
  /** Test seams for credentials (roleAssumer, stsEndpoint, clock). */
  readonly credentials?: Pick<CredentialsOptions, 'roleAssumer' | 'stsEndpoint' | 'now' | 'refreshWindowMs'>;
  /** STS endpoint for "Who am I" (tests: a loopback stand-in). */
  readonly stsEndpoint?: string;
  /** The OS proxy settings (Electron's resolveProxy in the app); without it, the proxy environment variables. */
  readonly proxyForUrl?: ProxyResolver;
  /** Builds each client (tests wrap it to see the clients a switch creates and destroys). */
  readonly createClient?: typeof createChimeClient;
}

interface Active {
  readonly info: ConnectionInfo;
  readonly client: ChimeSDKIdentityClient;
  /** For background calls (see CallOptions.background): one attempt, logged with source 'watch'. */
  readonly backgroundClient: ChimeSDKIdentityClient;
  readonly credentials: CredentialsProvider;
  /** Names a transport failure of the Identity clients by the profile's setting behind it (proxy, CA, endpoint). */
  readonly explain?: Explain;
  /** Messaging, Pinpoint and IAM beside Identity, built on first use (see `clients()`). */
  services?: Promise<Result<ServiceClients>>;
}

/** New credentials of the current connection: when they expire (ISO 8601; absent for long-term keys). */
export interface CredentialsRefresh {
  readonly connection: ConnectionInfo;
  readonly expiresAt?: string;
}

/** The sandbox's principal, shown by "Who am I" (the sandbox has no STS). */
export const SANDBOX_IDENTITY: CallerIdentity = {
  account: '000000000000',
  arn: 'arn:aws:iam::000000000000:user/sandbox',
  userId: 'AIDASANDBOX000000000',
};

export class ConnectionManager {
  readonly #options: ConnectionManagerOptions;
  readonly #listeners = new Set<(info: ConnectionInfo) => void>();
  readonly #credentialListeners = new Set<(refresh: CredentialsRefresh) => void>();
  #active: Active | undefined;
  /** Bumped on every select, so a slow select cannot overwrite a later one. */
  #generation = 0;

  constructor(options: ConnectionManagerOptions) {
    this.#options = options;
  }

  current(): ConnectionInfo | undefined {
    return this.#active?.info;
  }

  onChanged(listener: (info: ConnectionInfo) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** New credentials of a profile connection (first use and each refresh), with when they expire. */
  onCredentials(listener: (refresh: CredentialsRefresh) => void): () => void {
    this.#credentialListeners.add(listener);
    return () => this.#credentialListeners.delete(listener);
  }

  async select(connection: Connection): Promise<Result<ConnectionInfo>> {
    const generation = ++this.#generation;
    const built = await this.#build(connection);
    if (!built.ok) return built;
    if (generation !== this.#generation) {
      destroy(built.value);
      return fail({ code: WorkbenchCodes.Cancelled, message: 'A newer connection was selected meanwhile.', retryable: false });
    }
    if (this.#active) destroy(this.#active);
    this.#active = built.value;
    for (const listener of this.#listeners) listener(built.value.info);
    return ok(built.value.info);
  }

  async #build(connection: Connection): Promise<Result<Active>> {
    const region = connection.region ?? DEFAULT_REGION;
    if (!isRegionName(region)) return fail(invalid(`"${region}" is not an AWS region name.`));
    if (connection.kind === 'sandbox') {
      const sandbox = await this.#options.sandboxEndpoint();
      const frozen = { ...sandbox.credentials };
      const credentials: CredentialsProvider = async () => frozen;
      const info: ConnectionInfo = { kind: 'sandbox', region: connection.region ?? sandbox.region ?? DEFAULT_REGION, endpointUrl: sandbox.url };
      return ok(this.#activeFor(info, credentials));
    }
    const known = await listProfiles(this.#options.profileSource);
    if (!known.profiles.some((p) => p.name === connection.profile)) {
      return fail(invalid(`Profile "${connection.profile}" is not in ${known.configFile} or ${known.credentialsFile}.`));
    }
    const info: ConnectionInfo = { kind: 'profile', profile: connection.profile, region };
    const credentials = createCredentialsProvider({
      ...this.#options.profileSource,
      ...this.#options.credentials,
      profile: connection.profile,
      region,
      ...(this.#options.mfaPrompt ? { mfaPrompt: this.#options.mfaPrompt } : {}),
      ...(this.#options.proxyForUrl ? { proxyForUrl: this.#options.proxyForUrl } : {}),
      onResolved: (expiration) => {
        // A provider of a connection already replaced says nothing.
        if (this.#active?.credentials !== credentials) return;
        const refresh: CredentialsRefresh = { connection: info, ...(expiration ? { expiresAt: expiration.toISOString() } : {}) };
        for (const listener of this.#credentialListeners) listener(refresh);
      },
    });
    // The profile's shared-config settings (endpoint_url, services, FIPS, retries, proxy, CA), one
    // resolution per client: destroying a client closes its request handler.
    const settings = () => this.#settings(connection.profile, 'identity', region);
    let resolved: [ClientConfigResolution, ClientConfigResolution];
    try {
      resolved = [await settings(), await settings()];
    } catch (thrown) {
      return fail(invalid(thrown instanceof Error ? thrown.message : String(thrown)));
    }
    return ok(this.#activeFor(info, credentials, resolved));
  }

  #activeFor(info: ConnectionInfo, credentials: CredentialsProvider, resolved?: [ClientConfigResolution, ClientConfigResolution]): Active {
    const client = this.#client(info, credentials, false, resolved?.[0]);
    const explain = resolved?.[0].explainFailure;
    return { info, credentials, client, backgroundClient: this.#client(info, credentials, true, resolved?.[1]), ...(explain ? { explain } : {}) };
  }

  #client(info: ConnectionInfo, credentials: CredentialsProvider, background = false, resolution?: ClientConfigResolution): ChimeSDKIdentityClient {
    const log = this.#options.activityLog;
    const create = this.#options.createClient ?? createChimeClient;
    return create({
      ...this.#options.client,
      ...(resolution ? { resolved: resolution.config, explainFailure: resolution.explainFailure } : {}),
      ...(background ? { maxAttempts: 1 } : {}),
      region: info.region,
      credentials,
      ...(info.endpointUrl ? { endpoint: info.endpointUrl } : {}),
      ...(info.profile ? { profile: info.profile } : {}),
      ...(log ? { onCall: (call) => log.record(call, info, background ? 'watch' : undefined) } : {}),
    });
  }

  async invoke<Op extends OperationName>(operation: Op, input: OperationInput<Op>, options: CallOptions = {}): Promise<Result<OperationOutput<Op>>> {
    const active = this.#active;
    if (!active) return fail(notConnected());
    const client = options.background ? active.backgroundClient : active.client;
    return sendOperation(client, operation, input, options, mappingContext(active));
  }

  /** Pages of a list operation; stop early by breaking out of the loop or aborting the signal. */
  async *paginate<Op extends PaginatedOperation>(
    operation: Op,
    input: OperationInput<Op>,
    options: CallOptions & { readonly pageSize?: number; readonly maxPages?: number } = {},
  ): AsyncGenerator<Result<OperationOutput<Op>>, void, undefined> {
    const active = this.#active;
    if (!active) return yield fail(notConnected());
    yield* paginateOperation(active.client, operation, input, options, mappingContext(active));
  }

  /**
   * One client per service (Identity, Messaging, Pinpoint, IAM) for the
   * current connection, with its credentials and, for a profile, each
   * service's own shared-config settings (endpoint_url, services section,
   * proxy, CA bundle, retries). Built on first use and destroyed with the
   * connection, so a switch never lets a push or a doctor run reach the
   * previous account. Calls are logged in the activity log with their service.
   */
  async clients(): Promise<Result<ServiceClients>> {
    const active = this.#active;
    if (!active) return fail(notConnected());
    active.services ??= this.#serviceClients(active);
    return active.services;
  }

  async #serviceClients(active: Active): Promise<Result<ServiceClients>> {
    const { info } = active;
    const profile = info.kind === 'profile' && info.profile !== ENVIRONMENT_PROFILE ? info.profile : undefined;
    const built: Partial<Record<ClientService, unknown>> = { identity: active.client };
    try {
      for (const service of CLIENT_SERVICES) {
        if (service === 'identity') continue;
        const resolution = profile ? await this.#settings(profile, service, info.region) : undefined;
        const log = this.#options.activityLog;
        built[service] = createServiceClient(service, {
          ...this.#options.client,
          ...(resolution ? { resolved: resolution.config, explainFailure: resolution.explainFailure } : {}),
          region: info.region,
          credentials: active.credentials,
          ...(info.endpointUrl ? { endpoint: info.endpointUrl } : {}),
          ...(info.profile ? { profile: info.profile } : {}),
          ...(log ? { onCall: (call) => log.record(call, info) } : {}),
        });
      }
    } catch (thrown) {
      destroyServices(built, active.client);
      return fail(invalid(thrown instanceof Error ? thrown.message : String(thrown)));
    }
    return ok(built as ServiceClients);
  }

  /** The profile's shared-config settings for one client of this connection. */
  #settings(profile: string, service: ServiceName, region: string, withTimeout = true): Promise<ClientConfigResolution> {
    const timeout = withTimeout ? this.#options.client?.timeoutMs : undefined;
    return resolveClientConfig(profile, service, {
      ...this.#options.profileSource,
      regionOverride: region,
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      ...(this.#options.proxyForUrl ? { proxyForUrl: this.#options.proxyForUrl } : {}),
    });
  }

  /** Account and ARN behind the current connection. */
  async whoAmI(options: CallOptions = {}): Promise<Result<CallerIdentity>> {
    const active = this.#active;
    if (!active) return fail(notConnected());
    if (active.info.kind === 'sandbox') return ok(SANDBOX_IDENTITY);
    const profile = active.info.profile;
    let resolution: ClientConfigResolution | undefined;
    if (profile && profile !== ENVIRONMENT_PROFILE) {
      try {
        resolution = await this.#settings(profile, 'sts', active.info.region, false);
      } catch (thrown) {
        return fail(invalid(thrown instanceof Error ? thrown.message : String(thrown)));
      }
    }
    const request: WhoAmIOptions = {
      ...(resolution ? { resolved: resolution.config, explainFailure: resolution.explainFailure } : {}),
      region: active.info.region,
      credentials: active.credentials,
      ...(active.info.profile ? { profile: active.info.profile } : {}),
      ...(this.#options.stsEndpoint ? { endpoint: this.#options.stsEndpoint } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    return whoAmI(request);
  }

  /** Destroys the client (app shutdown). */
  dispose(): void {
    this.#generation++;
    if (this.#active) destroy(this.#active);
    this.#active = undefined;
  }
}

/** The profile the AWS CLI would use (AWS_PROFILE, environment keys, `default`), if it is usable; else undefined (the sandbox). */
export async function defaultProfileConnection(source?: ProfileSourceOptions): Promise<{ connection: { kind: 'profile'; profile: string }; region: string } | undefined> {
  const { profiles, defaultProfile } = await listProfiles(source);
  const chosen = profiles.find((p) => p.name === defaultProfile && !p.problem);
  return chosen ? { connection: { kind: 'profile', profile: chosen.name }, region: chosen.region ?? DEFAULT_REGION } : undefined;
}

function destroy(active: Active): void {
  active.credentials.destroy?.();
  active.client.destroy();
  active.backgroundClient.destroy();
  void active.services?.then((built) => {
    if (built.ok) destroyServices(built.value, active.client);
  });
}

/** Destroys the clients built beside Identity (Identity goes with the connection). */
function destroyServices(clients: Partial<Record<ClientService, unknown>>, identity: unknown): void {
  for (const client of Object.values(clients)) if (client !== identity) (client as { destroy(): void } | undefined)?.destroy();
}

function mappingContext({ info, explain }: Active): MappingContext {
  return {
    ...(info.profile && info.profile !== ENVIRONMENT_PROFILE ? { profile: info.profile } : {}),
    ...(explain ? { explain } : {}),
  };
}

function notConnected(): WorkbenchError {
  return { code: WorkbenchCodes.NotConnected, message: 'No connection is selected.', retryable: false };
}

function invalid(message: string): WorkbenchError {
  return { code: WorkbenchCodes.InvalidInput, message, retryable: false };
}
