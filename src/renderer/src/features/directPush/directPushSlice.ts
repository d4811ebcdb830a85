/**
 * Direct push: the active workspace's saved settings (fields, the names of
 * the key files main keeps, the payload library) and the calls the dialog
 * makes. Key files are chosen and read in main; this slice holds handles.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import { loadInto, type Resource } from '../../store/resource';
import { fail, type Result } from '../../../../shared/errors';
import type { DirectPushInput, SavedPayload } from '../../../../shared/push/directPush';
import type {
  ChosenKeyFile,
  DirectPushOutcome,
  DirectPushSettings,
  KeyFileKind,
} from '../../../../shared/ipc/directPushContract';

export interface DirectPushSlice {
  readonly directPushSettings?: Resource<DirectPushSettings>;
  /** Loads the active workspace's settings; answers them (undefined on failure, kept in the resource). */
  loadDirectPushSettings(): Promise<DirectPushSettings | undefined>;
  chooseDirectPushKey(kind: KeyFileKind): Promise<Result<ChosenKeyFile | null>>;
  sendDirectPush(push: DirectPushInput): Promise<Result<DirectPushOutcome>>;
  saveDirectPushPayload(payload: SavedPayload): Promise<Result<readonly SavedPayload[]>>;
  deleteDirectPushPayload(name: string): Promise<Result<readonly SavedPayload[]>>;
}

const NO_WORKSPACE = fail({ code: 'NotFound', message: 'No workspace is open.', retryable: false });

export const createDirectPushSlice: SliceCreator<DirectPushSlice> = (set, get) => {
  const setPayloads = (payloads: readonly SavedPayload[]) => {
    const current = get().directPushSettings;
    if (current?.value) set({ directPushSettings: { ...current, value: { ...current.value, payloads } } });
  };
  return {
    async loadDirectPushSettings() {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return undefined;
      const result = await loadInto(
        workspaceId,
        () => getApi()['directPush:settings']({ workspaceId }),
        () => get().directPushSettings,
        (next) => set({ directPushSettings: next }),
      );
      return result.ok ? result.value : undefined;
    },
    chooseDirectPushKey: (kind) => getApi()['directPush:chooseKeyFile']({ kind }),
    async sendDirectPush(push) {
      const workspaceId = get().activeWorkspace?.id;
      return workspaceId ? getApi()['directPush:send']({ workspaceId, push }) : NO_WORKSPACE;
    },
    async saveDirectPushPayload(payload) {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return NO_WORKSPACE;
      const result = await getApi()['directPush:savePayload']({ workspaceId, payload });
      if (result.ok) setPayloads(result.value);
      return result;
    },
    async deleteDirectPushPayload(name) {
      const workspaceId = get().activeWorkspace?.id;
      if (!workspaceId) return NO_WORKSPACE;
      const result = await getApi()['directPush:deletePayload']({ workspaceId, name });
      if (result.ok) setPayloads(result.value);
      return result;
    },
  };
};
