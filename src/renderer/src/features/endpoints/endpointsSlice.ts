/**
 * The selected user's detail and push endpoints. The selected user is
 * `selectedUserArn` of the users slice, the one source of truth. Every async
 * action checks, after each await, that the user it loaded for is still the
 * selected one: a slow answer for a user the developer already left must not
 * overwrite the next user's table.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import type { WorkbenchError, Result } from '../../../../shared/errors';
import type { WatchChange } from '../../../../shared/ipc/appTypes';
import type { Resource } from '../../store/resource';
import { selectEndpoints } from '../../store/selectors';
import { listAllEndpoints, describeEndpoints } from './endpointLoads';
import { describedEndpoint, forgetDescribed, keepListed, rememberDescribed } from '../../store/describedEndpoints';

import type { Endpoint, RegisterEndpointInput } from '../../../../shared/ipc/chimeTypes';

// Declared in shared so that registration and watch need not import this slice (feature folders without cycles).
export type { Endpoint, RegisterEndpointInput };
export type UserDetailValue = NonNullable<ChimeOutput<'DescribeAppInstanceUser'>['AppInstanceUser']>;

export interface EndpointActionError {
  readonly endpointId: string;
  readonly action: string;
  readonly error: WorkbenchError;
}

export interface EndpointsSlice {
  /** The selected user's DescribeAppInstanceUser, keyed by its ARN (`at`: when it was read). */
  readonly userDetail?: Resource<UserDetailValue | undefined>;
  /**
   * The selected user's endpoints, keyed by the user's ARN; `at` is when they were listed (with an error or a
   * watcher backing off, stale as of then). Read the rows with `selectEndpoints`.
   */
  readonly endpoints: Resource<readonly Endpoint[]>;
  readonly endpointActionError?: EndpointActionError;
  /** The endpoint this session registered last for the shown user: its row is highlighted, with a success message. */
  readonly lastRegistered?: { readonly endpointId: string; readonly name: string };
  /** Loads the selected user's detail and endpoints; `keep` leaves what is shown until the answers arrive (a refresh). */
  loadUserDetail(options?: { keep?: boolean }): Promise<void>;
  refreshUserDetail(): Promise<void>;
  /** Lists the user's endpoints; Describe runs only for endpoints not described yet this session, or for all with `force` (Refresh). */
  loadEndpoints(userArn: string, options?: { force?: boolean }): Promise<void>;
  setEndpointAllowMessages(endpointId: string, allow: boolean): Promise<void>;
  renameEndpoint(endpointId: string, name: string): Promise<boolean>;
  deregisterEndpoint(endpointId: string): Promise<WorkbenchError | undefined>;
  registerEndpoint(input: RegisterEndpointInput): Promise<Result<{ endpointId: string }>>;
  dismissEndpointActionError(): void;
  /** For the watcher: apply a change main observed to the row it concerns. */
  endpointWatched(change: WatchChange): void;
}

export { forgetDescribedEndpoints } from '../../store/describedEndpoints';
export { selectEndpoints };

const NO_ENDPOINTS: Resource<readonly Endpoint[]> = { key: '', loading: false };

export const createEndpointsSlice: SliceCreator<EndpointsSlice> = (set, get) => {
  const current = (userArn: string) => get().selectedUserArn === userArn;
  /** Changes the shown rows, keeping the rest of the resource (key, time, loading). */
  const setRows = (rows: (shown: readonly Endpoint[]) => readonly Endpoint[]) =>
    set((s) => ({ endpoints: { ...s.endpoints, value: rows(selectEndpoints(s)) } }));
  const patchEndpoint = (endpointId: string, patch: (e: Endpoint) => Endpoint) =>
    setRows((shown) => shown.map((e) => (e.EndpointId === endpointId ? patch(e) : e)));

  /** Re-reads one endpoint after a change so its LastUpdatedTimestamp is the service's. */
  const redescribe = async (userArn: string, endpointId: string) => {
    const [fresh] = await describeEndpoints(userArn, [{ EndpointId: endpointId }]);
    if (fresh) rememberDescribed(userArn, fresh);
    if (fresh && current(userArn)) patchEndpoint(endpointId, (e) => ({ ...e, ...fresh }));
  };

  return {
    endpoints: NO_ENDPOINTS,

    async loadUserDetail({ keep = false } = {}) {
      const userArn = get().selectedUserArn;
      const shown = get().userDetail;
      set({
        userDetail: userArn ? { key: userArn, loading: true, ...(keep && shown?.key === userArn ? { value: shown.value, at: shown.at } : {}) } : undefined,
        endpointActionError: undefined,
        ...(keep ? {} : { endpoints: NO_ENDPOINTS, lastRegistered: undefined }),
      });
      if (!userArn) return;
      const describeUser = async () => {
        const result = await getApi()['chime:DescribeAppInstanceUser']({ AppInstanceUserArn: userArn });
        const shown = get().userDetail;
        if (!current(userArn) || shown?.key !== userArn) return;
        set({
          userDetail: result.ok
            ? { key: userArn, loading: false, value: result.value.AppInstanceUser, at: Date.now() }
            : { ...shown, loading: false, error: result.error },
        });
      };
      await Promise.all([describeUser(), get().loadEndpoints(userArn, { force: keep })]);
    },

    async refreshUserDetail() {
      if (get().selectedUserArn) await get().loadUserDetail({ keep: true });
    },

    async loadEndpoints(userArn, options) {
      // What is shown for this user stays while the list is read again (a refresh, a watcher's new endpoint).
      set((s) => ({ endpoints: { ...(s.endpoints.key === userArn ? s.endpoints : { key: userArn }), loading: true, error: undefined } }));
      const listed = await listAllEndpoints(userArn);
      if (!current(userArn)) return;
      if (!listed.ok) {
        set((s) => ({ endpoints: { ...s.endpoints, key: userArn, loading: false, error: listed.error } }));
        return;
      }
      // Summaries first (with what an earlier Describe told), so the rows appear at once;
      // Describe fills in the token, ARN and times of the others.
      keepListed(userArn, listed.value.map((e) => e.EndpointId));
      const known = (e: Endpoint) => describedEndpoint(userArn, e.EndpointId);
      const merged = listed.value.map((e) => ({ ...known(e), ...e }));
      const missing = options?.force ? merged : merged.filter((e) => !known(e));
      set({ endpoints: { key: userArn, loading: missing.length > 0, value: merged, at: Date.now() } });
      if (missing.length === 0) return;
      const fresh = await describeEndpoints(userArn, missing);
      for (const e of fresh) rememberDescribed(userArn, e);
      const byId = new Map(fresh.map((e) => [e.EndpointId, e]));
      if (current(userArn)) setRows(() => merged.map((e) => byId.get(e.EndpointId) ?? e));
      if (current(userArn)) set((s) => ({ endpoints: { ...s.endpoints, loading: false } }));
    },

    async setEndpointAllowMessages(endpointId, allow) {
      const userArn = get().selectedUserArn;
      const before = selectEndpoints(get()).find((e) => e.EndpointId === endpointId);
      if (!userArn || !before) return;
      const wanted = allow ? 'ALL' : 'NONE';
      // Optimistic: the switch moves now; it moves back if the service refuses.
      patchEndpoint(endpointId, (e) => ({ ...e, AllowMessages: wanted }));
      set({ endpointActionError: undefined });
      const result = await getApi()['chime:UpdateAppInstanceUserEndpoint']({
        AppInstanceUserArn: userArn,
        EndpointId: endpointId,
        AllowMessages: wanted,
      });
      if (!current(userArn)) return;
      if (!result.ok) {
        // Roll back only if nothing newer replaced our optimistic value meanwhile.
        patchEndpoint(endpointId, (e) =>
          e.AllowMessages === wanted ? { ...e, AllowMessages: before.AllowMessages } : e,
        );
        set({ endpointActionError: { endpointId, action: 'change Allow messages', error: result.error } });
        return;
      }
      await redescribe(userArn, endpointId);
    },

    async renameEndpoint(endpointId, name) {
      const userArn = get().selectedUserArn;
      const before = selectEndpoints(get()).find((e) => e.EndpointId === endpointId);
      if (!userArn || !before) return false;
      patchEndpoint(endpointId, (e) => ({ ...e, Name: name }));
      set({ endpointActionError: undefined });
      const result = await getApi()['chime:UpdateAppInstanceUserEndpoint']({
        AppInstanceUserArn: userArn,
        EndpointId: endpointId,
        Name: name,
      });
      if (!current(userArn)) return false;
      if (!result.ok) {
        patchEndpoint(endpointId, (e) => (e.Name === name ? { ...e, Name: before.Name } : e));
        set({ endpointActionError: { endpointId, action: 'rename', error: result.error } });
        return false;
      }
      await redescribe(userArn, endpointId);
      return true;
    },

    async deregisterEndpoint(endpointId) {
      const userArn = get().selectedUserArn;
      if (!userArn) return undefined;
      const result = await getApi()['chime:DeregisterAppInstanceUserEndpoint']({
        AppInstanceUserArn: userArn,
        EndpointId: endpointId,
      });
      if (!result.ok) return result.error;
      forgetDescribed(userArn, endpointId);
      if (current(userArn)) setRows((shown) => shown.filter((e) => e.EndpointId !== endpointId));
      return undefined;
    },

    async registerEndpoint(input) {
      const userArn = input.AppInstanceUserArn;
      if (!userArn) return { ok: false, error: { code: 'NoUser', message: 'Select a user first.', retryable: false } };
      const result = await getApi()['chime:RegisterAppInstanceUserEndpoint'](input);
      if (!result.ok) return result;
      const endpointId = result.value.EndpointId ?? '';
      if (current(userArn)) set({ lastRegistered: { endpointId, name: input.Name || endpointId } });
      if (current(userArn)) await get().loadEndpoints(userArn);
      // What the table now shows (or, for a user left meanwhile, what was registered) is what the follow diffs against.
      const shown = current(userArn) ? selectEndpoints(get()).find((e) => e.EndpointId === endpointId) : undefined;
      if (endpointId) {
        void get().followEndpoint(userArn, {
          endpointId,
          ...((shown?.Name ?? input.Name) ? { name: shown?.Name ?? input.Name } : {}),
          type: shown?.Type ?? input.Type,
          allowMessages: shown?.AllowMessages ?? input.AllowMessages ?? 'ALL',
          status: shown?.EndpointState?.Status ?? 'ACTIVE',
          ...(shown?.EndpointState?.StatusReason ? { statusReason: shown.EndpointState.StatusReason } : {}),
        });
      }
      return { ok: true, value: { endpointId } };
    },

    dismissEndpointActionError: () => set({ endpointActionError: undefined }),

    endpointWatched(change) {
      if (change.userArn !== get().selectedUserArn) return;
      if (change.kind === 'disappeared') {
        setRows((shown) => shown.filter((e) => e.EndpointId !== change.endpointId));
        return;
      }
      const after = change.after;
      if (!after) return;
      if (!selectEndpoints(get()).some((e) => e.EndpointId === change.endpointId)) {
        void get().loadEndpoints(change.userArn);
        return;
      }
      patchEndpoint(change.endpointId, (e) => ({
        ...e,
        Name: after.name ?? e.Name,
        AllowMessages: after.allowMessages ?? e.AllowMessages,
        EndpointState: after.status ? { Status: after.status, StatusReason: after.statusReason } : e.EndpointState,
      }));
    },
  };
};
