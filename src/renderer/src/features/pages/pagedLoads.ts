/**
 * Paginated loads run in main (`paginateOperation`, on the one paging path of
 * `shared/chime/paging.ts`) and stream pages back as
 * `pages:page` events. This module pairs each load id with the callback that
 * consumes its pages, so any feature can page through any List operation and
 * cancel it when the user moves on.
 */
import { getApi } from '../../api';
import type { PageEvent } from '../../../../shared/ipc/contract';
import type { PaginatedOperation } from '../../../../shared/chime/paging';

type PageHandler = (page: PageEvent) => void;
const handlers = new Map<string, PageHandler>();
let counter = 0;

export interface PagedLoad {
  readonly loadId: string;
  cancel(): void;
}

export function startPagedLoad(
  operation: PaginatedOperation,
  input: Record<string, unknown>,
  onPage: PageHandler,
  pageSize = 50,
): PagedLoad {
  const loadId = `load-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  handlers.set(loadId, onPage);
  void getApi()['pages:start']({ loadId, operation, input, pageSize }).then((result) => {
    if (!result.ok) {
      handlers.delete(loadId);
      onPage({ loadId, operation, pageIndex: 0, items: [], loadedCount: 0, done: true, error: result.error });
    }
  });
  return {
    loadId,
    cancel() {
      if (handlers.delete(loadId)) void getApi()['pages:cancel']({ loadId });
    },
  };
}

/** Called for every `pages:page` event; pages of cancelled loads are dropped. */
export function routePage(page: PageEvent): void {
  const handler = handlers.get(page.loadId);
  if (!handler) return;
  if (page.done) handlers.delete(page.loadId);
  handler(page);
}
