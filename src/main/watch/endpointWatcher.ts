/**
 * The live EndpointState watcher. Each cycle lists every watched user's
 * endpoints with ListAppInstanceUserEndpoints (one call per user, more only
 * for further pages) and diffs against the last good listing; it never calls
 * Describe per endpoint, so the cost is per user, not per endpoint.
 *
 * - Scheduling: the next cycle starts one interval (minus up to `jitter` of it,
 *   so watchers started together drift apart) after the previous one started,
 *   or as soon as it ends if it ran longer.
 * - Throttling, 5xx, network: the cycle stops issuing calls, backs off
 *   exponentially (capped), and resumes from the user it stopped at. Listings
 *   are only replaced by successful polls, so the next good poll diffs against
 *   the last good snapshot and no change is lost.
 * - All calls go through a RateLimiter shared account-wide.
 * - pause()/resume() for sleep and connection switches; stop() is final, and
 *   results of calls still in flight are discarded (generation check).
 */
import type { EndpointSnapshot, HistoryEntry, WatchEvent, WatchHealth } from '../../shared/workspace/watch';
import type { WatchTarget } from '../../shared/workspace/workspace';
import { WATCH_INTERVAL } from '../../shared/workspace/workspace';
import { diffListings, toListing, type Listing } from './diff';
import { TokenBucket, type RateLimiter } from './rateLimiter';
import { WorkbenchCodes, type Result, type WorkbenchError } from '../../shared/errors';
import { realTimers, type Timers } from './timers';
import { collectPages, type Paged } from '../../shared/chime/paging';

export type EndpointSummary = EndpointSnapshot;
export interface EndpointPage {
  readonly endpoints: EndpointSummary[];
  /** As the service names it, so the page walks the one paging path (`shared/chime/paging.ts`). */
  readonly NextToken?: string;
}
/** One page of a user's endpoints; failures come back mapped, and the watcher trusts their `retryable`. */
export type EndpointLister = (userArn: string, nextToken?: string, signal?: AbortSignal) => Promise<Result<EndpointPage>>;

/** Thrown by #listAll to leave the worker loop with the lister's mapped error. */
class ListingFailed extends Error {
  constructor(readonly error: WorkbenchError) {
    super(error.message);
  }
}

export interface HistorySink {
  append(userArn: string, endpointId: string, entry: HistoryEntry): void;
}

export interface EndpointWatcherOptions {
  readonly lister: EndpointLister;
  readonly intervalMs?: number;
  /** Fraction of the interval taken off at random (0.1: next cycle 4.5–5 s after the last). */
  readonly jitter?: number;
  readonly random?: () => number;
  readonly timers?: Timers;
  /** Share one limiter with the app's other Chime calls; defaults to a private 40/s bucket. */
  readonly rateLimiter?: RateLimiter;
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** Calls in flight at once; the limiter, not this, sets the pace. */
  readonly concurrency?: number;
  readonly history?: HistorySink;
  /** A safety stop for a lister that keeps returning NextToken. */
  readonly maxPagesPerUser?: number;
}

type Filter = 'all' | Set<string>;

export class EndpointWatcher {
  readonly #lister: EndpointLister;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #jitter: number;
  readonly #limiter: RateLimiter;
  readonly #backoffBase: number;
  readonly #backoffMax: number;
  readonly #concurrency: number;
  readonly #history: HistorySink | undefined;
  readonly #maxPages: number;
  readonly #eventListeners = new Set<(e: WatchEvent) => void>();
  readonly #healthListeners = new Set<(h: WatchHealth) => void>();
  #intervalMs: number;
  #filters = new Map<string, Filter>();
  #listings = new Map<string, Listing>();
  /** What the app last showed for endpoints it follows (see expect()), diffed against on the next good poll. */
  #expected = new Map<string, Map<string, EndpointSnapshot>>();
  #generation = 0;
  #started = false;
  #paused = false;
  #stopped = false;
  #cycleRunning = false;
  #timer: unknown;
  #abort: AbortController | undefined;
  #failures = 0;
  /** Index into the user order where the last throttled cycle stopped. */
  #cursor = 0;
  #health: WatchHealth = { state: 'idle', watchedUsers: 0 };
  #calls = 0;

  constructor(options: EndpointWatcherOptions) {
    this.#lister = options.lister;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#jitter = Math.min(Math.max(options.jitter ?? 0.1, 0), 0.5);
    this.#limiter = options.rateLimiter ?? new TokenBucket({ timers: this.#timers });
    this.#backoffBase = options.backoff?.baseMs ?? 1000;
    this.#backoffMax = options.backoff?.maxMs ?? 60_000;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#history = options.history;
    this.#maxPages = options.maxPagesPerUser ?? 100;
    this.#intervalMs = clampInterval(options.intervalMs ?? WATCH_INTERVAL.defaultMs);
  }

  onEvent(listener: (e: WatchEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onHealth(listener: (h: WatchHealth) => void): () => void {
    this.#healthListeners.add(listener);
    return () => this.#healthListeners.delete(listener);
  }

  health(): WatchHealth {
    return this.#health;
  }

  /** API calls made so far (for the bench and tests). */
  get calls(): number {
    return this.#calls;
  }

  /** The last good listing of a watched user, filtered to what is watched. */
  snapshot(userArn: string): readonly EndpointSnapshot[] | undefined {
    const listing = this.#listings.get(userArn);
    return listing ? [...listing.values()] : undefined;
  }

  /** Replaces what is watched. A user watched whole covers its single-endpoint watches. */
  setTargets(targets: readonly WatchTarget[]): void {
    const next = new Map<string, Filter>();
    for (const { userArn, endpointId } of targets) {
      const current = next.get(userArn);
      if (current === 'all') continue;
      if (endpointId === undefined) next.set(userArn, 'all');
      else next.set(userArn, new Set([...(current ?? []), endpointId]));
    }
    for (const [userArn, filter] of this.#filters) {
      // A listing taken under another filter would report endpoints as appearing/disappearing.
      if (!sameFilter(filter, next.get(userArn))) this.#listings.delete(userArn);
    }
    this.#filters = next;
    this.#cursor = 0;
    if (next.size === 0) {
      this.#clearTimer();
      this.#setHealth({ ...this.#health, state: this.#paused ? 'paused' : 'idle', watchedUsers: 0, nextPollAt: undefined });
    } else {
      this.#setHealth({ ...this.#health, watchedUsers: next.size });
      if (this.#started && !this.#paused && !this.#cycleRunning && this.#timer === undefined) this.#schedule(0);
    }
  }

  /**
   * The app knows this endpoint in this state (it has just registered it, say):
   * the next good poll of the user diffs the endpoint against it, even when that
   * poll is the user's first (a baseline) and even when the state changed before
   * it. Without this, a registration followed only after its validation turned
   * it INACTIVE would take INACTIVE as the baseline and report nothing.
   */
  expect(userArn: string, snapshot: EndpointSnapshot): void {
    const forUser = this.#expected.get(userArn) ?? new Map<string, EndpointSnapshot>();
    forUser.set(snapshot.endpointId, snapshot);
    this.#expected.set(userArn, forUser);
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  setIntervalMs(ms: number): void {
    this.#intervalMs = clampInterval(ms);
  }

  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    if (this.#filters.size > 0) this.#schedule(0);
  }

  /** Stops polling until resume(); calls in flight are aborted and their results discarded. */
  pause(): void {
    if (this.#stopped || this.#paused) return;
    this.#paused = true;
    this.#cancelInFlight();
    this.#setHealth({ ...this.#health, state: 'paused', nextPollAt: undefined });
  }

  /** Polls at once (the machine woke up or the connection is back), then on the interval. */
  resume(): void {
    if (this.#stopped || !this.#paused) return;
    this.#paused = false;
    this.#failures = 0;
    this.#setHealth({ ...this.#health, state: this.#filters.size > 0 ? 'polling' : 'idle', reason: undefined });
    if (this.#started && this.#filters.size > 0) this.#schedule(0);
  }

  /**
   * "Retry now" while backing off: the next cycle starts at once instead of
   * at the end of the backoff. The failure count stays, so a retry into the
   * same fault backs off further, and a good poll resets it as usual.
   */
  retryNow(): boolean {
    if (this.#stopped || this.#paused || !this.#started || this.#cycleRunning || this.#filters.size === 0) return false;
    this.#schedule(0);
    return true;
  }

  /** Final: the watcher of an old connection must never poll again. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#cancelInFlight();
    this.#setHealth({ ...this.#health, state: 'idle', nextPollAt: undefined });
    this.#eventListeners.clear();
    this.#healthListeners.clear();
  }

  #cancelInFlight(): void {
    this.#generation++;
    this.#clearTimer();
    this.#abort?.abort();
    this.#abort = undefined;
    this.#cycleRunning = false;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    const generation = this.#generation;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      if (generation === this.#generation) void this.#runCycle(generation);
    }, delayMs);
    this.#setHealth({ ...this.#health, nextPollAt: this.#timers.now() + delayMs });
  }

  async #runCycle(generation: number): Promise<void> {
    const startedAt = this.#timers.now();
    const users = [...this.#filters.keys()];
    const start = this.#cursor < users.length ? this.#cursor : 0;
    const order = [...users.slice(start), ...users.slice(0, start)];
    const abort = new AbortController();
    this.#abort = abort;
    this.#cycleRunning = true;
    if (this.#health.state !== 'backing-off') this.#setHealth({ ...this.#health, state: 'polling', nextPollAt: undefined });

    let next = 0;
    let throttledAt: number | undefined;
    let throttleError: WorkbenchError | undefined;
    const failures: WorkbenchError[] = [];
    const worker = async (): Promise<void> => {
      while (throttledAt === undefined && next < order.length && generation === this.#generation) {
        const position = next++;
        const userArn = order[position]!;
        try {
          const endpoints = await this.#listAll(userArn, abort.signal);
          if (generation !== this.#generation) return;
          this.#apply(userArn, endpoints, this.#timers.now());
        } catch (thrown) {
          if (generation !== this.#generation || isAbort(thrown)) return;
          const error = thrown instanceof ListingFailed ? thrown.error : unexpected(thrown);
          if (error.code === WorkbenchCodes.Cancelled) return;
          if (!error.retryable) failures.push(error);
          else if (throttledAt === undefined || position < throttledAt) [throttledAt, throttleError] = [position, error];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, order.length) }, worker));
    if (generation !== this.#generation) return;
    this.#cycleRunning = false;
    this.#abort = undefined;

    const now = this.#timers.now();
    if (throttledAt !== undefined) {
      this.#failures++;
      this.#cursor = (start + throttledAt) % Math.max(users.length, 1);
      const cap = Math.min(this.#backoffMax, this.#backoffBase * 2 ** (this.#failures - 1));
      const delay = Math.round(cap / 2 + (this.#random() * cap) / 2);
      this.#setHealth({ ...this.#health, state: 'backing-off', reason: errorText(throttleError!) });
      this.#schedule(delay);
      return;
    }
    this.#failures = 0;
    this.#cursor = 0;
    const allFailed = failures.length > 0 && failures.length === order.length;
    this.#setHealth({
      ...this.#health,
      state: allFailed ? 'error' : 'polling',
      reason: failures.length > 0 ? `${failures.length} of ${order.length} users could not be listed: ${errorText(failures[0]!)}` : undefined,
      ...(allFailed ? {} : { lastSuccessAt: now }),
    });
    if (this.#filters.size === 0) return;
    const interval = this.#intervalMs * (1 - this.#random() * this.#jitter);
    this.#schedule(Math.max(0, startedAt + interval - now));
  }

  async #listAll(userArn: string, signal: AbortSignal): Promise<EndpointSnapshot[]> {
    const fetchPage = async ({ NextToken }: Paged): Promise<Result<EndpointPage>> => {
      await this.#limiter.acquire(signal);
      this.#calls++;
      return this.#lister(userArn, NextToken, signal);
    };
    // No signal here: an abort surfaces from the limiter or the lister, as before.
    const listed = await collectPages(fetchPage, {}, (page) => page.endpoints, { maxPages: this.#maxPages });
    if (!listed.ok) throw new ListingFailed(listed.error);
    return listed.value.items;
  }

  #apply(userArn: string, endpoints: EndpointSnapshot[], at: number): void {
    const filter = this.#filters.get(userArn);
    if (!filter) return; // Unwatched while the call was in flight.
    const listing = toListing(filter === 'all' ? endpoints : endpoints.filter((e) => filter.has(e.endpointId)));
    const stored = this.#listings.get(userArn);
    this.#listings.set(userArn, listing);
    const expected = this.#expected.get(userArn);
    this.#expected.delete(userArn);
    // The first listing is the baseline, not a change, except for what the app expects.
    const previous = stored ? new Map(stored) : new Map(listing);
    const unseen = new Map<string, EndpointSnapshot>();
    for (const [id, snapshot] of expected ?? []) {
      if (listing.has(id) || stored?.has(id)) previous.set(id, snapshot);
      else unseen.set(id, snapshot); // Not listed yet (eventual consistency): keep expecting it.
    }
    if (unseen.size > 0) this.#expected.set(userArn, unseen);
    if (!stored && !expected) return;
    for (const event of diffListings(userArn, previous, listing, at)) {
      const { kind, before, after } = event;
      this.#history?.append(userArn, event.endpointId, { at, kind, ...(before ? { before } : {}), ...(after ? { after } : {}) });
      for (const listener of this.#eventListeners) listener(event);
    }
  }

  #setHealth(next: WatchHealth): void {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as WatchHealth;
    const changed = JSON.stringify(clean) !== JSON.stringify(this.#health);
    this.#health = clean;
    if (changed) for (const listener of this.#healthListeners) listener(clean);
  }
}

function isAbort(thrown: unknown): boolean {
  return thrown instanceof Error && thrown.name === 'AbortError';
}

/** A lister that throws instead of answering a Result is a bug: report it, never retry it. */
function unexpected(thrown: unknown): WorkbenchError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: WorkbenchCodes.Internal, message, retryable: false };
}

function errorText(error: WorkbenchError): string {
  return `${error.code}: ${error.message}`.slice(0, 500);
}

function clampInterval(ms: number): number {
  return Math.min(Math.max(Math.round(ms), WATCH_INTERVAL.minMs), WATCH_INTERVAL.maxMs);
}

function sameFilter(a: Filter, b: Filter | undefined): boolean {
  if (b === undefined) return false;
  if (a === 'all' || b === 'all') return a === b;
  return a.size === b.size && [...a].every((id) => b.has(id));
}
