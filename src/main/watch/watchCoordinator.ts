/**
 * Ties the endpoint watcher to the rest of main: what is watched comes from
 * the active workspace's watch list; each connection gets its own watcher
 * (the old one is stopped before the new one exists, so it can never poll
 * with the new credentials or report into the new session); changes become
 * IPC events, history entries and, for INACTIVE, a desktop notification.
 */
import type { ConnectionManager } from '../aws/connections';
import type { WorkspaceService } from '../store/workspaceService';
import type { DocumentOpener, StoreNotice } from '../store/persistence';
import { EndpointHistoryStore } from '../store/historyStore';
import type { EventBus } from '../ipc/events';
import { EndpointWatcher, type EndpointLister } from './endpointWatcher';
import { createEndpointLister } from './endpointLister';
import { TokenBucket } from './rateLimiter';
import { InactiveNotifier } from './inactiveNotifier';
import type { WatchTarget } from '../../shared/workspace/workspace';
import { ok, type Result } from '../../shared/errors';
import type { EndpointSnapshot, HistoryEntry, WatchHealth, WatchSummary } from '../../shared/workspace/watch';
import { realTimers, type Timers } from './timers';
import { DEFAULT_VALIDATION_DELAY_MS } from '../sandbox';

export interface WatchCoordinatorOptions {
  readonly connections: ConnectionManager;
  readonly workspaces: WorkspaceService;
  readonly bus: EventBus;
  readonly notify: (title: string, body: string) => void;
  readonly userDataDir: string;
  readonly openDocuments: DocumentOpener;
  /** The Local sandbox's validation delay (`--validation-delay`), how long a new endpoint stays ACTIVE before its verdict. */
  readonly sandboxValidationDelayMs?: number;
  readonly timers?: Timers;
}

/** Why an endpoint is followed: a registration (sandbox only: AWS validates nothing before a push) or a test push. */
export type FollowReason = 'registration' | 'push';
/** How long the endpoints of a user are followed after a test push on AWS. */
export const PUSH_FOLLOW_AWS_MS = 60_000;

/** A registration the watcher follows for a while, whether or not its user is watched. */
interface Follow {
  readonly target: { readonly userArn: string; readonly endpointId: string };
  readonly untilMs: number;
  readonly timer: unknown;
}

export class WatchCoordinator {
  readonly #o: WatchCoordinatorOptions;
  readonly #history: EndpointHistoryStore;
  // One limiter for the app's lifetime: the 50 requests/s quota is per account, not per watcher.
  readonly #limiter = new TokenBucket();
  readonly #notifier: InactiveNotifier;
  #watcher: EndpointWatcher | undefined;
  #paused = false;
  readonly #follows = new Map<string, Follow>();

  constructor(options: WatchCoordinatorOptions) {
    this.#o = options;
    this.#history = new EndpointHistoryStore({ open: options.openDocuments });
    this.#notifier = new InactiveNotifier({ notify: options.notify, isEnabled: () => options.workspaces.settings().notifyOnInactive });
  }

  targets(): readonly WatchTarget[] {
    return this.#activeWorkspace()?.watchList ?? [];
  }

  setWatched(target: WatchTarget, watched: boolean): Result<readonly WatchTarget[]> {
    const workspace = this.#activeWorkspace();
    if (!workspace) return ok([]);
    const same = (t: WatchTarget) => t.userArn === target.userArn && t.endpointId === target.endpointId;
    const others = workspace.watchList.filter((t) => !same(t));
    const watchList = watched ? [...others, target] : others;
    const updated = this.#o.workspaces.update(workspace.id, { watchList });
    if (!updated.ok) return updated;
    this.#watcher?.setTargets(this.#polled(watchList));
    return ok(watchList);
  }

  /**
   * After a registration on the Local sandbox, the endpoint is polled through
   * this watcher (one List per user per cycle, shared with the watch list) for
   * the sandbox's validation delay plus two cycles, and its verdict arrives as
   * an ordinary 'watch:change'. On AWS nothing validates a token before a push,
   * so nothing is followed: the answer is null and the app shows no "checking…".
   */
  follow(target: { userArn: string; endpointId: string }, known: EndpointSnapshot, after: FollowReason = 'registration'): { untilMs: number } | null {
    const watcher = this.#watcher;
    const onSandbox = this.#o.connections.current()?.kind === 'sandbox';
    if (!watcher || (!onSandbox && after === 'registration')) return null;
    const timers = this.#o.timers ?? realTimers;
    // After a test push (issue 13): the sandbox decides a delivery while answering the send, so two
    // cycles see any flip; on AWS a failed delivery turns the endpoint INACTIVE some time later.
    const windowMs =
      after === 'push'
        ? onSandbox
          ? 2 * watcher.intervalMs
          : PUSH_FOLLOW_AWS_MS
        : (this.#o.sandboxValidationDelayMs ?? DEFAULT_VALIDATION_DELAY_MS) + 2 * watcher.intervalMs;
    const key = `${target.userArn}#${target.endpointId}`;
    const previous = this.#follows.get(key);
    if (previous) timers.clearTimeout(previous.timer);
    const untilMs = timers.now() + windowMs;
    const timer = timers.setTimeout(() => {
      this.#follows.delete(key);
      this.#watcher?.setTargets(this.#polled(this.targets()));
    }, windowMs);
    this.#follows.set(key, { target, untilMs, timer });
    watcher.expect(target.userArn, known);
    watcher.setTargets(this.#polled(this.targets()));
    return { untilMs };
  }

  /** The watch list plus what is followed; a user watched whole already covers its follows. */
  #polled(watchList: readonly WatchTarget[]): readonly WatchTarget[] {
    return [...watchList, ...[...this.#follows.values()].map((f) => f.target)];
  }

  #clearFollows(): void {
    const timers = this.#o.timers ?? realTimers;
    for (const follow of this.#follows.values()) timers.clearTimeout(follow.timer);
    this.#follows.clear();
  }

  /** Polls now instead of waiting out a backoff; false when nothing is watched or a poll is already running. */
  retryNow(): boolean {
    return this.#watcher?.retryNow() ?? false;
  }

  health(): WatchHealth {
    const health = this.#watcher?.health();
    return health ? this.#reported(health) : { state: this.#paused ? 'paused' : 'idle', watchedUsers: 0 };
  }

  /** Per watched user, what the last good poll saw: how many endpoints, how many INACTIVE (for the user list's badges). */
  summary(): readonly WatchSummary[] {
    return this.targets()
      .filter((t) => t.endpointId === undefined)
      .map((t) => {
        const seen = this.#watcher?.snapshot(t.userArn);
        return seen
          ? { userArn: t.userArn, polled: true, endpoints: seen.length, inactive: seen.filter((e) => e.status === 'INACTIVE').length }
          : { userArn: t.userArn, polled: false, endpoints: 0, inactive: 0 };
      });
  }

  history(userArn: string, endpointId: string): readonly HistoryEntry[] {
    return this.#history.get(userArn, endpointId);
  }

  /** A new connection (or workspace): a fresh watcher on the new client. */
  connectionChanged(): void {
    this.#watcher?.stop();
    this.#clearFollows();
    this.#watcher = this.#createWatcher();
    this.#watcher.setTargets(this.targets());
    this.#paused = false;
    this.#watcher.start();
  }

  /** Workspace switched: same connection may remain, but the watch list changed. */
  workspaceChanged(): void {
    this.#watcher?.setTargets(this.#polled(this.targets()));
  }

  settingsChanged(): void {
    this.#watcher?.setIntervalMs(this.#o.workspaces.settings().watchIntervalMs);
  }

  pause(): void {
    this.#paused = true;
    this.#watcher?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#watcher?.resume();
  }

  /** Problems met opening the endpoint history file (a corrupt file moved aside), for main to tell the user. */
  storeNotices(): readonly StoreNotice[] {
    return this.#history.notices;
  }

  /** Stops watching; resolves once the endpoint history is on disk. */
  dispose(): Promise<void> {
    this.#watcher?.stop();
    this.#watcher = undefined;
    this.#clearFollows();
    this.#notifier.dispose();
    return this.#history.flush();
  }

  #createWatcher(): EndpointWatcher {
    const watcher = new EndpointWatcher({
      lister: this.#lister(),
      intervalMs: this.#o.workspaces.settings().watchIntervalMs,
      rateLimiter: this.#limiter,
      history: this.#history,
    });
    watcher.onEvent((event) => {
      this.#o.bus.emit('watch:change', event);
      this.#notifier.handle(event);
    });
    watcher.onHealth((health) => this.#o.bus.emit('watch:status', this.#reported(health)));
    return watcher;
  }

  /** The one lister, on the current connection's background client (one attempt, logged as a watcher poll). */
  #lister(): EndpointLister {
    const connections = this.#o.connections;
    return createEndpointLister((input, options) => connections.invoke('ListAppInstanceUserEndpoints', input, { ...options, background: true }));
  }

  /** "Watching N users" counts the watch list; endpoints followed after a registration are polled too but not "watched". */
  #reported(health: WatchHealth): WatchHealth {
    return { ...health, watchedUsers: new Set(this.targets().map((t) => t.userArn)).size };
  }

  #activeWorkspace() {
    const id = this.#o.workspaces.settings().lastWorkspaceId;
    return id ? this.#o.workspaces.list().find((w) => w.id === id) : undefined;
  }
}
