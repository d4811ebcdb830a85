/**
 * Paginated loads: `pages:start` answers at once and streams each page as a
 * `pages:page` event, so the renderer paints the first rows while the rest
 * load. The pages come from `connections.paginate`, the one paging path
 * (`shared/chime/paging.ts` `pageThrough`). Every load can be cancelled, and
 * switching connection cancels all.
 */
import { pageItems, type PaginatedOperation } from '../../../shared/chime/paging';
import { WorkbenchCodes, fail, ok, type Result } from '../../../shared/errors';
import type { ConnectionManager } from '../../aws/connections';
import type { OperationInput } from '../../aws/commands';
import type { EventBus } from '../events';
import { toPlain } from '../plain';
import { describeIssues, validateOperationInput } from '../../../shared/chime/schema';

interface StartInput {
  readonly loadId: string;
  readonly operation: PaginatedOperation;
  readonly input: Record<string, unknown>;
  readonly pageSize?: number | undefined;
}

export class PagedLoads {
  readonly #running = new Map<string, AbortController>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly bus: EventBus,
  ) {}

  start({ loadId, operation, input, pageSize }: StartInput): Result<{ loadId: string }> {
    // The contract only knows `input` is an object; the operation's own schema decides the rest.
    const checked = validateOperationInput(operation, input);
    if (!checked.ok) {
      return fail({ code: WorkbenchCodes.InvalidInput, message: describeIssues(checked.issues), issues: checked.issues, retryable: false });
    }
    this.cancel(loadId);
    const controller = new AbortController();
    this.#running.set(loadId, controller);
    void this.#run(loadId, operation, input, pageSize ?? 50, controller.signal).finally(() => {
      if (this.#running.get(loadId) === controller) this.#running.delete(loadId);
    });
    return ok({ loadId });
  }

  cancel(loadId: string): Result<{ cancelled: boolean }> {
    const controller = this.#running.get(loadId);
    controller?.abort();
    this.#running.delete(loadId);
    return ok({ cancelled: Boolean(controller) });
  }

  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
    this.#running.clear();
  }

  async #run(loadId: string, operation: PaginatedOperation, input: Record<string, unknown>, pageSize: number, signal: AbortSignal): Promise<void> {
    let pageIndex = 0;
    let loadedCount = 0;
    const pages = this.connections.paginate(operation, input as OperationInput<typeof operation>, { signal, pageSize });
    for await (const page of pages) {
      if (signal.aborted) return;
      if (!page.ok) {
        if (page.error.code === WorkbenchCodes.Cancelled) return;
        this.bus.emit('pages:page', { loadId, operation, pageIndex, items: [], loadedCount, done: true, error: page.error });
        return;
      }
      const items = toPlain(pageItems(operation, page.value)) as unknown[];
      loadedCount += items.length;
      const done = !page.value.NextToken;
      this.bus.emit('pages:page', { loadId, operation, pageIndex: pageIndex++, items, loadedCount, done });
      if (done) return;
    }
    if (!signal.aborted && pageIndex === 0) {
      this.bus.emit('pages:page', { loadId, operation, pageIndex: 0, items: [], loadedCount: 0, done: true });
    }
  }
}
