import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import type { Result } from '../../../../../shared/errors';
import type { Resource } from '../../../store/resource';
import type { Tag } from '../chimeModels';

export interface TagsSlice {
  /** Tags per resource ARN (AppInstance, user or bot), as last listed. */
  readonly tagsByArn: Readonly<Record<string, Resource<readonly Tag[]>>>;
  loadTags(resourceArn: string): Promise<void>;
  addTag(input: Record<string, unknown>): Promise<Result<unknown>>;
  removeTag(resourceArn: string, key: string): Promise<Result<unknown>>;
}

export const createTagsSlice: SliceCreator<TagsSlice> = (set, get) => {
  const write = (arn: string, entry: Resource<readonly Tag[]>) => set((s) => ({ tagsByArn: { ...s.tagsByArn, [arn]: entry } }));
  return {
    tagsByArn: {},

    async loadTags(resourceArn) {
      const previous = get().tagsByArn[resourceArn];
      write(resourceArn, { key: resourceArn, loading: true, ...(previous?.value ? { value: previous.value } : {}) });
      const result = await getApi()['chime:ListTagsForResource']({ ResourceARN: resourceArn });
      write(
        resourceArn,
        result.ok ? { key: resourceArn, loading: false, value: result.value.Tags ?? [] } : { key: resourceArn, loading: false, error: result.error },
      );
    },

    async addTag(input) {
      const result = await getApi()['chime:TagResource'](input);
      if (result.ok && typeof input.ResourceARN === 'string') await get().loadTags(input.ResourceARN);
      return result;
    },

    async removeTag(resourceArn, key) {
      const result = await getApi()['chime:UntagResource']({ ResourceARN: resourceArn, TagKeys: [key] });
      if (result.ok) await get().loadTags(resourceArn);
      return result;
    },
  };
};
