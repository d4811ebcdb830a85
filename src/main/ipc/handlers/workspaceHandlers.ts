/**
 * Workspaces, saved devices and settings over IPC: thin adapters from the
 * contract to WorkspaceService, which owns validation and persistence and
 * answers Results; the handlers pass them through.
 */
import type { WorkspaceService } from '../../store/workspaceService';
import { ok, type Result } from '../../../shared/errors';
import type { Connection, DeviceInput, SettingsPatch, WorkspacePatch } from '../../../shared/workspace/workspace';
import type { StoreNotice, WorkspaceList, WorkspaceRestore } from '../../../shared/ipc/appTypes';

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

/** Runs `next` on the value of `result`, or answers its error. */
const then = <T, U>(result: Result<T>, next: (value: T) => Result<U>): Result<U> => (result.ok ? next(result.value) : result);

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
  const restore = async (): Promise<Result<WorkspaceRestore>> => {
    const first = workspaces.list().length === 0 ? await firstConnection() : undefined;
    return then(workspaces.restore(first), (workspace) => {
      const notices = untold;
      untold = [];
      return ok({ workspace, list: list(), settings: workspaces.settings(), notices });
    });
  };
  return {
    'workspace:list': () => ok(list()),
    'workspace:restore': restore,
    'workspace:create': ({ name }: { name: string }) => workspaces.create({ name }),
    'workspace:rename': ({ id, name }: { id: string; name: string }) => workspaces.rename(id, name),
    'workspace:duplicate': ({ id }: { id: string }) => workspaces.duplicate(id),
    'workspace:delete': ({ id }: { id: string }) => then(workspaces.delete(id), () => ok(list())),
    'workspace:switch': async ({ id }: { id: string }) => {
      const switched = workspaces.switch(id);
      if (!switched.ok) return switched;
      onWorkspaceChanged();
      return restore();
    },
    'workspace:update': ({ id, patch }: { id: string; patch: WorkspacePatch }) => workspaces.update(id, patch),
    'device:add': ({ workspaceId, device }: { workspaceId: string; device: DeviceInput }) =>
      then(workspaces.addDevice(workspaceId, device), () => workspaces.get(workspaceId)),
    'device:remove': ({ workspaceId, deviceId }: { workspaceId: string; deviceId: string }) =>
      then(workspaces.removeDevice(workspaceId, deviceId), () => workspaces.get(workspaceId)),
    'workspace:export': ({ ids, includeDeviceTokens }: { ids?: string[] | undefined; includeDeviceTokens: boolean }) =>
      then(workspaces.export({ ...(ids && ids.length > 0 ? { ids } : {}), includeDeviceTokens }), (json) => {
        const stamp = new Date(now()).toISOString().slice(0, 10);
        return ok({ json, fileName: `chime-workbench-workspaces-${stamp}${includeDeviceTokens ? '' : '-no-tokens'}.json` });
      }),
    'workspace:import': ({ json }: { json: string }) => workspaces.import(json),
    'settings:get': () => ok(workspaces.settings()),
    'settings:set': (patch: SettingsPatch) =>
      then(workspaces.updateSettings(patch), (settings) => {
        onSettingsChanged();
        return ok(settings);
      }),
  };
}
