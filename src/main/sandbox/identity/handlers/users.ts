/** AppInstanceUsers: create, describe, list, update, delete (with endpoints), expiration settings. */
import type {
  CreateAppInstanceUserRequest,
  DeleteAppInstanceUserRequest,
  DescribeAppInstanceUserRequest,
  ListAppInstanceUsersRequest,
  PutAppInstanceUserExpirationSettingsRequest,
  UpdateAppInstanceUserRequest,
} from '@aws-sdk/client-chime-sdk-identity';
import { conflict } from '../../core/errors';
import { newUser, type ExpirationSettingsRecord, type UserRecord } from '../state';
import { requireAppInstance, requireUser, seconds, tagsFrom, userArn, type Handler, type HandlerContext } from './context';

const toWire = (u: UserRecord) => ({
  AppInstanceUserArn: u.arn,
  Name: u.name,
  Metadata: u.metadata,
  CreatedTimestamp: seconds(u.created),
  LastUpdatedTimestamp: seconds(u.updated),
  ExpirationSettings: u.expiration,
});

const expiration = (s: { ExpirationDays?: number; ExpirationCriterion?: string } | undefined): ExpirationSettingsRecord | undefined =>
  s ? { ExpirationDays: s.ExpirationDays ?? 0, ExpirationCriterion: s.ExpirationCriterion ?? '' } : undefined;

const CreateAppInstanceUser: Handler = (input: CreateAppInstanceUserRequest, ctx: HandlerContext) =>
  ctx.idempotency.run('CreateAppInstanceUser', { ...input }, () => {
    const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
    const userId = input.AppInstanceUserId ?? '';
    if (instance.users.has(userId)) {
      throw conflict(`AppInstanceUser ${userId} already exists in AppInstance ${instance.arn}`);
    }
    const now = ctx.now();
    const user = newUser({
      arn: userArn(instance.arn, userId),
      appInstanceArn: instance.arn,
      userId,
      name: input.Name ?? '',
      metadata: input.Metadata,
      created: now,
      updated: now,
      expiration: expiration(input.ExpirationSettings),
      tags: tagsFrom(input.Tags),
    });
    ctx.state.addUser(instance, user);
    return { result: { AppInstanceUserArn: user.arn }, resource: `user:${user.arn}` };
  });

const DescribeAppInstanceUser: Handler = (input: DescribeAppInstanceUserRequest, ctx: HandlerContext) => ({
  AppInstanceUser: toWire(requireUser(ctx, input.AppInstanceUserArn ?? '')),
});

const ListAppInstanceUsers: Handler = (input: ListAppInstanceUsersRequest, ctx: HandlerContext) => {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  const { items, NextToken } = ctx.pages.page(instance.users, `users:${instance.arn}`, input);
  return {
    AppInstanceArn: instance.arn,
    AppInstanceUsers: items.map((u) => ({ AppInstanceUserArn: u.arn, Name: u.name, Metadata: u.metadata })),
    NextToken,
  };
};

const UpdateAppInstanceUser: Handler = (input: UpdateAppInstanceUserRequest, ctx: HandlerContext) => {
  const user = requireUser(ctx, input.AppInstanceUserArn ?? '');
  user.name = input.Name ?? user.name;
  user.metadata = input.Metadata;
  user.updated = ctx.now();
  return { AppInstanceUserArn: user.arn };
};

const DeleteAppInstanceUser: Handler = (input: DeleteAppInstanceUserRequest, ctx: HandlerContext) => {
  ctx.state.deleteUser(requireUser(ctx, input.AppInstanceUserArn ?? ''));
  return undefined;
};

/** Without ExpirationSettings the expiration is cleared (the model leaves this open; it is the natural reading). */
const PutAppInstanceUserExpirationSettings: Handler = (input: PutAppInstanceUserExpirationSettingsRequest, ctx: HandlerContext) => {
  const user = requireUser(ctx, input.AppInstanceUserArn ?? '');
  user.expiration = expiration(input.ExpirationSettings);
  user.updated = ctx.now();
  return { AppInstanceUserArn: user.arn, ExpirationSettings: user.expiration };
};

export const userHandlers = {
  CreateAppInstanceUser,
  DescribeAppInstanceUser,
  ListAppInstanceUsers,
  UpdateAppInstanceUser,
  DeleteAppInstanceUser,
  PutAppInstanceUserExpirationSettings,
};
