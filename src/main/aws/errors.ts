/**
 * The one place where anything thrown by the AWS SDK, a credential provider,
 * the network or an abort becomes a WorkbenchError (see src/shared/errors.ts).
 * Callers never inspect SDK errors themselves; they map once, here.
 */
import { WorkbenchCodes, WorkbenchFailure, isWorkbenchError, type WorkbenchError } from '../../shared/errors';
import { chimeErrorInfo } from '../../shared/chime/errors';

export interface MappingContext {
  /** The profile in use, so an SSO message can name the exact login command. */
  readonly profile?: string;
  /**
   * The transport explanation of the client's resolved settings
   * (`ClientConfigResolution.explainFailure`): a refusing proxy, a CA bundle
   * that does not verify, an unreachable configured endpoint, named as such.
   */
  readonly explain?: (thrown: unknown) => WorkbenchError | undefined;
}

/** HTTP statuses where the same request may succeed later. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
// Throttling names of other AWS services (STS for whoami). Chime's own errors
// are classified by src/shared/chime/errors.ts, from the service model.
const THROTTLING = new Set(['ThrottledClientException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
/** Statuses that mean the request itself (URL, headers, body) was too large for the server. */
const TOO_LARGE_STATUS = new Set([413, 414, 431]);
/** Names the SDK gives an answer its model does not describe. */
const UNNAMED = new Set(['', 'Error', 'Unknown', 'UnknownError']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
// Messages of @aws-sdk/credential-provider-sso and @aws-sdk/token-providers when
// the cached SSO token is missing, expired or cannot be refreshed.
const SSO_TOKEN_PROBLEM = /SSO (session|token)|aws sso login|SSO Token|Token is expired/i;

export function ssoLoginCommand(profile: string): string {
  return `aws sso login --profile ${profile}`;
}

export function ssoTokenExpired(profile: string | undefined, detail = 'The SSO session has expired or has not been started.'): WorkbenchError {
  const command = ssoLoginCommand(profile ?? 'PROFILE');
  return { code: WorkbenchCodes.SsoTokenExpired, message: `${detail} Use "Sign in with AWS SSO" in the app, or run \`${command}\` in a terminal, then try again.`, retryable: false };
}

/**
 * A failed call is seen twice: by the client's call recorder (for the activity
 * log) and by `sendOperation` (for the Result). It is mapped once; the second
 * look gets the same value.
 */
const mappedOnce = new WeakMap<object, WorkbenchError>();

export function toWorkbenchError(thrown: unknown, context: MappingContext = {}): WorkbenchError {
  if (typeof thrown !== 'object' || thrown === null) return redacted(mapThrown(thrown, context));
  const known = mappedOnce.get(thrown);
  if (known) return known;
  const explained = thrown instanceof WorkbenchFailure ? undefined : context.explain?.(thrown);
  const error = redacted(explained ?? mapThrown(thrown, context));
  mappedOnce.set(thrown, error);
  return error;
}

function redacted(error: WorkbenchError): WorkbenchError {
  const message = redactSecrets(error.message);
  return message === error.message ? error : { ...error, message };
}

/**
 * Text from outside (SDK and provider messages, helper output that slipped
 * through, a URL with a query) reaches IPC, the activity log and its export
 * through an error's message: anything shaped like a credential is masked.
 * Access key ids (AKIA…/ASIA…), `secret=`, `token=`, `password=` style pairs,
 * bearer tokens and JWTs.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '$1…')
    .replace(/\b([A-Za-z_-]*(?:secret|token|password|passwd|credential|session)[A-Za-z_-]*)(\s*[=:]\s*)("?)[^\s"',;&]{4,}\3/gi, '$1$2$3…$3')
    .replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 …')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '…');
}

function mapThrown(thrown: unknown, context: MappingContext): WorkbenchError {
  if (thrown instanceof WorkbenchFailure) return thrown.error;
  if (isWorkbenchError(thrown)) return thrown;
  if (!(thrown instanceof Error)) {
    return { code: WorkbenchCodes.Internal, message: `Unexpected failure: ${String(thrown)}`, retryable: false };
  }
  const err = thrown as Error & ErrorFields;
  // Credential failures wrap the cause; keep the wrapper's metadata but look through for a service error.
  if (err.name === 'CredentialsProviderError' || err.name === 'TokenProviderError') return credentialError(err, context);
  if (err.name === 'AbortError') return { code: WorkbenchCodes.Cancelled, message: 'The request was cancelled.', retryable: false };
  if (err.name === 'TimeoutError') {
    return { code: WorkbenchCodes.Timeout, message: `The request timed out: ${err.message}`, retryable: true, ...metadata(err) };
  }
  const networkCode = [err.code, err.cause?.code].find((c) => c !== undefined && NETWORK_CODES.has(c));
  if (networkCode) {
    return { code: WorkbenchCodes.NetworkError, message: `Network error (${networkCode}): ${err.message}`, retryable: true, ...metadata(err) };
  }
  if (err.$metadata) return serviceError(err);
  // encodeURIComponent in the SDK's serializer: a lone surrogate in a path or query member.
  if (err instanceof URIError) {
    return { code: WorkbenchCodes.InvalidInput, message: 'A value contains malformed Unicode (a lone UTF-16 surrogate) and cannot be sent.', retryable: false };
  }
  return { code: WorkbenchCodes.Internal, message: err.message || err.name, retryable: false };
}

interface ErrorFields {
  code?: string;
  cause?: { code?: string };
  $fault?: 'client' | 'server';
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { headers?: Record<string, string> };
}

function metadata(err: ErrorFields): { httpStatus?: number; requestId?: string } {
  const httpStatus = err.$metadata?.httpStatusCode;
  const requestId = err.$metadata?.requestId ?? err.$response?.headers?.['x-amzn-requestid'];
  return { ...(httpStatus !== undefined ? { httpStatus } : {}), ...(requestId ? { requestId } : {}) };
}

function serviceError(err: Error & ErrorFields): WorkbenchError {
  const meta = metadata(err);
  const status = meta.httpStatus;
  if (UNNAMED.has(err.name ?? '')) return unnamedServiceError(err, meta);
  const known = chimeErrorInfo(err.name);
  const retryable = known
    ? known.retryable
    : err.$retryable !== undefined || THROTTLING.has(err.name) || (status !== undefined && RETRYABLE_STATUS.has(status));
  return { code: err.name, message: err.message || err.name, retryable, ...meta };
}

/** An answer the model does not describe (no error code): named by what its status means. */
function unnamedServiceError(err: Error & ErrorFields, meta: { httpStatus?: number; requestId?: string }): WorkbenchError {
  const status = meta.httpStatus;
  if (status !== undefined && TOO_LARGE_STATUS.has(status)) {
    return {
      code: WorkbenchCodes.RequestTooLarge,
      message: `The server refused the request as too large (HTTP ${status}): a value sent in the URL or headers (a NextToken, an id) is too long once encoded.`,
      retryable: false,
      ...meta,
    };
  }
  const retryable = status !== undefined && RETRYABLE_STATUS.has(status);
  const detail = err.message && err.message !== err.name && !UNNAMED.has(err.message) ? `: ${err.message.slice(0, 300)}` : '';
  return { code: WorkbenchCodes.UnexpectedResponse, message: `The server answered HTTP ${status ?? '(no status)'} without an error code${detail}`, retryable, ...meta };
}

function credentialError(err: Error & ErrorFields, context: MappingContext): WorkbenchError {
  if (SSO_TOKEN_PROBLEM.test(err.message)) return ssoTokenExpired(context.profile);
  const profile = context.profile ? ` for profile "${context.profile}"` : '';
  return { code: WorkbenchCodes.CredentialsUnavailable, message: `Could not get credentials${profile}: ${credentialDetail(err.message)}`, retryable: false };
}

/**
 * Node's exec failure ("Command failed: <command line>\n<stderr>") reaches us
 * through the SDK's fromProcess when a credential_process sits in a
 * source_profile chain: the command line and the helper's stderr can hold
 * secrets, so only the kind of failure is kept. Any other provider message is
 * cut to its first line and 300 characters (the SDK's own messages are one line).
 */
export function credentialDetail(message: string): string {
  if (/^Command failed:/.test(message) || /credential_process/i.test(message) && /\n/.test(message)) {
    return 'a credential_process in its source_profile chain failed. Its output is not shown because helpers can print secrets; run it in a terminal to see it.';
  }
  const firstLine = message.split('\n', 1)[0] ?? '';
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
}
