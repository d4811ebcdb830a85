/**
 * Errors cross IPC as values, never as thrown strings (Electron keeps only the
 * message of an error thrown in a handler). Main maps every failure to this
 * shape once; the UI acts on `code` and `retryable`.
 */
import type { ValidationIssue } from './chime/schema';

export interface WorkbenchError {
  /** The service's exception name (e.g. `ConflictException`) or a workbench code (e.g. `InvalidInput`, `SsoTokenExpired`). */
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  /** Whether trying the same call again may succeed (throttling, 5xx, network). */
  readonly retryable: boolean;
  /** Per-member problems, for input validation errors. */
  readonly issues?: readonly ValidationIssue[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WorkbenchError };

/**
 * A throwable carrying a WorkbenchError, for code that must throw: a
 * credential provider inside the SDK, an MFA prompt it awaits. Handlers never
 * throw it; they answer Results.
 */
export class WorkbenchFailure extends Error {
  constructor(readonly error: WorkbenchError) {
    super(error.message);
    this.name = 'WorkbenchFailure';
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: WorkbenchError): Result<never> => ({ ok: false, error });

/**
 * Workbench-level error codes (service errors keep the service's exception
 * name; Chime's are listed in src/shared/chime/errors.ts). Each one:
 * - InvalidInput: the payload failed the contract (type, length, pattern, malformed Unicode) or a transport refused it; never retryable.
 * - ForbiddenSender: the IPC call did not come from the app window.
 * - NotConnected, MfaCancelled, SsoTokenExpired, CredentialsUnavailable: connection and credential problems, with the profile named.
 * - NetworkError, Timeout: the request did not get an answer; retryable.
 * - Cancelled: the user or the app aborted the request.
 * - RequestTooLarge: the server refused the request as too large (HTTP 413, 414, 431), e.g. a long NextToken once URL-encoded.
 * - UnexpectedResponse: the server answered with a status and no error code the model knows; httpStatus says which.
 * - NotFound: a workbench item (an activity entry) that is not there (any more).
 * - StoreError, ImportInvalid: the workspace store or an import file.
 * - Internal: a bug in the app, never something the input caused.
 */
export const WorkbenchCodes = {
  InvalidInput: 'InvalidInput',
  ForbiddenSender: 'ForbiddenSender',
  NotConnected: 'NotConnected',
  MfaCancelled: 'MfaCancelled',
  SsoTokenExpired: 'SsoTokenExpired',
  CredentialsUnavailable: 'CredentialsUnavailable',
  NetworkError: 'NetworkError',
  Timeout: 'Timeout',
  Cancelled: 'Cancelled',
  StoreError: 'StoreError',
  ImportInvalid: 'ImportInvalid',
  NotFound: 'NotFound',
  RequestTooLarge: 'RequestTooLarge',
  UnexpectedResponse: 'UnexpectedResponse',
  Internal: 'Internal',
} as const;

export function isWorkbenchError(value: unknown): value is WorkbenchError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WorkbenchError).code === 'string' &&
    typeof (value as WorkbenchError).message === 'string' &&
    typeof (value as WorkbenchError).retryable === 'boolean'
  );
}
