/** Waiting with a deadline and Ctrl-C: the polls of `await-state`, `deliveries --await` and `smoke`. */
import { realTimers, type Timers } from '../watch/timers';
import { CliError, ExitCode } from './io';

export const interrupted = () => new CliError('Interrupted', ExitCode.Interrupted, { code: 'Cancelled' });

/** Resolves after `ms`, or rejects with `interrupted()` when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal, timers: Timers = realTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(interrupted());
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(interrupted());
    };
    const handle = timers.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
  readonly timers?: Timers;
}

/**
 * Calls `probe` until it answers a value or the deadline passes (then
 * `undefined`); one probe at least, the last one at the deadline.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const timers = options.timers ?? realTimers;
  const deadline = timers.now() + options.timeoutMs;
  for (;;) {
    if (options.signal.aborted) throw interrupted();
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - timers.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(options.intervalMs, left), options.signal, timers);
  }
}
