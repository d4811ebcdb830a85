import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import type { ActivityEntry, CallerIdentity, ConnectionInfo, ConnectionState, MfaRequest } from '../../../../shared/ipc/appTypes';
import type { ProfileSummary } from '../../../../shared/aws/types';
import type { Connection } from '../../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../../shared/errors';
import { loadInto, type Resource } from '../../store/resource';
import type { CredentialsRefreshEvent } from '../../../../shared/ipc/ssoContract';

export interface ConnectionSlice {
  /** The AWS profiles of ~/.aws (read with `selectProfiles`). */
  readonly profiles: Resource<readonly ProfileSummary[]>;
  readonly connection?: ConnectionState;
  /** "Who am I" for the current connection, keyed by it (`connectionKey`); absent until asked. */
  readonly identity?: Resource<CallerIdentity>;
  readonly mfaRequest?: MfaRequest;
  /**
   * What the calls made on this connection have shown: "Connected" only once
   * the service has answered one (any HTTP answer, even an error, proves the
   * endpoint and credentials reached it); otherwise the last call that failed
   * without an answer (network, credentials) says what is wrong.
   */
  readonly reachability: Reachability;
  callSeen(entry: ActivityEntry): void;
  loadProfiles(): Promise<void>;
  loadConnection(): Promise<void>;
  selectConnection(connection: Connection, region: string): Promise<boolean>;
  /** `keepShown`: ask again with the current answer still shown (the credentials' expiry passed). */
  loadIdentity(options?: { readonly keepShown?: boolean }): Promise<void>;
  /** Main resolved the connection's credentials again: the badge's expiry follows the new ones. */
  credentialsRefreshed(refresh: CredentialsRefreshEvent): void;
  connectionChanged(state: ConnectionState): void;
  mfaRequested(request: MfaRequest): void;
  answerMfa(code: string | null): Promise<void>;
}

export interface Reachability {
  readonly answered: boolean;
  /** The latest call, when it failed without an answer from the service. */
  readonly failure?: { readonly operation: string; readonly error: WorkbenchError; readonly at: string };
}

const UNPROVEN: Reachability = { answered: false };

/** The key of the profiles resource: there is one list. */
const PROFILES = 'profiles';

/** What an identity belongs to: the connection's kind, profile and region. */
export function connectionKey(info: ConnectionInfo | undefined): string {
  return info ? `${info.kind}:${info.profile ?? ''}:${info.region}` : '';
}

function sameConnection(a: ConnectionInfo | undefined, b: ConnectionInfo): boolean {
  return Boolean(a) && a!.kind === b.kind && (a!.profile ?? '') === (b.profile ?? '') && a!.region === b.region;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  profiles: { key: PROFILES, loading: false },
  reachability: UNPROVEN,

  callSeen(entry) {
    if (!sameConnection(get().connection?.info, entry.connection)) return;
    if (entry.httpStatus !== undefined || entry.error?.httpStatus !== undefined) {
      set({ reachability: { answered: true } });
    } else if (entry.error) {
      set((s) => ({ reachability: { answered: s.reachability.answered, failure: { operation: entry.operation, error: entry.error!, at: entry.startedAt } } }));
    }
  },

  async loadProfiles() {
    await loadInto(
      PROFILES,
      async () => {
        const listed = await getApi()['profiles:list']();
        return listed.ok ? { ok: true, value: listed.value.profiles } : listed;
      },
      () => get().profiles,
      (profiles) => set({ profiles }),
    );
  },

  async loadConnection() {
    const result = await getApi()['connection:get']();
    if (result.ok) get().connectionChanged(result.value);
  },

  async selectConnection(connection, region) {
    const previous = get().connection;
    set({ identity: undefined, reachability: UNPROVEN });
    const result = await getApi()['connection:select']({ connection, region });
    if (!result.ok) {
      set({ connection: previous ? { ...previous, status: 'error', error: result.error } : undefined });
      return false;
    }
    get().connectionChanged(result.value);
    return result.value.status === 'connected';
  },

  async loadIdentity(options) {
    const key = connectionKey(get().connection?.info);
    if (!options?.keepShown) set({ identity: undefined });
    // A connection changed meanwhile drops the answer (loadInto checks the key).
    await loadInto(key, () => getApi()['connection:whoami'](), () => get().identity, (identity) => set({ identity }));
  },

  credentialsRefreshed({ connection, expiresAt }) {
    const identity = get().identity;
    if (!identity?.value || identity.key !== connectionKey(connection)) return;
    const { expiresAt: _previous, ...rest } = identity.value;
    set({ identity: { ...identity, value: expiresAt ? { ...rest, expiresAt } : rest } });
  },

  connectionChanged(state) {
    const before = get().connection?.info;
    const changed = !before || before.kind !== state.info.kind || before.profile !== state.info.profile || before.region !== state.info.region;
    set({ connection: state, ...(changed ? { identity: undefined, reachability: UNPROVEN } : {}) });
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
