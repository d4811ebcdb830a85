/**
 * ClientRequestToken idempotency. The SDKs fill in a fresh token per call and
 * reuse it on retries, so a retried create must return the first result
 * instead of failing with "already exists". The same token with a different
 * request is refused (ConflictException), which is what idempotent AWS APIs do.
 */
import { conflict } from './errors';

interface Entry {
  readonly fingerprint: string;
  readonly result: Record<string, unknown>;
  /** Whether the resource the first call created still exists; a retry after it was deleted creates anew. */
  readonly alive: () => boolean;
}

/** JSON with sorted keys, so member order does not change the fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  /** Runs `create` once per (operation, token); `create` returns the result and a liveness check. */
  run(
    operation: string,
    input: Record<string, unknown>,
    create: () => { result: Record<string, unknown>; alive: () => boolean },
  ): Record<string, unknown> {
    const token = input['ClientRequestToken'];
    if (typeof token !== 'string') return create().result;
    const key = `${operation}\u0000${token}`;
    const fingerprint = canonical(input);
    const hit = this.entries.get(key);
    if (hit?.alive()) {
      if (hit.fingerprint !== fingerprint) {
        throw conflict(`ClientRequestToken ${token} was already used with a different request`);
      }
      return hit.result;
    }
    const created = create();
    this.entries.set(key, { fingerprint, ...created });
    return created.result;
  }

  clear(): void {
    this.entries.clear();
  }
}
