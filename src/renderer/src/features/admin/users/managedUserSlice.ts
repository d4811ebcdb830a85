import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import { loadInto, type Resource } from '../../../store/resource';
import type { AppInstanceUser } from '../chimeModels';

export interface ManagedUserSlice {
  readonly managedUser?: Resource<AppInstanceUser | undefined>;
  describeManagedUser(arn: string): Promise<void>;
}

export const createManagedUserSlice: SliceCreator<ManagedUserSlice> = (set, get) => ({
  async describeManagedUser(arn) {
    await loadInto(
      arn,
      async () => {
        const result = await getApi()['chime:DescribeAppInstanceUser']({ AppInstanceUserArn: arn });
        return result.ok ? { ok: true, value: result.value.AppInstanceUser } : result;
      },
      () => get().managedUser,
      (managedUser) => set({ managedUser }),
    );
  },
});
