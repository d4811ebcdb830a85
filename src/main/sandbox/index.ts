/**
 * The sandbox: a local Amazon Chime SDK Identity service that the AWS SDKs
 * and CLI cannot tell from the real one. The app starts it in-process on a
 * free loopback port (the "Local sandbox" connection); tests and the CLI use
 * the same `startSandbox`.
 */
import { DEFAULT_REGION } from '../../shared/aws/regions';
import { ENDPOINTS_PER_USER } from '../../shared/chime/quotas';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SigV4Keys } from './auth';
import { SandboxControls } from './control';
import { Faults, NO_FAULTS, parseFaultSpec, type FaultConfig } from './faults';
import type { HandlerContext } from './handlers';
import { IdempotencyCache } from './idempotency';
import { PageTokens } from './pagination';
import { DataFile } from './persistence';
import { seedDemo } from './seed';
import { SandboxState } from './state';
import { createListener } from './server';

export { SANDBOX_ACCOUNT_ID } from './handlers';
export { parseFaultSpec, formatFaults, type FaultConfig } from './faults';
export type { EndpointStateValue } from './state';
export { DEMO_APP_INSTANCE_NAME } from './seed';

/** The static key pair the app signs sandbox requests with (any key works unless verification is on). */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' } as const;
export { DEFAULT_REGION };
export const DEFAULT_VALIDATION_DELAY_MS = 2000;
/** The real service's default quota of endpoints per AppInstanceUser. */
export const DEFAULT_ENDPOINT_LIMIT = ENDPOINTS_PER_USER;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly region?: string;
  /** Persist the state to this JSON file (loaded at start, written atomically on change). */
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
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`, the endpoint to give the SDK. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** Keys that pass verification when it is on, and the ones the app uses anyway. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The live state, for seeding in bulk without HTTP (tests, bench). */
  readonly state: SandboxState;
  readonly controls: SandboxControls;
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
    options.accessKey && options.secretKey ? { accessKeyId: options.accessKey, secretAccessKey: options.secretKey } : undefined;

  const state = new SandboxState();
  const dataFile = options.dataFile ? new DataFile(options.dataFile, state, log) : undefined;
  const loaded = (await dataFile?.load())?.kind === 'loaded';
  let demoAppInstanceArn: string | undefined;
  // A restored file already holds its demo data: seeding again would duplicate it.
  if ((options.seed === 'demo' || options.seedUsers) && !loaded) {
    demoAppInstanceArn = seedDemo(state, { region, now: now(), extraUsers: options.seedUsers ?? 0 }).arn;
    dataFile?.markDirty();
  }

  const faults = new Faults(
    typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? NO_FAULTS),
    options.random ?? Math.random,
  );
  const onMutation = () => dataFile?.markDirty();
  const ctx: HandlerContext = {
    state,
    region,
    now,
    pages: new PageTokens(),
    idempotency: new IdempotencyCache(),
    endpointLimit: options.endpointLimit ?? DEFAULT_ENDPOINT_LIMIT,
    validationDelayMs,
  };
  const controls = new SandboxControls({ state, faults, region, now, validationDelayMs, onMutation });
  const server = createServer({ keepAliveTimeout: 30_000 }, createListener({ ctx, faults, controls, keys, onMutation, log }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region,
    credentials: keys ?? SANDBOX_CREDENTIALS,
    state,
    controls,
    demoAppInstanceArn,
    flush: async () => dataFile?.flush(),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await dataFile?.flush();
    },
  };
}
