/**
 * The one paging path. Every List operation of the service pages the same way:
 * the output carries a `NextToken` while more items remain, and the next call
 * sends it back as the input's `NextToken`. `pageThrough` is that loop, once;
 * main's `paginateOperation` (and the `pages:start` stream built on it), the
 * watcher and the renderer's full lists all page through it.
 *
 * Which operations page, and the output member that holds their items, come
 * from the operations table (`paginated.items`), not from a second list.
 */
import { WorkbenchCodes, fail, ok, type Result, type WorkbenchError } from '../errors';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from './operations';

type Table = typeof OPERATIONS;

/** The List operations: those the table marks `paginated`. */
export type PaginatedOperation = {
  [Op in OperationName]: Table[Op] extends { readonly paginated: object } ? Op : never;
}[OperationName];

/** The output member that holds a page's items (`AppInstanceUsers` for ListAppInstanceUsers, …). */
export type PageItemsKey<Op extends PaginatedOperation> = Table[Op] extends { readonly paginated: { readonly items: infer K } } ? K : never;

export function isPaginatedOperation(name: string): name is PaginatedOperation {
  return Object.hasOwn(OPERATIONS, name) && 'paginated' in OPERATIONS[name as OperationName];
}

export const PAGINATED_OPERATIONS: readonly PaginatedOperation[] = OPERATION_NAMES.filter(isPaginatedOperation);

export function pageItemsKey<Op extends PaginatedOperation>(operation: Op): PageItemsKey<Op> {
  return (OPERATIONS[operation] as { readonly paginated: { readonly items: string } }).paginated.items as PageItemsKey<Op>;
}

/** The items of one page of `operation` (an absent member is an empty page). */
export function pageItems<Op extends PaginatedOperation>(operation: Op, page: object): readonly unknown[] {
  const items = (page as Record<string, unknown>)[pageItemsKey(operation) as string];
  return Array.isArray(items) ? items : [];
}

export interface Paged {
  readonly NextToken?: string | undefined;
}

export interface PagingOptions {
  readonly signal?: AbortSignal | undefined;
  /** A safety stop for a service that keeps answering a NextToken; unlimited when left out. */
  readonly maxPages?: number | undefined;
}

/**
 * Yields one Result per page, sending each page's NextToken back with the
 * next call. A failure (or an abort, as Cancelled) is yielded once, last.
 * Stop early by breaking out of the loop.
 */
export async function* pageThrough<I extends Paged, O extends Paged>(
  fetchPage: (input: I) => Promise<Result<O>>,
  input: I,
  options: PagingOptions = {},
): AsyncGenerator<Result<O>, void, undefined> {
  const { signal, maxPages = Number.POSITIVE_INFINITY } = options;
  let token = input.NextToken;
  for (let page = 0; page < maxPages; page++) {
    if (signal?.aborted) return yield fail(cancelled());
    const result = await fetchPage(token ? { ...input, NextToken: token } : input);
    if (signal?.aborted) return yield fail(cancelled());
    yield result;
    if (!result.ok) return;
    token = result.value.NextToken;
    if (!token) return;
  }
}

export interface Collected<T> {
  readonly items: T[];
  /** False when `maxPages` stopped the walk before the last page. */
  readonly complete: boolean;
}

/** Every page's items in one list, or the first failure. */
export async function collectPages<I extends Paged, O extends Paged, T>(
  fetchPage: (input: I) => Promise<Result<O>>,
  input: I,
  itemsOf: (page: O) => readonly T[] | undefined,
  options: PagingOptions = {},
): Promise<Result<Collected<T>>> {
  const items: T[] = [];
  let complete = true;
  for await (const page of pageThrough(fetchPage, input, options)) {
    if (!page.ok) return page;
    items.push(...(itemsOf(page.value) ?? []));
    complete = !page.value.NextToken;
  }
  return ok({ items, complete });
}

export function cancelled(): WorkbenchError {
  return { code: WorkbenchCodes.Cancelled, message: 'The request was cancelled.', retryable: false };
}
