/**
 * A token bucket shared by everything that calls the Chime SDK Identity API
 * for one account. The service limits each account to 50 requests per second
 * across all callers; the default of 40 per second with a burst of 5 leaves
 * headroom for the user's own clicks, and keeps any one-second window under
 * rate + burst = 45 calls however many users are watched. Waiters are served
 * first come, first served, so the watcher (which asks for one token per call,
 * as it goes) cannot starve an interactive call behind a whole cycle.
 */
import { abortError, realTimers, type Timers } from './timers';

export interface RateLimiter {
  /** Resolves when a call may be made; rejects with an AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  readonly ratePerSecond?: number;
  readonly burst?: number;
  readonly timers?: Timers;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export const DEFAULT_RATE_PER_SECOND = 40;
export const DEFAULT_BURST = 5;

export class TokenBucket implements RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #timers: Timers;
  #tokens: number;
  #refilledAt: number;
  readonly #queue: Waiter[] = [];
  #timer: unknown;

  constructor({ ratePerSecond = DEFAULT_RATE_PER_SECOND, burst = DEFAULT_BURST, timers = realTimers }: TokenBucketOptions = {}) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('ratePerSecond must be > 0 and burst >= 1');
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#timers = timers;
    this.#tokens = burst;
    this.#refilledAt = timers.now();
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(abortError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#arm();
    });
  }

  #refill(): void {
    const now = this.#timers.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#refilledAt) * this.#rate) / 1000);
    this.#refilledAt = now;
  }

  #arm(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const wait = Math.max(0, Math.ceil(((1 - this.#tokens) * 1000) / this.#rate));
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, wait);
  }

  #drain(): void {
    this.#refill();
    while (this.#queue.length > 0 && this.#tokens >= 1) {
      const waiter = this.#queue.shift()!;
      this.#tokens -= 1;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.#arm();
  }
}
