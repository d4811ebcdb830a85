import type { Timers } from '../../../src/main/watch/timers';

/**
 * A clock the test moves by hand, for the watcher only: the SDK and the
 * sandbox keep real timers and real sockets, so HTTP still completes while
 * the watcher's schedule is frozen between `advance()` calls.
 */
export class ManualTimers implements Timers {
  #now = 1_000_000;
  #seq = 0;
  readonly #tasks = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.#now;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.#seq;
    this.#tasks.set(id, { at: this.#now + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#tasks.delete(handle as number);
  };

  /** Runs, in time order, every task due within `ms`, then leaves the clock there. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#tasks.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.#tasks.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = target;
  }
}
