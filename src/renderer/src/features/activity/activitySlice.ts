/**
 * The session's API calls as main logged them (tokens already shortened by
 * main). Entries arrive two ways, a full `activity:list` when the panel opens
 * and `activity:appended` events, so they are merged by id.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { ActivityEntry } from '../../../../shared/ipc/appTypes';
import type { Resource } from '../../store/resource';
import { NO_ACTIVITY_FILTER, type ActivityFilter } from './activityFilter';

/** Bounds memory in a long session; the export in main holds the full log. */
export const ACTIVITY_CAP = 5000;

const ACTIVITY = 'activity';

export interface ActivitySlice {
  /** The log: loaded by `activity:list`, then fed by events (so its value is always there). */
  readonly activity: Resource<readonly ActivityEntry[]> & { readonly value: readonly ActivityEntry[] };
  /** Whether the log lists the watcher's own polls too (off: they would bury the user's calls). */
  readonly showWatcherCalls: boolean;
  setShowWatcherCalls(show: boolean): void;
  readonly activityFilter: ActivityFilter;
  setActivityFilter(patch: Partial<ActivityFilter>): void;
  readonly selectedActivityId?: number;
  activityAppended(entry: ActivityEntry): void;
  loadActivity(): Promise<void>;
  clearActivity(): Promise<void>;
  selectActivity(id: number | undefined): void;
}

export const createActivitySlice: SliceCreator<ActivitySlice> = (set, get) => ({
  activity: { key: ACTIVITY, loading: false, value: [] },
  showWatcherCalls: false,
  setShowWatcherCalls: (showWatcherCalls) => set({ showWatcherCalls }),
  activityFilter: NO_ACTIVITY_FILTER,
  setActivityFilter: (patch) => set((s) => ({ activityFilter: { ...s.activityFilter, ...patch } })),

  activityAppended(entry) {
    set((s) => (s.activity.value.some((e) => e.id === entry.id) ? s : { activity: { ...s.activity, value: capped([...s.activity.value, entry]) } }));
    get().callSeen(entry);
  },

  async loadActivity() {
    set((s) => ({ activity: { key: ACTIVITY, loading: true, value: s.activity.value } }));
    const result = await getApi()['activity:list']();
    set((s) => ({
      activity: result.ok
        ? { key: ACTIVITY, loading: false, value: merge(result.value, s.activity.value) }
        : { key: ACTIVITY, loading: false, value: s.activity.value, error: result.error },
    }));
  },

  async clearActivity() {
    const result = await getApi()['activity:clear']();
    set(
      result.ok
        ? { activity: { key: ACTIVITY, loading: false, value: [] }, selectedActivityId: undefined }
        : { activity: { ...get().activity, error: result.error } },
    );
  },

  selectActivity: (id) => set({ selectedActivityId: id }),
});

/** Listed entries plus any appended while the list was in flight, in id order. */
function merge(listed: readonly ActivityEntry[], live: readonly ActivityEntry[]): ActivityEntry[] {
  const byId = new Map<number, ActivityEntry>();
  for (const entry of [...listed, ...live]) byId.set(entry.id, entry);
  return capped([...byId.values()].sort((a, b) => a.id - b.id));
}

function capped(entries: ActivityEntry[]): ActivityEntry[] {
  return entries.length > ACTIVITY_CAP ? entries.slice(-ACTIVITY_CAP) : entries;
}
