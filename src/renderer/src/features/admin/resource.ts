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

export interface Collected<T> {
  readonly items: readonly T[];
  /** False when the page cap stopped the walk before the last page. */
  readonly complete: boolean;
}

/**
 * Walks a List operation page by page through NextToken. Used for the lists an
 * admin screen shows in full (admins, bots) and for counting what depends on
 * a resource before it is deleted; the cap keeps a count from issuing
 * thousands of calls against a huge AppInstance.
 */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<Result<{ readonly items: readonly T[]; readonly nextToken?: string }>>,
  maxPages = 100,
): Promise<Result<Collected<T>>> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(token);
    if (!result.ok) return result;
    items.push(...result.value.items);
    token = result.value.nextToken;
    if (!token) return { ok: true, value: { items, complete: true } };
  }
  return { ok: true, value: { items, complete: false } };
}

export function mapResult<T, U>(result: Result<T>, map: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}
