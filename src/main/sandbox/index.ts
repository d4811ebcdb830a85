/**
 * The sandbox: a local AWS push cloud that the AWS SDKs and CLI cannot tell
 * from the real services, on one loopback port: Chime SDK Identity and
 * Messaging, Pinpoint, IAM, STS, IAM Identity Center (SSO OIDC and portal),
 * simulated phones with the APNs (own TLS ports) and FCM emulators, and the
 * delivery simulation (delivery/) on Messaging's onChannelMessage seam. The
 * app starts it in-process on a free port (the "Local sandbox" connection);
 * tests and the CLI use the same `startSandbox`.
 *
 * Layout: core/ (HTTP server, routing, SigV4 incl. issued keys, faults,
 * persistence with group commit, NextTokens, idempotency; the service
 * interface is documented in core/service.ts) and one folder per service.
 * Adding a service is one entry in `services` below.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coreControls } from './core/controls';
import { Faults, NO_FAULTS, parseFaultSpec, type FaultConfig } from './core/faults';
import { IdempotencyCache } from './core/idempotency';
import { PageTokens } from './core/pagination';
import { DataFile, FILE_VERSION } from './core/persistence';
import { createListener } from './core/server';
import type { SandboxCore, SandboxService, StateSlice } from './core/service';
import type { SigV4Keys } from './core/sigv4';
import { setEndpointState } from './identity/controls';
import { SANDBOX_ACCOUNT_ID } from './identity/handlers';
import { seedDemo } from './identity/seed';
import { createIdentityService } from './identity/service';
import { SandboxState, type EndpointStateValue } from './identity/state';
import { createMessagingService, type ChannelMessageEvent } from './messaging/service';
import type { MessagingState } from './messaging/state';
import { createPinpointService } from './pinpoint/service';
import type { PinpointState } from './pinpoint/state';
import { seedPushDevices, seedPushStory } from './seedPush';
import { fanOut } from './delivery';
import { createPushCloudService } from './emulators/service';
import type { PushCloud } from './emulators/pushCloud';
import { IamState } from './iam/state';
import { createIamService, createStsService, type AccountStates } from './iam/service';
import { createSsoOidcService, createSsoPortalService } from './sso/service';
import { SsoState } from './sso/state';
import { IssuedCredentials } from './sts/credentials';

export { SANDBOX_ACCOUNT_ID } from './identity/handlers';
export { parseFaultSpec, formatFaults, type FaultConfig } from './core/faults';
export type { EndpointStateValue } from './identity/state';
export { DEMO_APP_INSTANCE_NAME } from './identity/seed';
export type { SandboxService, SandboxCore } from './core/service';
export type { ChannelMessageEvent } from './messaging/service';
export { PUSH_SENDER_ID, PUSH_TEST_CHANNEL_NAME, PUSH_TEST_TAG, DEMO_PINPOINT_APP_ID } from './seedPush';

/** The static key pair the app signs sandbox requests with (any key works unless verification is on). */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' } as const;
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_VALIDATION_DELAY_MS = 2000;
/** The real service's default quota of endpoints per AppInstanceUser. */
export const DEFAULT_ENDPOINT_LIMIT = 10;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly region?: string;
  /** Persist the state to this JSON file (loaded at start; each mutating call is fsynced before it is answered). */
  readonly dataFile?: string;
  readonly seed?: 'demo';
  /** Extra users (one endpoint each) in the demo AppInstance; implies `seed: 'demo'`. */
  readonly seedUsers?: number;
  /** A spec (`throttle=0.2,unavailable=0.05,latency=50`) or a config. */
  readonly faults?: string | FaultConfig;
  readonly validationDelayMs?: number;
  readonly endpointLimit?: number;
  /** With both set, SigV4 signatures are verified against this key pair. */
  readonly accessKey?: string;
  readonly secretKey?: string;
  /** Clock in epoch milliseconds (tests inject a fake one). */
  readonly now?: () => number;
  /** Random source in [0, 1) for fault injection. */
  readonly random?: () => number;
  /** Warnings and internal errors; silent by default. */
  readonly log?: (line: string) => void;
  /**
   * The delivery seam: called once for every SendChannelMessage that is
   * committed (never for an idempotent retry), with the message, its channel
   * and the members at send time. The delivery simulation plugs in here.
   */
  readonly onChannelMessage?: (event: ChannelMessageEvent) => void;
}

/** Run-time controls for tests and embedders (the same as the /_sandbox/ routes). */
export class SandboxControls {
  constructor(
    private readonly deps: {
      state: SandboxState;
      faults: Faults;
      now: () => number;
      validationDelayMs: number;
      commit: () => Promise<void>;
    },
  ) {}

  /** Overrides the simulated state; `undefined` returns the endpoint to the simulation. */
  setEndpointState(userArn: string, endpointId: string, state: EndpointStateValue | undefined): EndpointStateValue {
    const result = setEndpointState(this.deps, userArn, endpointId, state);
    void this.deps.commit().catch(() => {});
    return result;
  }

  setFaults(faults: FaultConfig | string): FaultConfig {
    this.deps.faults.config = typeof faults === 'string' ? parseFaultSpec(faults) : faults;
    return this.deps.faults.config;
  }

  get faults(): FaultConfig {
    return this.deps.faults.config;
  }
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`, the endpoint to give the SDK. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** Keys that pass verification when it is on, and the ones the app uses anyway. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The live Identity state (shared with Messaging), for seeding in bulk without HTTP (tests, bench). */
  readonly state: SandboxState;
  readonly controls: SandboxControls;
  /** The registered services, in the order requests are matched. */
  readonly services: readonly SandboxService[];
  /** Messaging's live state (channels, memberships, messages). */
  readonly messaging: MessagingState;
  /** Pinpoint's live state (apps and their channels). */
  readonly pinpoint: PinpointState;
  /** IAM, issued credentials and Identity Center state (live; replaced wholesale on restore). */
  readonly account: AccountStates;
  /** Simulated devices, deliveries, events, the CA and the APNs/FCM emulators. */
  readonly pushCloud: PushCloud;
  /** The demo push story when seeded: the test channel and its sender. */
  readonly demoPush?: { readonly channelArn: string; readonly senderArn: string; readonly pinpointAppArn: string };
  /** The demo AppInstance's ARN when seeded. */
  readonly demoAppInstanceArn?: string;
  /** Writes pending data (if persisting) without stopping. */
  flush(): Promise<void>;
  /** Stops listening, drops open connections and writes pending data. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const region = options.region ?? DEFAULT_REGION;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const validationDelayMs = options.validationDelayMs ?? DEFAULT_VALIDATION_DELAY_MS;
  const keys: SigV4Keys | undefined =
    options.accessKey && options.secretKey
      ? { accessKeyId: options.accessKey, secretAccessKey: options.secretKey }
      : undefined;

  const faults = new Faults(
    typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? NO_FAULTS),
    options.random ?? Math.random,
  );
  const core: SandboxCore = {
    region,
    account: SANDBOX_ACCOUNT_ID,
    now,
    log,
    pages: new PageTokens(),
    idempotency: new IdempotencyCache(now),
    denies: (action) => faults.denies(action),
  };
  const state = new SandboxState();
  const identity = createIdentityService(core, {
    state,
    endpointLimit: options.endpointLimit ?? DEFAULT_ENDPOINT_LIMIT,
    validationDelayMs,
  });

  const account: AccountStates = { iam: new IamState(), credentials: new IssuedCredentials(), sso: new SsoState() };
  const pushCloud = createPushCloudService();
  let commit: () => Promise<void> = () => Promise.resolve();
  const persistLater = () =>
    void commit().catch((error: unknown) => log(`sandbox: could not persist: ${String(error)}`));
  const pinpoint = createPinpointService(core);
  const messaging = createMessagingService(core, {
    identity: state,
    onChannelMessage: (event) => {
      // The message is committed and answered whatever the simulation does; a bug in it is logged, not a 500.
      try {
        fanOut(
          {
            identity: state,
            pinpoint: pinpoint.pinpoint,
            iam: () => account.iam,
            devices: () => pushCloud.cloud.devices,
            account: SANDBOX_ACCOUNT_ID,
            region,
            now,
            validationDelayMs,
            changed: persistLater,
          },
          event,
        );
      } catch (error) {
        log(
          `sandbox: delivery simulation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      options.onChannelMessage?.(event);
    },
  });
  state.pinpointAppExists = pinpoint.appExists;

  // Matched in this order (Messaging before Identity: both serve /tags, Messaging only for
  // channel ARNs; IAM/STS claim only POST / with their signing name or Version); persisted and
  // restored in `slices` order (Identity first: the others hang off it).
  const ssoOidc = createSsoOidcService(core, account);
  const services: SandboxService[] = [
    messaging,
    identity,
    pinpoint,
    createIamService(core, account),
    createStsService(core, account),
    ssoOidc,
    createSsoPortalService(core, account),
    pushCloud,
  ];
  const slices: StateSlice[] = services.flatMap((s) => (s.state ? [s.state] : []));

  const dataFile = options.dataFile
    ? new DataFile(
        options.dataFile,
        {
          snapshot: () => ({
            version: FILE_VERSION,
            core: { pageSecret: core.pages.toJSON(), idempotency: core.idempotency.toJSON() },
            ...Object.fromEntries(slices.map((s) => [s.key, s.toJSON()])),
          }),
          restore: (data) => {
            const saved = (data['core'] ?? {}) as { pageSecret?: unknown; idempotency?: unknown };
            for (const slice of slices) slice.fromJSON(data[slice.key]);
            core.pages.fromJSON(saved.pageSecret);
            core.idempotency.fromJSON(saved.idempotency);
          },
          reset: () => {
            for (const slice of slices) slice.fromJSON(undefined);
            core.idempotency.clear();
          },
        },
        log,
      )
    : undefined;
  const loaded = (await dataFile?.load())?.kind === 'loaded';
  let demoAppInstanceArn: string | undefined;
  let demoPush: RunningSandbox['demoPush'];
  // A restored file already holds its demo data: seeding again would duplicate it.
  if ((options.seed === 'demo' || options.seedUsers) && !loaded) {
    const instance = seedDemo(state, { region, now: now(), extraUsers: options.seedUsers ?? 0 });
    demoAppInstanceArn = instance.arn;
    demoPush = seedPushStory(instance, {
      identity: state,
      messaging: messaging.messaging,
      pinpoint: pinpoint.pinpoint,
      region,
      account: SANDBOX_ACCOUNT_ID,
      at: now() - 86_400_000,
    });
  }
  if (dataFile) commit = () => dataFile.commit();

  const controls = [
    ...coreControls({
      region,
      faults,
      services: () => services,
      health: () => ({ appInstances: state.appInstances.size }),
    }),
    ...services.flatMap((s) => s.controls ?? []),
  ];
  const issued = {
    isIssuedKey: (key: string) => account.credentials.isIssuedKey(key),
    check: (key: string, token: string | undefined, at: number) => account.credentials.check(key, token, at),
  };
  const server = createServer(
    { keepAliveTimeout: 30_000 },
    createListener({ services, controls, faults, keys, region, commit: () => commit(), log, issued, now }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let cloud: PushCloud;
  try {
    cloud = await pushCloud.start({ baseUrl: url, now, onChange: persistLater, log });
  } catch (error) {
    server.close();
    throw error;
  }
  if (demoAppInstanceArn && demoPush) {
    seedPushDevices({
      cloud,
      identity: state,
      instanceArn: demoAppInstanceArn,
      pinpoint: pinpoint.pinpoint,
      iam: account.iam,
      region,
      account: SANDBOX_ACCOUNT_ID,
      now,
      baseUrl: url,
      channelArn: demoPush.channelArn,
      senderArn: demoPush.senderArn,
      messaging: messaging.messaging,
    });
  }
  if (dataFile && demoAppInstanceArn) await commit();

  return {
    url,
    port,
    region,
    credentials: keys ?? SANDBOX_CREDENTIALS,
    state,
    services,
    messaging: messaging.messaging,
    pinpoint: pinpoint.pinpoint,
    account,
    pushCloud: cloud,
    demoPush,
    controls: new SandboxControls({ state, faults, now, validationDelayMs, commit }),
    demoAppInstanceArn,
    flush: async () => dataFile?.flush(),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await pushCloud.close();
      await dataFile?.flush();
    },
  };
}
