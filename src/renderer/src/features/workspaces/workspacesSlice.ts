/**
 * Workspaces, their saved devices and the app settings. Main owns the store;
 * each action calls it and, on success, takes main's answer as the new truth.
 * Actions that a dialog drives resolve to the error to show (or undefined),
 * so a failed call leaves the state exactly as it was.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { AppInfo, ImportSummary, Settings, StoreNotice, Workspace, WorkspaceRestore } from '../../../../shared/ipc/appTypes';
import {
  WORKSPACE_LIMITS,
  type DeviceInput,
  type RegistrationDefault,
  type SettingsPatch,
  type WorkspacePatch,
} from '../../../../shared/workspace/workspace';
import type { Result, WorkbenchError } from '../../../../shared/errors';

export interface WorkspacesSlice {
  readonly workspaces: readonly Workspace[];
  readonly activeWorkspace?: Workspace;
  readonly settings?: Settings;
  readonly appInfo?: AppInfo;
  readonly notices: readonly StoreNotice[];
  /** The register form's last type and Pinpoint app per AppInstance this session (also when no workspace is active). */
  readonly sessionRegistrationDefaults: readonly RegistrationDefault[];
  /** After a registration: remembers its type and Pinpoint app for the AppInstance, in the session and the active workspace. */
  rememberRegistration(entry: RegistrationDefault): Promise<void>;
  restoreWorkspace(): Promise<WorkspaceRestore | undefined>;
  /** Asks main to make `id` active; the caller applies the returned workspace (sessionActions). */
  switchWorkspaceTo(id: string): Promise<Result<WorkspaceRestore>>;
  loadWorkspaces(): Promise<void>;
  loadAppInfo(): Promise<void>;
  patchActiveWorkspace(patch: WorkspacePatch): Promise<void>;
  createWorkspace(name: string): Promise<Result<Workspace>>;
  renameWorkspace(id: string, name: string): Promise<WorkbenchError | undefined>;
  duplicateWorkspace(id: string): Promise<Result<Workspace>>;
  /** Resolves to whether the deleted workspace was the active one (the caller then restores another). */
  deleteWorkspace(id: string): Promise<Result<{ wasActive: boolean }>>;
  exportWorkspaces(options: { ids?: string[]; includeDeviceTokens: boolean }): Promise<Result<{ json: string; fileName: string }>>;
  importWorkspaces(json: string): Promise<Result<ImportSummary>>;
  /** Adds a device to the active workspace's library. */
  saveDevice(device: DeviceInput): Promise<WorkbenchError | undefined>;
  removeDevice(deviceId: string): Promise<WorkbenchError | undefined>;
  saveSettings(patch: SettingsPatch): Promise<WorkbenchError | undefined>;
  storeNotice(notice: StoreNotice): void;
  dismissNotice(index: number): void;
}

export const createWorkspacesSlice: SliceCreator<WorkspacesSlice> = (set, get) => {
  const replace = (updated: Workspace) =>
    set((s) => ({
      workspaces: s.workspaces.map((w) => (w.id === updated.id ? updated : w)),
      ...(s.activeWorkspace?.id === updated.id ? { activeWorkspace: updated } : {}),
    }));
  const applyRestore = ({ workspace, list, settings }: WorkspaceRestore) => {
    set({ activeWorkspace: workspace, workspaces: list.workspaces, settings });
    get().setWatchTargets(workspace.watchList);
  };

  return {
    workspaces: [],
    notices: [],
    sessionRegistrationDefaults: [],

    async rememberRegistration(entry) {
      const withEntry = (list: readonly RegistrationDefault[] = []) =>
        [entry, ...list.filter((d) => d.appInstanceArn !== entry.appInstanceArn)].slice(
          0,
          WORKSPACE_LIMITS.registrationDefaults,
        );
      set((s) => ({ sessionRegistrationDefaults: withEntry(s.sessionRegistrationDefaults) }));
      const active = get().activeWorkspace;
      if (active) await get().patchActiveWorkspace({ registrationDefaults: withEntry(active.registrationDefaults) });
    },

    async restoreWorkspace() {
      const result = await getApi()['workspace:restore']();
      if (!result.ok) {
        set((s) => ({ notices: [...s.notices, { kind: 'store-recovered', message: result.error.message }] }));
        return undefined;
      }
      applyRestore(result.value);
      set((s) => ({ notices: [...s.notices, ...result.value.notices] }));
      return result.value;
    },

    async switchWorkspaceTo(id) {
      const result = await getApi()['workspace:switch']({ id });
      if (result.ok) applyRestore(result.value);
      return result;
    },

    async loadWorkspaces() {
      const result = await getApi()['workspace:list']();
      if (result.ok) set({ workspaces: result.value.workspaces });
    },

    async loadAppInfo() {
      const result = await getApi()['app:info']();
      if (result.ok) set({ appInfo: result.value });
    },

    async patchActiveWorkspace(patch) {
      const active = get().activeWorkspace;
      if (!active) return;
      const result = await getApi()['workspace:update']({ id: active.id, patch });
      if (result.ok) replace(result.value);
    },

    async createWorkspace(name) {
      const result = await getApi()['workspace:create']({ name });
      if (result.ok) set((s) => ({ workspaces: [...s.workspaces, result.value] }));
      return result;
    },

    async renameWorkspace(id, name) {
      const result = await getApi()['workspace:rename']({ id, name });
      if (!result.ok) return result.error;
      replace(result.value);
      return undefined;
    },

    async duplicateWorkspace(id) {
      const result = await getApi()['workspace:duplicate']({ id });
      if (result.ok) set((s) => ({ workspaces: [...s.workspaces, result.value] }));
      return result;
    },

    async deleteWorkspace(id) {
      const wasActive = get().activeWorkspace?.id === id;
      const result = await getApi()['workspace:delete']({ id });
      if (!result.ok) return result;
      set({ workspaces: result.value.workspaces });
      return { ok: true, value: { wasActive } };
    },

    exportWorkspaces: (options) => getApi()['workspace:export'](options),

    async importWorkspaces(json) {
      const result = await getApi()['workspace:import']({ json });
      // Only a successful import touches the list; a bad file changes nothing here either.
      if (result.ok) await get().loadWorkspaces();
      return result;
    },

    async saveDevice(device) {
      const active = get().activeWorkspace;
      if (!active) return { code: 'NoWorkspace', message: 'There is no active workspace to save the device in.', retryable: false };
      const result = await getApi()['device:add']({ workspaceId: active.id, device });
      if (!result.ok) return result.error;
      replace(result.value);
      return undefined;
    },

    async removeDevice(deviceId) {
      const active = get().activeWorkspace;
      if (!active) return undefined;
      const result = await getApi()['device:remove']({ workspaceId: active.id, deviceId });
      if (!result.ok) return result.error;
      replace(result.value);
      return undefined;
    },

    async saveSettings(patch) {
      const result = await getApi()['settings:set'](patch);
      if (!result.ok) return result.error;
      set({ settings: result.value });
      return undefined;
    },

    storeNotice: (notice) => set((s) => ({ notices: [...s.notices, notice] })),
    dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
  };
};
