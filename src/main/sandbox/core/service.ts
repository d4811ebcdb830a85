/**
 * The sandbox core and how a service plugs into it.
 *
 * One HTTP listener (core/server.ts) serves every service on one port. For
 * each request it: refuses non-loopback Hosts; answers `/_sandbox/…` control
 * routes (refusing any request with a browser `Origin`, before reading the
 * body); otherwise parses the SigV4 credential scope, asks each registered
 * service in order `match(req)`, checks the signature against the service's
 * signing name (and region: the served one, or `auth.globalRegion` for
 * IAM/STS), applies faults (latency, throttle, unavailable, deny), runs the
 * operation, waits for the durable commit of a mutating call (`--data`,
 * group commit), may answer 503 after the commit (`after-commit=P`), and
 * writes the answer. Errors go through the service's `renderError`.
 *
 * A new service is one object:
 *
 *   export function createStsService(core: SandboxCore): SandboxService {
 *     return {
 *       name: 'sts',
 *       auth: { kind: 'sigv4', signingName: 'sts', globalRegion: 'us-east-1' },
 *       actionPrefix: 'sts',
 *       faultErrors: { throttled: … , unavailable: …, denied: …, unauthorized: …, internal: … },
 *       match: (req) => req.method === 'POST' && req.rawPath === '/' && req.scope?.service === 'sts'
 *           ? { name: actionOf(req), mutating: false, run: () => … } : undefined,
 *       renderError: (error, requestId) => queryXmlError(error, requestId),
 *       state: { key: 'sts', toJSON: () => …, fromJSON: (data) => … },   // optional
 *       controls: [{ method: 'POST', path: '/_sandbox/sso/approve', mutating: true, handle: (req) => … }], // optional
 *     };
 *   }
 *
 * and one line in `startSandbox` (src/main/sandbox/index.ts) adding it to the
 * `services` list. Order matters only where two services accept the same
 * request (Messaging is asked before Identity for `/tags`, and claims it only
 * for a channel ARN).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxError } from './errors';
import type { IdempotencyCache } from './idempotency';
import type { PageTokens } from './pagination';

export interface SigningScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  /** The credential scope's service: `chime`, `mobiletargeting`, `iam`, `sts`. */
  readonly service: string;
}

export interface SandboxRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as UTF-8 text ('' when none). */
  readonly body: string;
  /** From the Authorization header, when it is a SigV4 header. */
  readonly scope?: SigningScope;
  readonly requestId: string;
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as is (set content-type in headers); undefined: no body. */
  readonly body?: Record<string, unknown> | string;
}

/** One matched API call. `run` validates its input and throws SandboxError for API errors. */
export interface Operation {
  /** The API's operation name: `deny=` faults match `${actionPrefix}:${name}`. */
  readonly name: string;
  /** Mutating calls are fsynced before they are answered (with --data) and may be hit by after-commit. */
  readonly mutating: boolean;
  run(): SandboxResponse | Promise<SandboxResponse>;
  /** Takes no signature (STS AssumeRoleWithWebIdentity): the core checks one only when it is sent. */
  readonly unsigned?: boolean;
  /** Called once the call's change is durable (after `run` succeeded; before an after-commit fault answers 503). */
  committed?(): void;
}

/** The service's own error types for what the core decides on its own. */
export interface FaultErrors {
  throttled(message: string): SandboxError;
  unavailable(message: string): SandboxError;
  /** `deny=ACTION` and a signature that does not verify. */
  denied(message: string): SandboxError;
  /** No Authorization header. */
  unauthorized(message: string): SandboxError;
  internal(message: string): SandboxError;
  /** Credential problems of the SigV4 check, where the protocol names them (IAM/STS); `denied` otherwise. */
  credentials?(code: 'InvalidClientTokenId' | 'ExpiredToken' | 'SignatureDoesNotMatch', message: string): SandboxError;
}

/** A part of the persisted state (`--data`). `fromJSON(undefined)`: the file has no such part (start empty). */
export interface StateSlice {
  readonly key: string;
  toJSON(): unknown;
  fromJSON(data: unknown): void;
}

export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path, or a pattern whose groups are passed to handle. */
  readonly path: string | RegExp;
  /** Mutating control calls are committed like API calls. */
  readonly mutating: boolean;
  handle(req: SandboxRequest, groups: readonly string[]): SandboxResponse | Promise<SandboxResponse>;
}

export interface SandboxService {
  readonly name: string;
  readonly auth: { readonly kind: 'sigv4'; readonly signingName: string; readonly globalRegion?: string } | { readonly kind: 'none' };
  /** IAM action prefix (`chime`, `mobiletargeting`, `iam`, `sts`, `sso`). */
  readonly actionPrefix: string;
  readonly faultErrors: FaultErrors;
  match(req: SandboxRequest): Operation | undefined;
  renderError(error: SandboxError, requestId: string): SandboxResponse;
  readonly state?: StateSlice;
  readonly controls?: readonly ControlRoute[];
  /** Extra members for GET /_sandbox/health (e.g. `{"apns": url}`). */
  health?(): Record<string, unknown>;
}

/** What the core gives every service. */
export interface SandboxCore {
  readonly region: string;
  readonly account: string;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** NextTokens: one secret for all services, persisted with the data so tokens survive a restart. */
  readonly pages: PageTokens;
  /** ClientRequestToken history (persisted with its expiry). */
  readonly idempotency: IdempotencyCache;
  /** Whether fault injection denies an IAM action (for permissions a call needs besides its own, e.g. mobiletargeting:GetApp). */
  readonly denies: (action: string) => boolean;
}

/** The REST-JSON answer every REST-JSON service uses, with `x-amzn-ErrorType`. */
export function restJsonError(error: SandboxError, body: Record<string, unknown>): SandboxResponse {
  return { status: error.status, headers: { 'x-amzn-ErrorType': error.type }, body };
}
