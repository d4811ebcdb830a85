import type { SliceCreator } from '../../store';
import { getApi, toWorkbenchError, unwrap } from '../../api';
import type { CallerIdentity, ConnectionState, MfaRequest } from '../../../../shared/ipc/appTypes';
import type { ProfileSummary } from '../../../../shared/aws/types';
import type { Connection } from '../../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../../shared/errors';

export interface ConnectionSlice {
  readonly profiles: readonly ProfileSummary[];
  readonly profilesError?: WorkbenchError;
  readonly connection?: ConnectionState;
  readonly identity?: CallerIdentity;
  readonly identityError?: WorkbenchError;
  readonly mfaRequest?: MfaRequest;
  loadProfiles(): Promise<void>;
  loadConnection(): Promise<void>;
  selectConnection(connection: Connection, region: string): Promise<boolean>;
  loadIdentity(): Promise<void>;
  connectionChanged(state: ConnectionState): void;
  mfaRequested(request: MfaRequest): void;
  answerMfa(code: string | null): Promise<void>;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  profiles: [],

  async loadProfiles() {
    try {
      const list = await unwrap(getApi()['profiles:list']());
      set({ profiles: list.profiles, profilesError: undefined });
    } catch (error) {
      set({ profilesError: toWorkbenchError(error) });
    }
  },

  async loadConnection() {
    const result = await getApi()['connection:get']();
    if (result.ok) get().connectionChanged(result.value);
  },

  async selectConnection(connection, region) {
    const previous = get().connection;
    set({ identity: undefined, identityError: undefined });
    const result = await getApi()['connection:select']({ connection, region });
    if (!result.ok) {
      set({ connection: previous ? { ...previous, status: 'error', error: result.error } : undefined });
      return false;
    }
    get().connectionChanged(result.value);
    return result.value.status === 'connected';
  },

  async loadIdentity() {
    set({ identity: undefined, identityError: undefined });
    const result = await getApi()['connection:whoami']();
    set(result.ok ? { identity: result.value } : { identityError: result.error });
  },

  connectionChanged(state) {
    const before = get().connection?.info;
    const changed = !before || before.kind !== state.info.kind || before.profile !== state.info.profile || before.region !== state.info.region;
    set({ connection: state, ...(changed ? { identity: undefined, identityError: undefined } : {}) });
  },

  mfaRequested(request) {
    set({ mfaRequest: request });
  },

  async answerMfa(code) {
    const request = get().mfaRequest;
    if (!request) return;
    set({ mfaRequest: undefined });
    await getApi()['mfa:reply']({ requestId: request.requestId, code });
  },
});
