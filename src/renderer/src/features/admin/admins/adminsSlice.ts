import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import type { Result } from '../../../../../shared/errors';
import { loadInto, type Resource } from '../../../store/resource';
import type { Collected } from '../../../../../shared/chime/paging';
import { listAll } from '../../pages/listAll';
import type { AdminDetail, AdminSummary } from '../chimeModels';

export interface AdminsSlice {
  /** Keyed by the AppInstance ARN. */
  readonly admins?: Resource<Collected<AdminSummary>>;
  readonly adminDetail?: Resource<AdminDetail | undefined>;
  loadAdmins(appInstanceArn: string): Promise<void>;
  describeAdmin(appInstanceArn: string, adminArn: string): Promise<void>;
  closeAdminDetail(): void;
  promoteAdmin(appInstanceArn: string, adminArn: string): Promise<Result<unknown>>;
  demoteAdmin(appInstanceArn: string, adminArn: string): Promise<Result<unknown>>;
}

export const createAdminsSlice: SliceCreator<AdminsSlice> = (set, get) => ({
  async loadAdmins(appInstanceArn) {
    await loadInto(
      appInstanceArn,
      () => listAllAdmins(appInstanceArn),
      () => get().admins,
      (admins) => set({ admins }),
    );
  },

  async describeAdmin(appInstanceArn, adminArn) {
    await loadInto(
      adminArn,
      async () => {
        const input = { AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn };
        const result = await getApi()['chime:DescribeAppInstanceAdmin'](input);
        return result.ok ? { ok: true, value: result.value.AppInstanceAdmin } : result;
      },
      () => get().adminDetail,
      (adminDetail) => set({ adminDetail }),
    );
  },

  closeAdminDetail: () => set({ adminDetail: undefined }),

  async promoteAdmin(appInstanceArn, adminArn) {
    const result = await getApi()['chime:CreateAppInstanceAdmin']({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn });
    if (result.ok) await get().loadAdmins(appInstanceArn);
    return result;
  },

  async demoteAdmin(appInstanceArn, adminArn) {
    const result = await getApi()['chime:DeleteAppInstanceAdmin']({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn });
    if (result.ok) {
      if (get().adminDetail?.key === adminArn) set({ adminDetail: undefined });
      await get().loadAdmins(appInstanceArn);
    }
    return result;
  },
});

export function listAllAdmins(appInstanceArn: string, maxPages?: number) {
  return listAll('ListAppInstanceAdmins', { AppInstanceArn: appInstanceArn }, maxPages);
}
