import type { SliceCreator } from '../../store';
import type { ActivityEntry } from '../../../../shared/ipc/appTypes';

// Placeholder being built out: the activity log panel's state.
export interface ActivitySlice {
  readonly activity: readonly ActivityEntry[];
  activityAppended(entry: ActivityEntry): void;
}

export const createActivitySlice: SliceCreator<ActivitySlice> = (set) => ({
  activity: [],
  activityAppended: (entry) => set((s) => ({ activity: [...s.activity, entry] })),
});
