/**
 * The renderer's only way to main: the contract API the preload (or, in the
 * browser harness, the loopback bridge) put on `window.workbench`.
 */
import type { WorkbenchApi } from '../../shared/ipc/api';
import type { Result, WorkbenchError } from '../../shared/errors';

export function getApi(): WorkbenchApi {
  if (!window.workbench) throw new Error('window.workbench is missing: the preload did not run.');
  return window.workbench;
}

/** Unwraps a Result for slice actions that want to `try/catch` a WorkbenchError. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

export class ApiError extends Error {
  constructor(readonly error: WorkbenchError) {
    super(error.message);
    this.name = error.code;
  }
}

export function toWorkbenchError(error: unknown): WorkbenchError {
  if (error instanceof ApiError) return error.error;
  return { code: 'Internal', message: error instanceof Error ? error.message : String(error), retryable: false };
}
