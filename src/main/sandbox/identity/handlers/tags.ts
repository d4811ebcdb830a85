/** Tags on AppInstances, AppInstanceUsers and AppInstanceBots: tag, untag, list. */
import type { ListTagsForResourceRequest, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-chime-sdk-identity';
import { limitExceeded, notFound } from '../../core/errors';
import { tagsToWire, type Handler, type HandlerContext } from './context';

/** The service allows 50 tags per resource, the same as the TagList limit. */
export const MAX_TAGS_PER_RESOURCE = 50;

function requireTaggable(ctx: HandlerContext, arn: string) {
  const resource = ctx.state.taggable(arn);
  if (!resource) throw notFound(`Resource ${arn} does not exist`);
  return resource;
}

const TagResource: Handler = (input: TagResourceRequest, ctx: HandlerContext) => {
  const { tags } = requireTaggable(ctx, input.ResourceARN ?? '');
  const merged = new Map(tags);
  for (const t of input.Tags ?? []) merged.set(t.Key ?? '', t.Value ?? '');
  if (merged.size > MAX_TAGS_PER_RESOURCE) {
    throw limitExceeded(`${input.ResourceARN} would have ${merged.size} tags (limit ${MAX_TAGS_PER_RESOURCE})`);
  }
  for (const [k, v] of merged) tags.set(k, v);
  return undefined;
};

const UntagResource: Handler = (input: UntagResourceRequest, ctx: HandlerContext) => {
  const { tags } = requireTaggable(ctx, input.ResourceARN ?? '');
  for (const key of input.TagKeys ?? []) tags.delete(key);
  return undefined;
};

const ListTagsForResource: Handler = (input: ListTagsForResourceRequest, ctx: HandlerContext) => ({
  Tags: tagsToWire(requireTaggable(ctx, input.ResourceARN ?? '').tags),
});

export const tagHandlers = { TagResource, UntagResource, ListTagsForResource };
