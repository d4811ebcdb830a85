import type { SliceCreator } from '../../store';
import { startPagedLoad, type PagedLoad } from '../pages/pagedLoads';
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import type { Resource } from '../../store/resource';

export type AppInstanceSummary = NonNullable<ChimeOutput<'ListAppInstances'>['AppInstances']>[number];

export interface AppInstancesSlice {
  /** Keyed by the load that fills it; pages of a cancelled load never reach it. */
  readonly appInstances?: Resource<readonly AppInstanceSummary[]>;
  readonly selectedAppInstanceArn?: string;
  loadAppInstances(): Promise<void>;
  setSelectedAppInstance(arn: string | undefined): void;
  clearAppInstances(): void;
}

let current: PagedLoad | undefined;

export const createAppInstancesSlice: SliceCreator<AppInstancesSlice> = (set, get) => ({
  loadAppInstances() {
    current?.cancel();
    return new Promise<void>((resolve) => {
      const collected: AppInstanceSummary[] = [];
      const load = startPagedLoad('ListAppInstances', {}, (page) => {
        collected.push(...(page.items as AppInstanceSummary[]));
        if (get().appInstances?.key === page.loadId) {
          set({ appInstances: { key: page.loadId, loading: !page.done, value: [...collected], ...(page.error ? { error: page.error } : {}) } });
        }
        if (page.done) resolve();
      });
      current = load;
      set({ appInstances: { key: load.loadId, loading: true, value: [] } });
    });
  },

  setSelectedAppInstance: (arn) => set({ selectedAppInstanceArn: arn }),

  clearAppInstances() {
    current?.cancel();
    current = undefined;
    set({ appInstances: undefined, selectedAppInstanceArn: undefined });
  },
});
