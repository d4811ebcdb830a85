/**
 * The slices' one convention for loaded data: a `Resource<T>` is a value
 * fetched for one key (an ARN, a load id), with its loading flag and last
 * error, in one field (`profiles`, `identity`, `appInstances`, `endpoints`,
 * `admins`, `activity`, …) rather than flat `xLoading`/`xError` fields beside
 * the value. A response that arrives after the user moved to another key is
 * dropped, so a slow describe of the previous AppInstance never overwrites
 * the current one.
 *
 * The one list that streams, the users of an AppInstance (up to 100,000,
 * published page by page), keeps the same fields in `userLoad` (key
 * `appInstanceArn`, `loading`, `error`, plus its progress) beside the growing
 * `users` array, so a new page does not copy the load state.
 */
import type { Result, WorkbenchError } from '../../../shared/errors';

export interface Resource<T> {
  readonly key: string;
  readonly loading: boolean;
  readonly value?: T;
  readonly error?: WorkbenchError;
  /** When `value` was read (epoch ms), where a view says how fresh it is; with an error, stale as of then. */
  readonly at?: number;
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

/** An empty list that keeps its identity, for selectors (`useShallow`) that read a resource not loaded yet. */
export const NONE: readonly never[] = Object.freeze([]);
