/**
 * Per-endpoint history of EndpointState transitions, in its own small file so
 * that a burst of watcher events never rewrites the workspaces. Bounded per
 * endpoint (oldest entries fall off) and in the number of endpoints (the one
 * not updated for longest falls off). Writes are coalesced: appends mark the
 * document dirty and one write follows `flushDelayMs` later; main calls
 * `flush()` on quit.
 */
import { z } from 'zod';
import { historyEntrySchema, historyKey, type HistoryEntry } from '../../shared/workspace/watch';
import type { DocumentOpener, DocumentSpec, PersistentDocument, StoreNotice } from './persistence';

export interface HistoryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HistoryStoreOptions {
  readonly open: DocumentOpener;
  readonly perEndpoint?: number;
  readonly maxEndpoints?: number;
  readonly flushDelayMs?: number;
  readonly timers?: HistoryTimers;
}

const HARD_CAP = 1000;
const historyLayoutSchema = z.strictObject({
  endpoints: z.record(z.string().max(1700), z.array(historyEntrySchema).max(HARD_CAP)),
});
type HistoryLayout = z.infer<typeof historyLayoutSchema>;

const historySpec: DocumentSpec<HistoryLayout> = {
  name: 'endpoint-history',
  what: 'endpoint history',
  version: '1.0.0',
  migrations: {},
  jsonSchema: { endpoints: { type: 'object' } },
  defaults: { endpoints: {} },
  validate: (raw) => historyLayoutSchema.parse(raw),
};

const realTimers: HistoryTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class EndpointHistoryStore {
  readonly notices: readonly StoreNotice[];
  readonly #document: PersistentDocument<HistoryLayout>;
  /** Insertion order doubles as least-recently-updated order: an append moves the key to the end. */
  readonly #entries = new Map<string, HistoryEntry[]>();
  readonly #perEndpoint: number;
  readonly #maxEndpoints: number;
  readonly #flushDelayMs: number;
  readonly #timers: HistoryTimers;
  #pending: unknown;

  constructor({ open, perEndpoint = 200, maxEndpoints = 5000, flushDelayMs = 1000, timers = realTimers }: HistoryStoreOptions) {
    this.#perEndpoint = Math.min(perEndpoint, HARD_CAP);
    this.#maxEndpoints = maxEndpoints;
    this.#flushDelayMs = flushDelayMs;
    this.#timers = timers;
    const opened = open(historySpec);
    this.#document = opened.document;
    this.notices = opened.notices;
    const stored = Object.entries(this.#document.read().endpoints);
    stored.sort(([, a], [, b]) => (a.at(-1)?.at ?? 0) - (b.at(-1)?.at ?? 0));
    for (const [key, list] of stored) this.#entries.set(key, list.slice(-this.#perEndpoint));
  }

  get(userArn: string, endpointId: string): readonly HistoryEntry[] {
    return this.#entries.get(historyKey(userArn, endpointId)) ?? [];
  }

  append(userArn: string, endpointId: string, entry: HistoryEntry): void {
    const key = historyKey(userArn, endpointId);
    const list = this.#entries.get(key) ?? [];
    this.#entries.delete(key);
    list.push(entry);
    if (list.length > this.#perEndpoint) list.splice(0, list.length - this.#perEndpoint);
    this.#entries.set(key, list);
    while (this.#entries.size > this.#maxEndpoints) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#schedule();
  }

  clear(userArn: string, endpointId: string): void {
    if (this.#entries.delete(historyKey(userArn, endpointId))) this.#schedule();
  }

  /** Writes pending changes now (main calls it before quitting); resolves once they are on disk. */
  flush(): Promise<void> {
    if (this.#pending !== undefined) {
      this.#timers.clearTimeout(this.#pending);
      this.#pending = undefined;
      this.#write();
    }
    return this.#document.flush();
  }

  #write(): void {
    // Copies of the lists: append() changes them in place, and a written value must not change.
    this.#document.write({ endpoints: Object.fromEntries([...this.#entries].map(([key, list]) => [key, [...list]])) });
  }

  #schedule(): void {
    if (this.#pending !== undefined) return;
    this.#pending = this.#timers.setTimeout(() => {
      this.#pending = undefined;
      this.#write();
    }, this.#flushDelayMs);
  }
}
