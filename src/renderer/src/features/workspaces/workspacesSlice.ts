import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { StoreNotice, Workspace, WorkspaceRestore, Settings } from '../../../../shared/ipc/appTypes';
import type { WorkspacePatch } from '../../../../shared/workspace/workspace';

// Being built out: workspace switching, renaming, devices, import/export.
export interface WorkspacesSlice {
  readonly workspaces: readonly Workspace[];
  readonly activeWorkspace?: Workspace;
  readonly settings?: Settings;
  readonly notices: readonly StoreNotice[];
  restoreWorkspace(): Promise<WorkspaceRestore | undefined>;
  patchActiveWorkspace(patch: WorkspacePatch): Promise<void>;
  storeNotice(notice: StoreNotice): void;
  dismissNotice(index: number): void;
}

export const createWorkspacesSlice: SliceCreator<WorkspacesSlice> = (set, get) => ({
  workspaces: [],
  notices: [],
  async restoreWorkspace() {
    const result = await getApi()['workspace:restore']();
    if (!result.ok) {
      set((s) => ({ notices: [...s.notices, { kind: 'store-recovered', message: result.error.message }] }));
      return undefined;
    }
    const { workspace, list, settings, notices } = result.value;
    set((s) => ({ activeWorkspace: workspace, workspaces: list.workspaces, settings, notices: [...s.notices, ...notices] }));
    return result.value;
  },
  async patchActiveWorkspace(patch) {
    const active = get().activeWorkspace;
    if (!active) return;
    const result = await getApi()['workspace:update']({ id: active.id, patch });
    if (result.ok) {
      set((s) => ({ activeWorkspace: result.value, workspaces: s.workspaces.map((w) => (w.id === result.value.id ? result.value : w)) }));
    }
  },
  storeNotice: (notice) => set((s) => ({ notices: [...s.notices, notice] })),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
});
