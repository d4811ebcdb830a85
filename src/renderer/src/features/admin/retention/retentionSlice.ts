import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import type { Result } from '../../../../../shared/errors';
import { loadInto, type Resource } from '../../../store/resource';
import type { Retention } from '../chimeModels';

export interface RetentionSlice {
  /** Keyed by the AppInstance ARN. */
  readonly retention?: Resource<Retention>;
  loadRetention(appInstanceArn: string): Promise<void>;
  saveRetention(input: Record<string, unknown>): Promise<Result<Retention>>;
}

export const createRetentionSlice: SliceCreator<RetentionSlice> = (set, get) => ({
  async loadRetention(appInstanceArn) {
    await loadInto(
      appInstanceArn,
      () => getApi()['chime:GetAppInstanceRetentionSettings']({ AppInstanceArn: appInstanceArn }),
      () => get().retention,
      (retention) => set({ retention }),
    );
  },

  async saveRetention(input) {
    const result = await getApi()['chime:PutAppInstanceRetentionSettings'](input);
    // The Put response carries the same settings plus the new InitiateDeletionTimestamp.
    if (result.ok && typeof input.AppInstanceArn === 'string') {
      set({ retention: { key: input.AppInstanceArn, loading: false, value: result.value } });
    }
    return result;
  },
});
