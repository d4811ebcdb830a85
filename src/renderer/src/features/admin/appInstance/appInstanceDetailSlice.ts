import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import type { Result } from '../../../../../shared/errors';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { loadInto, type Resource } from '../../../store/resource';
import type { AppInstance } from '../chimeModels';

export interface AppInstanceDetailSlice {
  readonly appInstanceDetail?: Resource<AppInstance | undefined>;
  describeAppInstance(arn: string): Promise<void>;
  /** UpdateAppInstance, then the describe and the picker's list are refreshed so the new name shows everywhere. */
  updateAppInstance(input: Record<string, unknown>): Promise<Result<ChimeOutput<'UpdateAppInstance'>>>;
}

export const createAppInstanceDetailSlice: SliceCreator<AppInstanceDetailSlice> = (set, get) => ({
  async describeAppInstance(arn) {
    await loadInto(
      arn,
      async () => {
        const result = await getApi()['chime:DescribeAppInstance']({ AppInstanceArn: arn });
        return result.ok ? { ok: true, value: result.value.AppInstance } : result;
      },
      () => get().appInstanceDetail,
      (appInstanceDetail) => set({ appInstanceDetail }),
    );
  },

  async updateAppInstance(input) {
    const result = await getApi()['chime:UpdateAppInstance'](input);
    if (result.ok && typeof input.AppInstanceArn === 'string') {
      void get().describeAppInstance(input.AppInstanceArn);
      void get().loadAppInstances();
    }
    return result;
  },
});
