/**
 * Ties the endpoint watcher to the rest of main: what is watched comes from
 * the active workspace's watch list; each connection gets its own watcher
 * (the old one is stopped before the new one exists, so it can never poll
 * with the new credentials or report into the new session); changes become
 * IPC events, history entries and, for INACTIVE, a desktop notification.
 */
import type { ConnectionManager } from '../aws/connections';
import type { WorkspaceService } from '../store/workspaceService';
import type { DocumentOpener } from '../store/persistence';
import { EndpointHistoryStore } from '../store/historyStore';
import type { EventBus } from '../ipc/events';
import { EndpointWatcher, type EndpointLister } from './endpointWatcher';
import { createEndpointLister } from './endpointLister';
import { TokenBucket } from './rateLimiter';
import { InactiveNotifier } from './inactiveNotifier';
import type { WatchTarget } from '../../shared/workspace/workspace';
import { ok, type Result } from '../../shared/errors';
import type { HistoryEntry, WatchHealth } from '../../shared/workspace/watch';

export interface WatchCoordinatorOptions {
  readonly connections: ConnectionManager;
  readonly workspaces: WorkspaceService;
  readonly bus: EventBus;
  readonly notify: (title: string, body: string) => void;
  readonly userDataDir: string;
  readonly openDocuments: DocumentOpener;
}

export class WatchCoordinator {
  readonly #o: WatchCoordinatorOptions;
  readonly #history: EndpointHistoryStore;
  // One limiter for the app's lifetime: the 50 requests/s quota is per account, not per watcher.
  readonly #limiter = new TokenBucket();
  readonly #notifier: InactiveNotifier;
  #watcher: EndpointWatcher | undefined;
  #paused = false;

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
    this.#watcher?.setTargets(watchList);
    return ok(watchList);
  }

  health(): WatchHealth {
    return this.#watcher?.health() ?? { state: this.#paused ? 'paused' : 'idle', watchedUsers: 0 };
  }

  history(userArn: string, endpointId: string): readonly HistoryEntry[] {
    return this.#history.get(userArn, endpointId);
  }

  /** A new connection (or workspace): a fresh watcher on the new client. */
  connectionChanged(): void {
    this.#watcher?.stop();
    this.#watcher = this.#createWatcher();
    this.#watcher.setTargets(this.targets());
    this.#paused = false;
    this.#watcher.start();
  }

  /** Workspace switched: same connection may remain, but the watch list changed. */
  workspaceChanged(): void {
    this.#watcher?.setTargets(this.targets());
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

  dispose(): void {
    this.#watcher?.stop();
    this.#watcher = undefined;
    this.#notifier.dispose();
    this.#history.flush();
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
    watcher.onHealth((health) => this.#o.bus.emit('watch:status', health));
    return watcher;
  }

  /** The one lister, on the current connection's background client (one attempt, logged as a watcher poll). */
  #lister(): EndpointLister {
    const connections = this.#o.connections;
    return createEndpointLister((input, options) => connections.invoke('ListAppInstanceUserEndpoints', input, { ...options, background: true }));
  }

  #activeWorkspace() {
    const id = this.#o.workspaces.settings().lastWorkspaceId;
    return id ? this.#o.workspaces.list().find((w) => w.id === id) : undefined;
  }
}
