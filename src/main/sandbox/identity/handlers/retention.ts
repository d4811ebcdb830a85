/** AppInstance retention settings: get, put. */
import type { GetAppInstanceRetentionSettingsRequest, PutAppInstanceRetentionSettingsRequest } from '@aws-sdk/client-chime-sdk-identity';
import type { AppInstanceRecord } from '../state';
import { requireAppInstance, seconds, type Handler, type HandlerContext } from './context';

const toWire = (instance: AppInstanceRecord) => ({
  // Never set: an empty settings object, as the service has nothing to report.
  AppInstanceRetentionSettings: instance.retention?.settings ?? {},
  InitiateDeletionTimestamp: instance.retention ? seconds(instance.retention.initiated) : undefined,
});

const GetAppInstanceRetentionSettings: Handler = (input: GetAppInstanceRetentionSettingsRequest, ctx: HandlerContext) =>
  toWire(requireAppInstance(ctx, input.AppInstanceArn ?? ''));

/** InitiateDeletionTimestamp: when messages older than the retention start being deleted, i.e. now. */
const PutAppInstanceRetentionSettings: Handler = (input: PutAppInstanceRetentionSettingsRequest, ctx: HandlerContext) => {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  instance.retention = { settings: { ...input.AppInstanceRetentionSettings }, initiated: ctx.now() };
  return toWire(instance);
};

export const retentionHandlers = { GetAppInstanceRetentionSettings, PutAppInstanceRetentionSettings };
