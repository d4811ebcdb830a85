import type { SliceCreator } from '../../store';
import { startPagedLoad, type PagedLoad } from '../pages/pagedLoads';
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import type { WorkbenchError } from '../../../../shared/errors';

export type AppInstanceSummary = NonNullable<ChimeOutput<'ListAppInstances'>['AppInstances']>[number];

export interface AppInstancesSlice {
  readonly appInstances: readonly AppInstanceSummary[];
  readonly appInstancesLoading: boolean;
  readonly appInstancesError?: WorkbenchError;
  readonly selectedAppInstanceArn?: string;
  loadAppInstances(): Promise<void>;
  setSelectedAppInstance(arn: string | undefined): void;
  clearAppInstances(): void;
}

let current: PagedLoad | undefined;

export const createAppInstancesSlice: SliceCreator<AppInstancesSlice> = (set) => ({
  appInstances: [],
  appInstancesLoading: false,

  loadAppInstances() {
    current?.cancel();
    set({ appInstances: [], appInstancesLoading: true, appInstancesError: undefined });
    return new Promise<void>((resolve) => {
      const collected: AppInstanceSummary[] = [];
      current = startPagedLoad('ListAppInstances', {}, (page) => {
        collected.push(...(page.items as AppInstanceSummary[]));
        set({ appInstances: [...collected], appInstancesLoading: !page.done, appInstancesError: page.error });
        if (page.done) resolve();
      });
    });
  },

  setSelectedAppInstance: (arn) => set({ selectedAppInstanceArn: arn }),

  clearAppInstances() {
    current?.cancel();
    current = undefined;
    set({ appInstances: [], appInstancesLoading: false, appInstancesError: undefined, selectedAppInstanceArn: undefined });
  },
});
