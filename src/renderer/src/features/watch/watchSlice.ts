/**
 * Live EndpointState watching, renderer side. Main owns the watcher and the
 * watch list (it lives in the active workspace); this slice mirrors the list,
 * the watcher's health and the events it pushes, so switches, badges and the
 * timeline all update without a refresh.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { WatchChange, WatchHealth, WatchTarget } from '../../../../shared/ipc/appTypes';
import type { EndpointSnapshot, WatchSummary } from '../../../../shared/workspace/watch';
import { userIdOf } from '../users/usersSlice';
import type { WorkbenchError } from '../../../../shared/errors';
import { sameTarget } from './watchTargets';

/** Enough for an open timeline to catch up; the full history is main's (watch:history). */
const MAX_RECENT_EVENTS = 500;

export interface WatchSlice {
  readonly watchTargets: readonly WatchTarget[];
  readonly watchHealth?: WatchHealth;
  readonly watchError?: WorkbenchError;
  /** Events pushed since launch, oldest first, bounded. */
  readonly watchEvents: readonly WatchChange[];
  /** The newest event, kept for code that only cares about the latest change. */
  readonly lastWatchChange?: WatchChange;
  /** Per watched user: endpoints and INACTIVE count from the watcher's last good poll (user list badges). */
  readonly watchSummaries: readonly WatchSummary[];
  /** In-app notices of endpoints turning INACTIVE, besides the desktop notification; newest last. */
  readonly toasts: readonly WatchToast[];
  loadWatchSummary(): Promise<void>;
  dismissToast(id: number): void;
  /** Endpoints followed after a registration (Local sandbox), by `userArn#endpointId`, until when (epoch ms). */
  readonly follows: Readonly<Record<string, number>>;
  /** Asks main to follow a new endpoint until the sandbox has validated it; a no-op on AWS. */
  /** `after`: a registration (default) or a test push (followed on AWS too). */
  followEndpoint(userArn: string, known: EndpointSnapshot, after?: 'registration' | 'push'): Promise<void>;
  loadWatch(): Promise<void>;
  setWatched(target: WatchTarget, watched: boolean): Promise<void>;
  setWatchTargets(targets: readonly WatchTarget[]): void;
  dismissWatchError(): void;
  watchChanged(change: WatchChange): void;
  watchHealthChanged(health: WatchHealth): void;
}

/** The watcher's health now; later changes arrive as 'watch:status' events. */
async function readHealth(): Promise<WatchHealth | undefined> {
  const result = await getApi()['watch:health']();
  return result.ok ? result.value : undefined;
}

export interface WatchToast {
  readonly id: number;
  readonly userArn: string;
  readonly text: string;
}

let nextToastId = 1;
const TOAST_MS = 15_000;
const MAX_TOASTS = 4;

export function followKey(userArn: string, endpointId: string): string {
  return `${userArn}#${endpointId}`;
}

const followTimers = new Map<string, ReturnType<typeof setTimeout>>();

export const createWatchSlice: SliceCreator<WatchSlice> = (set, get) => ({
  watchTargets: [],
  watchEvents: [],
  follows: {},
  watchSummaries: [],
  toasts: [],

  async loadWatchSummary() {
    const result = await getApi()['watch:summary']();
    if (result.ok) set({ watchSummaries: result.value });
  },

  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),

  async followEndpoint(userArn, known, after) {
    const result = await getApi()['watch:follow']({ userArn, endpointId: known.endpointId, known, ...(after && { after }) });
    if (!result.ok || !result.value) return;
    const key = followKey(userArn, known.endpointId);
    const { untilMs } = result.value;
    set((s) => ({ follows: { ...s.follows, [key]: untilMs } }));
    clearTimeout(followTimers.get(key));
    followTimers.set(
      key,
      setTimeout(() => {
        followTimers.delete(key);
        set((s) => ({ follows: withoutKey(s.follows, key) }));
      }, Math.max(0, untilMs - Date.now())),
    );
  },

  async loadWatch() {
    const [targets, health] = await Promise.all([getApi()['watch:list'](), readHealth()]);
    set({
      ...(targets.ok ? { watchTargets: targets.value } : {}),
      ...(health ? { watchHealth: health } : {}),
    });
    void get().loadWatchSummary();
  },

  async setWatched(target, watched) {
    const before = get().watchTargets;
    // Optimistic, like "Allow messages": the switch moves now and moves back if main refuses.
    const others = before.filter((t) => !sameTarget(t, target));
    set({ watchTargets: watched ? [...others, target] : others, watchError: undefined });
    const result = await getApi()['watch:set']({ target, watched });
    if (!result.ok) {
      set({ watchTargets: before, watchError: result.error });
      return;
    }
    set({ watchTargets: result.value });
    void get().loadWatchSummary();
    // Main stored the list in the active workspace; keep our copy of it in step.
    const active = get().activeWorkspace;
    if (active) {
      const updated = { ...active, watchList: [...result.value] };
      set((s) => ({ activeWorkspace: updated, workspaces: s.workspaces.map((w) => (w.id === updated.id ? updated : w)) }));
    }
  },

  setWatchTargets: (targets) => set({ watchTargets: targets }),
  dismissWatchError: () => set({ watchError: undefined }),

  watchChanged(change) {
    const key = followKey(change.userArn, change.endpointId);
    // A followed endpoint's verdict has arrived: "checking…" ends with it.
    const verdict = change.kind === 'state-changed' || change.kind === 'disappeared';
    const wasFollowed = key in get().follows;
    set((s) => ({
      lastWatchChange: change,
      watchEvents: [...s.watchEvents, change].slice(-MAX_RECENT_EVENTS),
      ...(verdict && key in s.follows ? { follows: withoutKey(s.follows, key) } : {}),
    }));
    const turnedInactive = change.kind === 'state-changed' && change.after?.status === 'INACTIVE';
    // A followed endpoint is on screen with its "checking…": its verdict needs no toast.
    if (turnedInactive && !wasFollowed) {
      const user = get().users.find((u) => u.AppInstanceUserArn === change.userArn);
      const who = user?.Name || userIdOf(change.userArn);
      const endpoint = change.after?.name || change.endpointId;
      const reason = change.after?.statusReason ? ` (${change.after.statusReason})` : '';
      const toast = { id: nextToastId++, userArn: change.userArn, text: `${endpoint} of ${who} turned INACTIVE${reason}.` };
      set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
      setTimeout(() => get().dismissToast(toast.id), TOAST_MS);
    }
    if (change.kind !== 'name-changed') void get().loadWatchSummary();
    // The endpoints table patches the row (state, reason, AllowMessages), drops a
    // disappeared one and reloads the list when an unknown endpoint appears.
    get().endpointWatched(change);
  },

  watchHealthChanged(health) {
    const before = get().watchHealth;
    set({ watchHealth: health });
    // A new good poll may have changed what the user list shows for watched users.
    if (health.lastSuccessAt !== before?.lastSuccessAt || health.watchedUsers !== before?.watchedUsers) void get().loadWatchSummary();
  },
});

function withoutKey(record: Readonly<Record<string, number>>, key: string): Record<string, number> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
