/**
 * Decides when an EndpointState change deserves a desktop notification: an
 * endpoint turning INACTIVE, if the user has the setting on. The watcher only
 * emits; main passes `notify` (Electron's Notification) and the setting.
 * A burst (a test run that breaks many tokens at once) becomes a few
 * notifications and one summary, not a wall of them.
 */
import { describeEndpointState } from '../../shared/workspace/endpointStateText';
import type { WatchEvent } from '../../shared/workspace/watch';
import { realTimers, type Timers } from './timers';

export interface InactiveNotifierOptions {
  readonly notify: (title: string, body: string) => void;
  readonly isEnabled: () => boolean;
  /** A user's display name for the body; the ARN's last part otherwise. */
  readonly userLabel?: (userArn: string) => string | undefined;
  readonly timers?: Timers;
  /** Individual notifications per window; more are summed up at the window's end. */
  readonly maxPerWindow?: number;
  readonly windowMs?: number;
}

export class InactiveNotifier {
  readonly #options: InactiveNotifierOptions;
  readonly #timers: Timers;
  #sentInWindow = 0;
  #suppressed = 0;
  #window: unknown;

  constructor(options: InactiveNotifierOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  handle(event: WatchEvent): void {
    if (!turnedInactive(event) || !this.#options.isEnabled()) return;
    if (this.#window === undefined) {
      this.#window = this.#timers.setTimeout(() => this.#closeWindow(), this.#options.windowMs ?? 10_000);
    }
    if (this.#sentInWindow >= (this.#options.maxPerWindow ?? 3)) {
      this.#suppressed++;
      return;
    }
    this.#sentInWindow++;
    const after = event.after!;
    const endpoint = after.name ? `"${after.name}"` : after.endpointId;
    const user = this.#options.userLabel?.(event.userArn) ?? event.userArn.split('/').pop() ?? event.userArn;
    this.#options.notify(`Endpoint ${endpoint} is inactive`, `${describeEndpointState(after.status, after.statusReason)}. User: ${user}.`);
  }

  dispose(): void {
    if (this.#window !== undefined) this.#timers.clearTimeout(this.#window);
    this.#window = undefined;
  }

  #closeWindow(): void {
    this.#window = undefined;
    this.#sentInWindow = 0;
    if (this.#suppressed > 0 && this.#options.isEnabled()) {
      const n = this.#suppressed;
      this.#options.notify(`${n} more endpoint${n === 1 ? '' : 's'} turned inactive`, 'Open the watch timeline in Chime Endpoint Workbench for the reasons.');
    }
    this.#suppressed = 0;
  }
}

function turnedInactive(event: WatchEvent): boolean {
  if (event.after?.status !== 'INACTIVE') return false;
  // A new endpoint that is already INACTIVE also failed; a reason changing while INACTIVE is not news.
  return event.kind === 'appeared' || (event.kind === 'state-changed' && event.before?.status !== 'INACTIVE');
}
