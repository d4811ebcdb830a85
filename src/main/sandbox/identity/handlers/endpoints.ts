/**
 * User endpoints: register, describe, list, update, deregister. The
 * EndpointState is simulated: ACTIVE at first, then what validation finds
 * (see predictEndpointStatusReason), computed lazily from the clock.
 */
import { randomBytes } from 'node:crypto';
import type {
  DeregisterAppInstanceUserEndpointRequest,
  DescribeAppInstanceUserEndpointRequest,
  ListAppInstanceUserEndpointsRequest,
  RegisterAppInstanceUserEndpointRequest,
  UpdateAppInstanceUserEndpointRequest,
} from '@aws-sdk/client-chime-sdk-identity';
import { predictEndpointStatusReason } from '../../../../shared/chime/deviceTokens';
import type { AllowMessagesValue, EndpointType } from '../../../../shared/chime/shapes';
import { conflict, limitExceeded, notFound, SandboxError } from '../../core/errors';
import { endpointState, type EndpointRecord } from '../state';
import { requireUser, seconds, type Handler, type HandlerContext } from './context';

/**
 * What validation will find once the delay has passed: a malformed token or
 * ARN (shared rules), or a Pinpoint app ARN naming no app of the sandbox's
 * Pinpoint (checked at registration; it shows after the delay like the rest).
 */
export function validationVerdict(
  ctx: Pick<HandlerContext, 'state'>,
  fields: Parameters<typeof predictEndpointStatusReason>[0],
): EndpointRecord['verdict'] {
  const verdict = predictEndpointStatusReason(fields);
  if (verdict) return verdict;
  const exists = ctx.state.pinpointAppExists;
  return exists && !exists(fields.resourceArn) ? 'INVALID_PINPOINT_ARN' : undefined;
}

function requireEndpoint(ctx: HandlerContext, input: { AppInstanceUserArn?: string; EndpointId?: string }) {
  const user = requireUser(ctx, input.AppInstanceUserArn ?? '');
  const endpoint = user.endpoints.get(input.EndpointId ?? '');
  if (!endpoint) throw notFound(`Endpoint ${input.EndpointId} of ${user.arn} does not exist`);
  return { user, endpoint };
}

const summary = (e: EndpointRecord, ctx: HandlerContext) => ({
  AppInstanceUserArn: e.userArn,
  EndpointId: e.id,
  Name: e.name,
  Type: e.type,
  AllowMessages: e.allowMessages,
  EndpointState: endpointState(e, ctx.now(), ctx.validationDelayMs),
});

/**
 * The service also needs `mobiletargeting:GetApp` on the Pinpoint app to register
 * (ForbiddenException without it); `deny=mobiletargeting:GetApp` plays that.
 */
const RegisterAppInstanceUserEndpoint: Handler = (input: RegisterAppInstanceUserEndpointRequest, ctx: HandlerContext) => {
  if (ctx.denies?.('mobiletargeting:GetApp')) {
    throw new SandboxError('ForbiddenException', `Not authorized to perform mobiletargeting:GetApp on ${input.ResourceArn} (sandbox fault injection: deny)`);
  }
  return registerEndpoint(input, ctx);
};

const registerEndpoint = (input: RegisterAppInstanceUserEndpointRequest, ctx: HandlerContext) =>
  ctx.idempotency.run('RegisterAppInstanceUserEndpoint', { ...input }, () => {
    const user = requireUser(ctx, input.AppInstanceUserArn ?? '');
    const deviceToken = input.EndpointAttributes?.DeviceToken ?? '';
    for (const other of user.endpoints.values()) {
      if (other.deviceToken === deviceToken) {
        throw conflict(`The device token is already registered for ${user.arn} as endpoint ${other.id}`);
      }
    }
    if (user.endpoints.size >= ctx.endpointLimit) {
      throw limitExceeded(`${user.arn} already has ${user.endpoints.size} endpoints (limit ${ctx.endpointLimit})`);
    }
    const type = input.Type as EndpointType;
    const resourceArn = input.ResourceArn ?? '';
    const voipDeviceToken = input.EndpointAttributes?.VoipDeviceToken;
    const now = ctx.now();
    const endpoint: EndpointRecord = {
      // Real endpoint ids are opaque; 32 hex characters fit String64.
      id: randomBytes(16).toString('hex'),
      userArn: user.arn,
      name: input.Name,
      type,
      resourceArn,
      deviceToken,
      voipDeviceToken,
      // The model gives no default; ALL is what the console shows for a new endpoint.
      allowMessages: (input.AllowMessages as AllowMessagesValue | undefined) ?? 'ALL',
      created: now,
      updated: now,
      verdict: validationVerdict(ctx, { type, resourceArn, deviceToken, voipDeviceToken }),
    };
    user.endpoints.set(endpoint.id, endpoint);
    return { result: { AppInstanceUserArn: user.arn, EndpointId: endpoint.id }, resource: `endpoint:${user.arn}#${endpoint.id}` };
  });

const DescribeAppInstanceUserEndpoint: Handler = (input: DescribeAppInstanceUserEndpointRequest, ctx: HandlerContext) => {
  const { endpoint: e } = requireEndpoint(ctx, input);
  return {
    AppInstanceUserEndpoint: {
      ...summary(e, ctx),
      ResourceArn: e.resourceArn,
      EndpointAttributes: { DeviceToken: e.deviceToken, VoipDeviceToken: e.voipDeviceToken },
      CreatedTimestamp: seconds(e.created),
      LastUpdatedTimestamp: seconds(e.updated),
    },
  };
};

const ListAppInstanceUserEndpoints: Handler = (input: ListAppInstanceUserEndpointsRequest, ctx: HandlerContext) => {
  const user = requireUser(ctx, input.AppInstanceUserArn ?? '');
  const { items, NextToken } = ctx.pages.page(user.endpoints, `endpoints:${user.arn}`, input);
  return { AppInstanceUserEndpoints: items.map((e) => summary(e, ctx)), NextToken };
};

const UpdateAppInstanceUserEndpoint: Handler = (input: UpdateAppInstanceUserEndpointRequest, ctx: HandlerContext) => {
  const { user, endpoint } = requireEndpoint(ctx, input);
  if (input.Name !== undefined) endpoint.name = input.Name;
  if (input.AllowMessages !== undefined) endpoint.allowMessages = input.AllowMessages as AllowMessagesValue;
  endpoint.updated = ctx.now();
  return { AppInstanceUserArn: user.arn, EndpointId: endpoint.id };
};

const DeregisterAppInstanceUserEndpoint: Handler = (input: DeregisterAppInstanceUserEndpointRequest, ctx: HandlerContext) => {
  const { user, endpoint } = requireEndpoint(ctx, input);
  user.endpoints.delete(endpoint.id);
  return undefined;
};

export const endpointHandlers = {
  RegisterAppInstanceUserEndpoint,
  DescribeAppInstanceUserEndpoint,
  ListAppInstanceUserEndpoints,
  UpdateAppInstanceUserEndpoint,
  DeregisterAppInstanceUserEndpoint,
};
