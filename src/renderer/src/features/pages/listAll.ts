/**
 * A List operation walked to the end in the renderer, for the lists a screen
 * needs whole (admins, bots, a user's endpoints, counts before a delete):
 * `collectPages` of the one paging path (`shared/chime/paging.ts`) over the
 * operation's `chime:` channel. Long lists stream instead (`pagedLoads.ts`).
 */
import { getApi } from '../../api';
import type { Result } from '../../../../shared/errors';
import type { ChimeInput, ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import { collectPages, pageItems, type Collected, type PageItemsKey, type PaginatedOperation } from '../../../../shared/chime/paging';

/** One item of a page of `Op` (an `AppInstanceAdminSummary` for ListAppInstanceAdmins, …). */
export type PageItem<Op extends PaginatedOperation> =
  NonNullable<ChimeOutput<Op>[PageItemsKey<Op> & keyof ChimeOutput<Op>]> extends readonly (infer T)[] ? T : never;

/** The cap keeps a walk from issuing thousands of calls against a huge AppInstance (or a service that keeps answering a NextToken). */
export const DEFAULT_MAX_PAGES = 100;

export function listAll<Op extends PaginatedOperation>(
  operation: Op,
  input: ChimeInput<Op>,
  maxPages = DEFAULT_MAX_PAGES,
): Promise<Result<Collected<PageItem<Op>>>> {
  // Indexing the API by a generic channel name loses the per-operation signature; the contract fixes it.
  const invoke = getApi()[`chime:${operation}`] as unknown as (page: ChimeInput<Op>) => Promise<Result<ChimeOutput<Op>>>;
  return collectPages(invoke, { MaxResults: 50, ...input }, (page) => pageItems(operation, page) as PageItem<Op>[], { maxPages });
}
