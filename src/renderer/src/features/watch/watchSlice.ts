import type { SliceCreator } from '../../store';
import type { WatchChange, WatchHealth } from '../../../../shared/ipc/appTypes';

// Placeholder being built out: live EndpointState watching.
export interface WatchSlice {
  readonly watchHealth?: WatchHealth;
  readonly lastWatchChange?: WatchChange;
  watchChanged(change: WatchChange): void;
  watchHealthChanged(health: WatchHealth): void;
}

export const createWatchSlice: SliceCreator<WatchSlice> = (set) => ({
  watchChanged: (change) => set({ lastWatchChange: change }),
  watchHealthChanged: (health) => set({ watchHealth: health }),
});
