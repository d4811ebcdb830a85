/**
 * ClientRequestToken idempotency. The SDKs fill in a fresh token per call and
 * reuse it on retries, so a retried create must return the first result
 * instead of failing with "already exists" or creating a second resource.
 * The same token with a different request is refused (ConflictException),
 * which is what idempotent AWS APIs do.
 *
 * The history is part of the persisted state (`--data`): each entry names the
 * resource it created as `kind:ref` (a resolver per kind says whether it still
 * exists: a retry after a delete creates anew) and expires after
 * `ttlMs` (AWS does not document its window; the sandbox keeps 24 hours).
 */
import { conflict } from './errors';

interface Entry {
  readonly fingerprint: string;
  readonly result: Record<string, unknown>;
  /** `kind:ref`, e.g. `endpoint:<userArn>#<endpointId>`. */
  readonly resource: string;
  readonly expires: number;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** JSON with sorted keys, so member order does not change the fingerprint. */
export function canonical(value: unknown): string {
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
  private readonly resolvers = new Map<string, (ref: string) => boolean>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  /** Says how to tell whether a resource of `kind` still exists. */
  resolver(kind: string, exists: (ref: string) => boolean): void {
    this.resolvers.set(kind, exists);
  }

  /**
   * Runs `create` once per (scope, token); `create` returns the result and the
   * resource it made (`kind:ref`). `scope` is the operation, plus the caller
   * where tokens are per caller.
   */
  run(
    scope: string,
    input: Record<string, unknown>,
    create: () => { result: Record<string, unknown>; resource: string },
  ): Record<string, unknown> {
    const token = input['ClientRequestToken'];
    if (typeof token !== 'string') return create().result;
    const key = `${scope}\u0000${token}`;
    const fingerprint = canonical(input);
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now() && this.alive(hit.resource)) {
      if (hit.fingerprint !== fingerprint) {
        throw conflict(`ClientRequestToken ${token} was already used with a different request`);
      }
      return hit.result;
    }
    const created = create();
    this.entries.set(key, { fingerprint, result: created.result, resource: created.resource, expires: this.now() + this.ttlMs });
    return created.result;
  }

  private alive(resource: string): boolean {
    const colon = resource.indexOf(':');
    const exists = this.resolvers.get(resource.slice(0, colon));
    return exists ? exists(resource.slice(colon + 1)) : true;
  }

  clear(): void {
    this.entries.clear();
  }

  toJSON(): unknown {
    const now = this.now();
    return [...this.entries].filter(([, e]) => e.expires > now).map(([key, e]) => ({ key, ...e }));
  }

  fromJSON(data: unknown): void {
    this.entries.clear();
    if (!Array.isArray(data)) return;
    for (const raw of data as Partial<Entry & { key: string }>[]) {
      if (typeof raw.key !== 'string' || typeof raw.fingerprint !== 'string' || typeof raw.resource !== 'string' || typeof raw.expires !== 'number') continue;
      if (!raw.result || typeof raw.result !== 'object') continue;
      this.entries.set(raw.key, { fingerprint: raw.fingerprint, result: raw.result, resource: raw.resource, expires: raw.expires });
    }
  }
}
