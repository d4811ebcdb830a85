/**
 * The one place an AWS client is built: Chime SDK Identity, Chime SDK
 * Messaging, Pinpoint and IAM (`createServiceClient`). Every client gets:
 * - adaptive retries (client-side rate limiting on throttling, which the
 *   endpoint watcher's polling can trigger);
 * - a per-call timeout on the connection and on the whole response, so a
 *   silent network never leaves the UI spinning (callers may also pass an
 *   AbortSignal per call);
 * - a user-agent suffix naming the app, so calls are identifiable in
 *   CloudTrail (`userAgent` field);
 * - a middleware that reports every call, success or failure, for the
 *   activity log.
 */
import { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { IAMClient } from '@aws-sdk/client-iam';
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { CallRecord } from './activityLog';
import type { CredentialsProvider } from './credentials';
import { toWorkbenchError, type MappingContext } from './errors';
import type { ResolvedClientConfig } from './config';

/** The services the app calls with the connection's credentials (STS and SSO have their own paths). */
const CLIENT_CLASSES = {
  identity: ChimeSDKIdentityClient,
  messaging: ChimeSDKMessagingClient,
  pinpoint: PinpointClient,
  iam: IAMClient,
} as const;
export type ClientService = keyof typeof CLIENT_CLASSES;
export const CLIENT_SERVICES = Object.keys(CLIENT_CLASSES) as ClientService[];
export type ServiceClient<S extends ClientService> = InstanceType<(typeof CLIENT_CLASSES)[S]>;
/** One client per service, all built for the same connection. */
export type ServiceClients = { readonly [S in ClientService]: ServiceClient<S> };

export const APP_USER_AGENT_NAME = 'ChimeEndpointWorkbench';
export const DEFAULT_APP_VERSION = '0.1.0';

export interface ChimeClientOptions {
  readonly region: string;
  readonly credentials: CredentialsProvider;
  /** The sandbox URL, or undefined for the real regional endpoint. */
  readonly endpoint?: string;
  /** Per-call timeout for connecting and for the response (default 15 s). */
  readonly timeoutMs?: number;
  /** Attempts per call, first included (default 3). */
  readonly maxAttempts?: number;
  readonly appVersion?: string;
  /** Names the profile in credential error messages. */
  readonly profile?: string;
  /** Called once per finished call (after retries). */
  readonly onCall?: (call: CallRecord) => void;
  readonly now?: () => number;
  /**
   * Per-profile shared-config settings from resolveClientConfig(profile,
   * 'identity') (config/): region, configured endpoint, FIPS, dual-stack,
   * retry mode and attempts, and the request handler (proxy, CA bundle).
   * `endpoint` and `maxAttempts` above still win when given (the sandbox URL,
   * the watcher's one-attempt client); `region` and `timeoutMs` do not apply.
   */
  readonly resolved?: ResolvedClientConfig;
  /** Its resolution's `explainFailure`: transport failures named by the setting behind them. */
  readonly explainFailure?: MappingContext['explain'];
}

export function createChimeClient(options: ChimeClientOptions): ChimeSDKIdentityClient {
  return createServiceClient('identity', options);
}

export function createServiceClient<S extends ClientService>(service: S, options: ChimeClientOptions): ServiceClient<S> {
  const Client = CLIENT_CLASSES[service] as unknown as new (config: object) => ServiceClient<S>;
  const client = new Client(options.resolved ? fromResolved(options, options.resolved) : fromOptions(options));
  if (options.onCall) {
    const context: MappingContext = {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.explainFailure ? { explain: options.explainFailure } : {}),
    };
    addCallRecorder(client, service, options.onCall, context, options.now ?? Date.now);
  }
  return client;
}

function fromResolved(options: ChimeClientOptions, resolved: ResolvedClientConfig) {
  return {
    ...resolved,
    credentials: options.credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    customUserAgent: [[APP_USER_AGENT_NAME, options.appVersion ?? DEFAULT_APP_VERSION]] as [string, string][],
  };
}

function fromOptions(options: ChimeClientOptions) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    region: options.region,
    credentials: options.credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 3,
    // The SDK accepts handler options in place of a NodeHttpHandler instance.
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    customUserAgent: [[APP_USER_AGENT_NAME, options.appVersion ?? DEFAULT_APP_VERSION]] as [string, string][],
  };
}

interface Metadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/**
 * At the initialize step the middleware wraps the whole call, retries
 * included, so it sees the final outcome once with the attempt count.
 */
function addCallRecorder(
  client: ServiceClient<ClientService>,
  service: ClientService,
  onCall: (call: CallRecord) => void,
  mapping: MappingContext,
  now: () => number,
): void {
  // The four clients' stacks differ only in their input/output unions.
  (client.middlewareStack as ChimeSDKIdentityClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = args.input;
      const startedAt = now();
      const finish = (meta: Metadata | undefined, extra: Partial<CallRecord>) => {
        const record: CallRecord = {
          operation,
          ...(service === 'identity' ? {} : { service }),
          input,
          startedAt,
          durationMs: Math.max(0, now() - startedAt),
          attempts: meta?.attempts ?? 1,
          ...(meta?.httpStatusCode !== undefined ? { httpStatus: meta.httpStatusCode } : {}),
          ...(meta?.requestId ? { requestId: meta.requestId } : {}),
          ...extra,
        };
        // A broken listener must not turn a successful call into a failure.
        try {
          onCall(record);
        } catch {
          /* the activity log is best effort */
        }
      };
      try {
        const result = await next(args);
        finish((result.output as { $metadata?: Metadata }).$metadata, { output: result.output });
        return result;
      } catch (thrown) {
        const error = toWorkbenchError(thrown, mapping);
        finish((thrown as { $metadata?: Metadata }).$metadata, { error });
        throw thrown;
      }
    },
    { step: 'initialize', name: 'workbenchCallRecorder', priority: 'high', override: true },
  );
}
