/** AppInstances: create, describe, list, update, delete (with cascade). */
import { randomUUID } from 'node:crypto';
import type {
  CreateAppInstanceRequest,
  DeleteAppInstanceRequest,
  DescribeAppInstanceRequest,
  ListAppInstancesRequest,
  UpdateAppInstanceRequest,
} from '@aws-sdk/client-chime-sdk-identity';
import { newAppInstance, type AppInstanceRecord } from '../state';
import { appInstanceArn, requireAppInstance, seconds, tagsFrom, type Handler, type HandlerContext } from './context';

const toWire = (r: AppInstanceRecord) => ({
  AppInstanceArn: r.arn,
  Name: r.name,
  Metadata: r.metadata,
  CreatedTimestamp: seconds(r.created),
  LastUpdatedTimestamp: seconds(r.updated),
});

const CreateAppInstance: Handler = (input: CreateAppInstanceRequest, ctx: HandlerContext) =>
  ctx.idempotency.run('CreateAppInstance', { ...input }, () => {
    const id = randomUUID();
    const now = ctx.now();
    const record = newAppInstance({
      id,
      arn: appInstanceArn(ctx.region, id),
      name: input.Name ?? '',
      metadata: input.Metadata,
      created: now,
      updated: now,
      tags: tagsFrom(input.Tags),
    });
    ctx.state.addAppInstance(record);
    return { result: { AppInstanceArn: record.arn }, resource: `appInstance:${record.arn}` };
  });

const DescribeAppInstance: Handler = (input: DescribeAppInstanceRequest, ctx: HandlerContext) => ({
  AppInstance: toWire(requireAppInstance(ctx, input.AppInstanceArn ?? '')),
});

const ListAppInstances: Handler = (input: ListAppInstancesRequest, ctx: HandlerContext) => {
  const { items, NextToken } = ctx.pages.page(ctx.state.appInstances, 'app-instances', input);
  return { AppInstances: items.map((r) => ({ AppInstanceArn: r.arn, Name: r.name, Metadata: r.metadata })), NextToken };
};

const UpdateAppInstance: Handler = (input: UpdateAppInstanceRequest, ctx: HandlerContext) => {
  const record = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  record.name = input.Name ?? record.name;
  record.metadata = input.Metadata;
  record.updated = ctx.now();
  return { AppInstanceArn: record.arn };
};

const DeleteAppInstance: Handler = (input: DeleteAppInstanceRequest, ctx: HandlerContext) => {
  ctx.state.deleteAppInstance(requireAppInstance(ctx, input.AppInstanceArn ?? ''));
  return undefined;
};

export const appInstanceHandlers = {
  CreateAppInstance,
  DescribeAppInstance,
  ListAppInstances,
  UpdateAppInstance,
  DeleteAppInstance,
};
