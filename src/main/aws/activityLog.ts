/**
 * A bounded, in-memory log of every SDK call, for the activity panel. Entries
 * are redacted (device tokens shortened) when they are recorded, so whatever
 * reads them (IPC listeners, export) can only see redacted copies. The raw
 * input of each retained entry stays here in main, for "Copy as AWS CLI
 * command" with an explicit reveal.
 */
import type { WorkbenchError } from '../../shared/errors';
import type { ActivityEntry, ActivityService, ConnectionInfo } from '../../shared/aws/types';
import { redactTokens } from '../../shared/aws/redact';

/** One finished call, as the client middleware reports it (raw values). */
export interface CallRecord {
  readonly operation: string;
  /** Absent for Chime SDK Identity, the app's first service. */
  readonly service?: ActivityService;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly attempts: number;
  readonly input: unknown;
  readonly output?: unknown;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly error?: WorkbenchError;
}

export interface ActivityLogOptions {
  /** Oldest entries are dropped beyond this many (default 500). */
  readonly capacity?: number;
}

export class ActivityLog {
  readonly #capacity: number;
  readonly #entries: ActivityEntry[] = [];
  readonly #rawInputs = new Map<number, unknown>();
  readonly #listeners = new Set<(entry: ActivityEntry) => void>();
  #nextId = 1;

  constructor(options: ActivityLogOptions = {}) {
    this.#capacity = Math.max(1, options.capacity ?? 500);
  }

  record(call: CallRecord, connection: ConnectionInfo, source?: ActivityEntry['source']): ActivityEntry {
    const entry: ActivityEntry = {
      id: this.#nextId++,
      operation: call.operation,
      ...(call.service ? { service: call.service } : {}),
      startedAt: new Date(call.startedAt).toISOString(),
      durationMs: call.durationMs,
      attempts: call.attempts,
      ...(call.httpStatus !== undefined ? { httpStatus: call.httpStatus } : {}),
      ...(call.requestId ? { requestId: call.requestId } : {}),
      input: redactTokens(call.input),
      ...(call.output !== undefined ? { output: redactTokens(withoutMetadata(call.output)) } : {}),
      ...(call.error ? { error: call.error } : {}),
      connection: { ...connection },
      ...(source ? { source } : {}),
    };
    this.#entries.push(entry);
    this.#rawInputs.set(entry.id, structuredClone(call.input));
    while (this.#entries.length > this.#capacity) {
      const dropped = this.#entries.shift();
      if (dropped) this.#rawInputs.delete(dropped.id);
    }
    for (const listener of this.#listeners) listener(entry);
    return entry;
  }

  /** Redacted entries, oldest first. */
  entries(): readonly ActivityEntry[] {
    return [...this.#entries];
  }

  get(id: number): ActivityEntry | undefined {
    return this.#entries.find((e) => e.id === id);
  }

  /** The unredacted input of a retained entry. Main only: never send it over IPC as-is. */
  rawInput(id: number): unknown {
    const raw = this.#rawInputs.get(id);
    return raw === undefined ? undefined : structuredClone(raw);
  }

  /** Subscribe to new entries; returns the unsubscribe function. */
  onEntry(listener: (entry: ActivityEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#entries.length = 0;
    this.#rawInputs.clear();
  }

  /** The redacted log as pretty JSON, for "Export activity". */
  export(): string {
    return JSON.stringify({ exportedAt: new Date().toISOString(), entries: this.#entries }, null, 2);
  }
}

/** The SDK's `$metadata` is already summarized in the entry's own fields. */
function withoutMetadata(output: unknown): unknown {
  if (output === null || typeof output !== 'object' || !('$metadata' in output)) return output;
  const { $metadata: _metadata, ...rest } = output as Record<string, unknown>;
  return rest;
}
