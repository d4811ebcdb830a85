/** Admins: promote a user or bot of the same AppInstance, describe, list, demote. */
import type {
  CreateAppInstanceAdminRequest,
  DeleteAppInstanceAdminRequest,
  DescribeAppInstanceAdminRequest,
  ListAppInstanceAdminsRequest,
} from '@aws-sdk/client-chime-sdk-identity';
import { conflict, notFound } from '../../core/errors';
import type { AppInstanceRecord } from '../state';
import { requireAppInstance, seconds, type Handler, type HandlerContext } from './context';

/** The admin's Identity: the user or bot it promotes, named as that member is now. */
function identity(ctx: HandlerContext, instance: AppInstanceRecord, arn: string) {
  const member = ctx.state.user(arn) ?? ctx.state.bot(arn);
  if (!member || member.appInstanceArn !== instance.arn) {
    throw notFound(`${arn} is not an AppInstanceUser or AppInstanceBot of AppInstance ${instance.arn}`);
  }
  return { Arn: arn, Name: member.name };
}

function requireAdmin(ctx: HandlerContext, input: { AppInstanceArn?: string; AppInstanceAdminArn?: string }) {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  const arn = input.AppInstanceAdminArn ?? '';
  const admin = instance.admins.get(arn);
  if (!admin) throw notFound(`${arn} is not an admin of AppInstance ${instance.arn}`);
  return { instance, admin };
}

const CreateAppInstanceAdmin: Handler = (input: CreateAppInstanceAdminRequest, ctx: HandlerContext) => {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  const arn = input.AppInstanceAdminArn ?? '';
  const admin = identity(ctx, instance, arn);
  if (instance.admins.has(arn)) throw conflict(`${arn} is already an admin of AppInstance ${instance.arn}`);
  instance.admins.set(arn, { arn, created: ctx.now() });
  // CreateAppInstanceAdmin answers with an Identity, unlike DescribeAppInstanceAdmin.
  return { AppInstanceAdmin: admin, AppInstanceArn: instance.arn };
};

const DescribeAppInstanceAdmin: Handler = (input: DescribeAppInstanceAdminRequest, ctx: HandlerContext) => {
  const { instance, admin } = requireAdmin(ctx, input);
  return {
    AppInstanceAdmin: {
      Admin: identity(ctx, instance, admin.arn),
      AppInstanceArn: instance.arn,
      CreatedTimestamp: seconds(admin.created),
    },
  };
};

const ListAppInstanceAdmins: Handler = (input: ListAppInstanceAdminsRequest, ctx: HandlerContext) => {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  const { items, NextToken } = ctx.pages.page(instance.admins, `admins:${instance.arn}`, input);
  return {
    AppInstanceArn: instance.arn,
    AppInstanceAdmins: items.map((a) => ({ Admin: identity(ctx, instance, a.arn) })),
    NextToken,
  };
};

/** Demotes only: the user or bot stays. */
const DeleteAppInstanceAdmin: Handler = (input: DeleteAppInstanceAdminRequest, ctx: HandlerContext) => {
  const { instance, admin } = requireAdmin(ctx, input);
  instance.admins.delete(admin.arn);
  return undefined;
};

export const adminHandlers = {
  CreateAppInstanceAdmin,
  DescribeAppInstanceAdmin,
  ListAppInstanceAdmins,
  DeleteAppInstanceAdmin,
};
