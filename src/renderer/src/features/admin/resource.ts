/**
 * Loaded-data bookkeeping shared by the admin slices: a value fetched for one
 * key (an ARN), with its loading flag and last error. A response that arrives
 * after the user moved to another resource is dropped, so a slow describe of
 * the previous AppInstance never overwrites the current one.
 */
import type { Result, WorkbenchError } from '../../../../shared/errors';

export interface Resource<T> {
  readonly key: string;
  readonly loading: boolean;
  readonly value?: T;
  readonly error?: WorkbenchError;
}

export async function loadInto<T>(
  key: string,
  fetch: () => Promise<Result<T>>,
  read: () => Resource<T> | undefined,
  write: (next: Resource<T>) => void,
): Promise<Result<T>> {
  const previous = read();
  write({ key, loading: true, ...(previous?.key === key && previous.value !== undefined ? { value: previous.value } : {}) });
  const result = await fetch();
  if (read()?.key !== key) return result;
  write(result.ok ? { key, loading: false, value: result.value } : { key, loading: false, error: result.error });
  return result;
}

export function mapResult<T, U>(result: Result<T>, map: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}
