import type { SliceCreator } from '../../store';
import { startPagedLoad, type PagedLoad } from '../pages/pagedLoads';
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import type { WorkbenchError } from '../../../../shared/errors';

export type UserSummary = NonNullable<ChimeOutput<'ListAppInstanceUsers'>['AppInstanceUsers']>[number];

export interface UserLoadState {
  readonly appInstanceArn: string;
  readonly loading: boolean;
  readonly loadedCount: number;
  readonly startedAt: number;
  readonly firstPageAt?: number;
  readonly doneAt?: number;
  readonly error?: WorkbenchError;
}

export interface UsersSlice {
  readonly users: readonly UserSummary[];
  readonly userLoad?: UserLoadState;
  readonly userFilter: string;
  readonly selectedUserArn?: string;
  startUserLoad(appInstanceArn: string): void;
  cancelUserLoad(): void;
  reloadUsers(): void;
  setUserFilter(filter: string): void;
  selectUser(arn: string | undefined): void;
  userChanged(user: UserSummary): void;
  userRemoved(arn: string): void;
}

let current: PagedLoad | undefined;
let cancelPending: () => void = () => {};
const PUBLISH_EVERY_MS = 100;

export const createUsersSlice: SliceCreator<UsersSlice> = (set, get) => ({
  users: [],
  userFilter: '',

  startUserLoad(appInstanceArn) {
    cancelPending();
    current?.cancel();
    const startedAt = performance.now();
    set({ users: [], userLoad: { appInstanceArn, loading: true, loadedCount: 0, startedAt } });
    // Pages are appended in place and published as a new array reference so
    // selectors see a change while the list grows to 100,000 users. The first
    // page is published at once (first rows fast); later pages at most every
    // PUBLISH_EVERY_MS, so a 2,000-page load does not re-render 2,000 times.
    const collected: UserSummary[] = [];
    let firstPageAt: number | undefined;
    let lastPublish = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const publish = (done: boolean, error?: WorkbenchError) => {
      if (pending) clearTimeout(pending);
      pending = undefined;
      const now = performance.now();
      lastPublish = now;
      firstPageAt ??= now;
      set({
        users: collected.slice(),
        userLoad: {
          appInstanceArn,
          loading: !done,
          loadedCount: collected.length,
          startedAt,
          firstPageAt,
          ...(done ? { doneAt: now } : {}),
          ...(error ? { error } : {}),
        },
      });
    };
    current = startPagedLoad('ListAppInstanceUsers', { AppInstanceArn: appInstanceArn }, (page) => {
      for (const item of page.items as UserSummary[]) collected.push(item);
      if (page.done || firstPageAt === undefined) return publish(page.done, page.error);
      const wait = PUBLISH_EVERY_MS - (performance.now() - lastPublish);
      if (wait <= 0) publish(false);
      else pending ??= setTimeout(() => publish(false), wait);
    });
    cancelPending = () => {
      if (pending) clearTimeout(pending);
      pending = undefined;
    };
  },

  cancelUserLoad() {
    cancelPending();
    current?.cancel();
    current = undefined;
    set({ users: [], userLoad: undefined });
  },

  reloadUsers() {
    const arn = get().userLoad?.appInstanceArn ?? get().selectedAppInstanceArn;
    if (arn) get().startUserLoad(arn);
  },

  setUserFilter: (userFilter) => set({ userFilter }),
  selectUser: (arn) => set({ selectedUserArn: arn }),

  userChanged(user) {
    set((s) => {
      const index = s.users.findIndex((u) => u.AppInstanceUserArn === user.AppInstanceUserArn);
      if (index < 0) return { users: [...s.users, user] };
      const users = s.users.slice();
      users[index] = user;
      return { users };
    });
  },

  userRemoved(arn) {
    set((s) => ({
      users: s.users.filter((u) => u.AppInstanceUserArn !== arn),
      selectedUserArn: s.selectedUserArn === arn ? undefined : s.selectedUserArn,
    }));
  },
});

/** The user id is the last path segment of the user's ARN. */
export function userIdOf(arn: string | undefined): string {
  if (!arn) return '';
  const at = arn.lastIndexOf('/user/');
  return at < 0 ? arn : arn.slice(at + '/user/'.length);
}

export function filterUsers(users: readonly UserSummary[], filter: string): readonly UserSummary[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return users;
  return users.filter(
    (u) =>
      (u.Name ?? '').toLowerCase().includes(needle) ||
      userIdOf(u.AppInstanceUserArn).toLowerCase().includes(needle) ||
      (u.AppInstanceUserArn ?? '').toLowerCase().includes(needle),
  );
}
