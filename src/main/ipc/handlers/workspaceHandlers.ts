/**
 * Workspaces, saved devices and settings over IPC: thin adapters from the
 * contract to WorkspaceService, which owns validation and persistence.
 */
import type { WorkspaceService } from '../../store/workspaceService';
import { WorkbenchFailure } from '../../aws/errors';
import type { Result } from '../../../shared/errors';
import type { Connection, DeviceInput, SettingsPatch, WorkspacePatch } from '../../../shared/workspace/workspace';
import type { StoreNotice, WorkspaceList, WorkspaceRestore } from '../../../shared/ipc/appTypes';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new WorkbenchFailure(result.error);
  return result.value;
};

export interface WorkspaceHandlerDeps {
  readonly workspaces: WorkspaceService;
  /** Problems met opening the stores; the first restore reports them. */
  readonly startupNotices: readonly StoreNotice[];
  readonly onSettingsChanged: () => void;
  readonly onWorkspaceChanged: () => void;
  /** Where a first workspace points: the default AWS profile if there is a usable one, else nothing (the sandbox). */
  readonly firstConnection: () => Promise<{ connection: Connection; region: string } | undefined>;
  readonly now?: () => number;
}

export function workspaceHandlers({
  workspaces,
  startupNotices,
  onSettingsChanged,
  onWorkspaceChanged,
  firstConnection,
  now = Date.now,
}: WorkspaceHandlerDeps) {
  const list = (): WorkspaceList => {
    const lastId = workspaces.settings().lastWorkspaceId;
    return { workspaces: workspaces.list(), ...(lastId ? { activeId: lastId } : {}) };
  };
  // Startup notices are told once: a later restore (a workspace switch) must not repeat them.
  let untold = startupNotices;
  const restore = async (): Promise<WorkspaceRestore> => {
    const first = workspaces.list().length === 0 ? await firstConnection() : undefined;
    const workspace = value(workspaces.restore(first));
    const notices = untold;
    untold = [];
    return { workspace, list: list(), settings: workspaces.settings(), notices };
  };
  return {
    'workspace:list': list,
    'workspace:restore': restore,
    'workspace:create': ({ name }: { name: string }) => value(workspaces.create({ name })),
    'workspace:rename': ({ id, name }: { id: string; name: string }) => value(workspaces.rename(id, name)),
    'workspace:duplicate': ({ id }: { id: string }) => value(workspaces.duplicate(id)),
    'workspace:delete': ({ id }: { id: string }) => {
      value(workspaces.delete(id));
      return list();
    },
    'workspace:switch': async ({ id }: { id: string }) => {
      value(workspaces.switch(id));
      onWorkspaceChanged();
      return restore();
    },
    'workspace:update': ({ id, patch }: { id: string; patch: WorkspacePatch }) => value(workspaces.update(id, patch)),
    'device:add': ({ workspaceId, device }: { workspaceId: string; device: DeviceInput }) => {
      value(workspaces.addDevice(workspaceId, device));
      return value(workspaces.get(workspaceId));
    },
    'device:remove': ({ workspaceId, deviceId }: { workspaceId: string; deviceId: string }) => {
      value(workspaces.removeDevice(workspaceId, deviceId));
      return value(workspaces.get(workspaceId));
    },
    'workspace:export': ({ ids, includeDeviceTokens }: { ids?: string[] | undefined; includeDeviceTokens: boolean }) => {
      const workspaceId = ids?.length === 1 ? ids[0] : undefined;
      const json = value(workspaces.export({ ...(workspaceId ? { workspaceId } : {}), includeDeviceTokens }));
      const stamp = new Date(now()).toISOString().slice(0, 10);
      return { json, fileName: `chime-workbench-workspaces-${stamp}${includeDeviceTokens ? '' : '-no-tokens'}.json` };
    },
    'workspace:import': ({ json }: { json: string }) => value(workspaces.import(json)),
    'settings:get': () => workspaces.settings(),
    'settings:set': (patch: SettingsPatch) => {
      const settings = value(workspaces.updateSettings(patch));
      onSettingsChanged();
      return settings;
    },
  };
}
