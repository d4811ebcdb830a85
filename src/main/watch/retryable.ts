/**
 * Which failures the watcher backs off from (and retries by itself) rather
 * than reports as an error: throttling, 5xx and network trouble. Accepts raw
 * SDK errors and already-mapped WorkbenchErrors (either may reach the lister).
 */
const RETRYABLE_NAMES = new Set([
  'ThrottledClientException',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
  'ServiceFailureException',
  'InternalServerError',
  'RequestTimeout',
  'TimeoutError',
  'NetworkError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; retryable?: unknown; httpStatus?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && (RETRYABLE_NAMES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  const status = typeof e.httpStatus === 'number' ? e.httpStatus : e.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`.slice(0, 500);
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { code?: unknown; message: unknown };
    return `${typeof e.code === 'string' ? `${e.code}: ` : ''}${String(e.message)}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
