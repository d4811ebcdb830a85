/**
 * "Search this token across the app instance": the classic "push goes to the
 * previous user after logout" bug is one device token under two users. The
 * List of a user's endpoints carries no tokens, so per user this is one List
 * (through the paged-load path, cancellable), then a Describe only for
 * endpoints of the token's platform that this session has not described yet.
 * Four users at a time; progress after each user; Cancel stops the loads in
 * flight and starts no more.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import { startPagedLoad, type PagedLoad } from '../pages/pagedLoads';
import type { Endpoint } from '../../../../shared/ipc/chimeTypes';
import { appInstanceOfUser, describedEndpoint, rememberDescribed } from '../../store/describedEndpoints';
import type { EndpointType } from '../../../../shared/chime/shapes';
import type { Result, WorkbenchError } from '../../../../shared/errors';
import { comparableToken, isApnsType } from './tokenLinter';

export interface TokenMatch {
  readonly userArn: string;
  readonly endpointId?: string;
  readonly name?: string;
  readonly type?: EndpointType;
}

export interface TokenSearch {
  /** The token searched for, as it would be sent. */
  readonly token: string;
  readonly status: 'running' | 'done' | 'cancelled';
  readonly searched: number;
  readonly total: number;
  readonly matches: readonly TokenMatch[];
  /** Users whose endpoints could not be read, with the last error. */
  readonly failedUsers: number;
  readonly lastError?: WorkbenchError;
}

export interface TokenSearchSlice {
  readonly tokenSearch?: TokenSearch;
  /** Searches every loaded user of `userArn`'s AppInstance except `userArn` for `token` (as it will be sent). */
  searchTokenAcrossAppInstance(input: { userArn: string; type: EndpointType; token: string }): Promise<void>;
  cancelTokenSearch(): void;
  clearTokenSearch(): void;
}

const PARALLEL_USERS = 4;

interface Run {
  cancelled: boolean;
  readonly loads: Set<PagedLoad>;
}
let running: Run | undefined;

function listEndpoints(userArn: string, run: Run): Promise<Result<Endpoint[]>> {
  return new Promise((resolve) => {
    const items: Endpoint[] = [];
    const load = startPagedLoad('ListAppInstanceUserEndpoints', { AppInstanceUserArn: userArn }, (page) => {
      items.push(...(page.items as Endpoint[]));
      if (!page.done) return;
      run.loads.delete(load);
      resolve(page.error ? { ok: false, error: page.error } : { ok: true, value: items });
    });
    run.loads.add(load);
  });
}

async function tokenOf(userArn: string, endpoint: Endpoint): Promise<string | undefined> {
  const known = describedEndpoint(userArn, endpoint.EndpointId);
  if (known) return known.EndpointAttributes?.DeviceToken;
  if (!endpoint.EndpointId) return undefined;
  const result = await getApi()['chime:DescribeAppInstanceUserEndpoint']({
    AppInstanceUserArn: userArn,
    EndpointId: endpoint.EndpointId,
  });
  if (!result.ok || !result.value.AppInstanceUserEndpoint) return undefined;
  rememberDescribed(userArn, { ...endpoint, ...result.value.AppInstanceUserEndpoint });
  return result.value.AppInstanceUserEndpoint.EndpointAttributes?.DeviceToken;
}

const samePlatform = (a: EndpointType, b: EndpointType | undefined) => b !== undefined && isApnsType(a) === isApnsType(b);

export const createTokenSearchSlice: SliceCreator<TokenSearchSlice> = (set, get) => ({
  async searchTokenAcrossAppInstance({ userArn, type, token }) {
    get().cancelTokenSearch();
    const run: Run = { cancelled: false, loads: new Set() };
    running = run;
    const appInstance = appInstanceOfUser(userArn);
    const users = get()
      .users.map((u) => u.AppInstanceUserArn ?? '')
      .filter((arn) => arn && arn !== userArn && appInstanceOfUser(arn) === appInstance);
    const wanted = comparableToken(type, token);
    set({ tokenSearch: { token, status: 'running', searched: 0, total: users.length, matches: [], failedUsers: 0 } });
    const update = (patch: (s: TokenSearch) => Partial<TokenSearch>) => {
      if (running === run) set((s) => (s.tokenSearch ? { tokenSearch: { ...s.tokenSearch, ...patch(s.tokenSearch) } } : {}));
    };

    const searchUser = async (other: string) => {
      const listed = await listEndpoints(other, run);
      if (run.cancelled) return;
      if (!listed.ok) return update((s) => ({ searched: s.searched + 1, failedUsers: s.failedUsers + 1, lastError: listed.error }));
      const found: TokenMatch[] = [];
      for (const endpoint of listed.value.filter((e) => samePlatform(type, e.Type))) {
        const candidate = await tokenOf(other, endpoint);
        if (run.cancelled) return;
        if (candidate && comparableToken(endpoint.Type, candidate) === wanted) {
          found.push({ userArn: other, endpointId: endpoint.EndpointId, name: endpoint.Name, type: endpoint.Type });
        }
      }
      update((s) => ({ searched: s.searched + 1, matches: [...s.matches, ...found] }));
    };

    let next = 0;
    const worker = async () => {
      while (!run.cancelled && next < users.length) await searchUser(users[next++] ?? '');
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_USERS, users.length) }, worker));
    if (!run.cancelled) update(() => ({ status: 'done' }));
    if (running === run) running = undefined;
  },

  cancelTokenSearch() {
    const run = running;
    if (!run) return;
    run.cancelled = true;
    for (const load of run.loads) load.cancel();
    run.loads.clear();
    running = undefined;
    set((s) => (s.tokenSearch?.status === 'running' ? { tokenSearch: { ...s.tokenSearch, status: 'cancelled' } } : {}));
  },

  clearTokenSearch() {
    get().cancelTokenSearch();
    set({ tokenSearch: undefined });
  },
});
