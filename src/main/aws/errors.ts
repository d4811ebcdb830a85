/**
 * The one place where anything thrown by the AWS SDK, a credential provider,
 * the network or an abort becomes a WorkbenchError (see src/shared/errors.ts).
 * Callers never inspect SDK errors themselves; they map once, here.
 */
import { WorkbenchCodes, WorkbenchFailure, isWorkbenchError, type WorkbenchError } from '../../shared/errors';

export interface MappingContext {
  /** The profile in use, so an SSO message can name the exact login command. */
  readonly profile?: string;
}

/** HTTP statuses where the same request may succeed later. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const THROTTLING = new Set(['ThrottledClientException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'ResourceLimitExceededException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
// Messages of @aws-sdk/credential-provider-sso and @aws-sdk/token-providers when
// the cached SSO token is missing, expired or cannot be refreshed.
const SSO_TOKEN_PROBLEM = /SSO (session|token)|aws sso login|SSO Token|Token is expired/i;

export function ssoLoginCommand(profile: string): string {
  return `aws sso login --profile ${profile}`;
}

export function ssoTokenExpired(profile: string | undefined, detail = 'The SSO session has expired or has not been started.'): WorkbenchError {
  const command = ssoLoginCommand(profile ?? 'PROFILE');
  return { code: WorkbenchCodes.SsoTokenExpired, message: `${detail} Run \`${command}\` in a terminal, then try again.`, retryable: false };
}

/**
 * A failed call is seen twice: by the client's call recorder (for the activity
 * log) and by `sendOperation` (for the Result). It is mapped once; the second
 * look gets the same value.
 */
const mapped = new WeakMap<object, WorkbenchError>();

export function toWorkbenchError(thrown: unknown, context: MappingContext = {}): WorkbenchError {
  if (typeof thrown !== 'object' || thrown === null) return mapThrown(thrown, context);
  const known = mapped.get(thrown);
  if (known) return known;
  const error = mapThrown(thrown, context);
  mapped.set(thrown, error);
  return error;
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
  const retryable =
    err.$retryable !== undefined || THROTTLING.has(err.name) || (meta.httpStatus !== undefined && RETRYABLE_STATUS.has(meta.httpStatus));
  // The SDK names unmodelled errors "Unknown"/"UnknownError"; the status says more.
  const code = err.name && err.name !== 'Error' ? err.name : `HTTP${meta.httpStatus ?? ''}`;
  return { code, message: err.message || code, retryable, ...meta };
}

function credentialError(err: Error & ErrorFields, context: MappingContext): WorkbenchError {
  if (SSO_TOKEN_PROBLEM.test(err.message)) return ssoTokenExpired(context.profile);
  const profile = context.profile ? ` for profile "${context.profile}"` : '';
  return { code: WorkbenchCodes.CredentialsUnavailable, message: `Could not get credentials${profile}: ${err.message}`, retryable: false };
}
