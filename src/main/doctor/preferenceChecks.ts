/**
 * Delivery preferences: the user's membership preferences in the test channel
 * (the one the developer names, else the channel tagged
 * `workbench:purpose=push-test` the user is a member of; DESIGN conventions),
 * judged with the shared evaluator (src/shared/push/filterRule.ts) for a
 * message with the given attributes. The check says which channel it used.
 * Calls: 1 with a given channel; else 1 page of memberships per 50 channels +
 * 1 ListTagsForResource per channel until the tagged one is found, + 1.
 */
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import type { CliTarget } from '../../shared/aws/cli';
import type { DoctorCheck } from '../../shared/doctor/report';
import { wouldNotify, type MessageAttributes } from '../../shared/push/filterRule';
import { attempt, cannotCheck, uses, type CallName, type Outcome } from './calls';
import { addMemberCommand, allowNotificationsCommand } from './fixes';

export const PUSH_TEST_TAG = { Key: 'workbench:purpose', Value: 'push-test' } as const;
export const LIST_MEMBERSHIPS: CallName = {
  operation: 'ListChannelMembershipsForAppInstanceUser',
  permission: 'chime:ListChannelMembershipsForAppInstanceUser',
};
export const LIST_TAGS: CallName = { operation: 'ListTagsForResource', permission: 'chime:ListTagsForResource' };
export const GET_PREFERENCES: CallName = {
  operation: 'GetChannelMembershipPreferences',
  permission: 'chime:GetChannelMembershipPreferences',
};

export interface PreferenceContext {
  readonly client: msg.ChimeSDKMessagingClient;
  readonly userArn: string;
  /** The `x-amz-chime-bearer`: the user themself (allowed to read their own preferences) or an AppInstanceAdmin. */
  readonly bearerArn: string;
  readonly channelArn?: string;
  readonly messageAttributes?: MessageAttributes;
  readonly target: CliTarget;
  readonly signal?: AbortSignal;
}

export type ChannelChoice = { readonly arn: string; readonly how: 'given' | 'tagged' };

/** The tagged test channel among the user's memberships, or undefined. */
export async function findTestChannel(ctx: PreferenceContext): Promise<Outcome<string | undefined>> {
  const options = { abortSignal: ctx.signal };
  return attempt(async () => {
    let NextToken: string | undefined;
    do {
      const page = await ctx.client.send(
        new msg.ListChannelMembershipsForAppInstanceUserCommand({
          AppInstanceUserArn: ctx.userArn,
          ChimeBearer: ctx.bearerArn,
          MaxResults: 50,
          NextToken,
        }),
        options,
      );
      for (const m of page.ChannelMemberships ?? []) {
        const arn = m.ChannelSummary?.ChannelArn;
        if (!arn) continue;
        const tags = await ctx.client.send(new msg.ListTagsForResourceCommand({ ResourceARN: arn }), options);
        if ((tags.Tags ?? []).some((t) => t.Key === PUSH_TEST_TAG.Key && t.Value === PUSH_TEST_TAG.Value)) return arn;
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return undefined;
  });
}

export async function preferencesCheck(
  ctx: PreferenceContext,
): Promise<{ check: DoctorCheck; channel?: ChannelChoice }> {
  let channel: ChannelChoice;
  if (ctx.channelArn) {
    channel = { arn: ctx.channelArn, how: 'given' };
  } else {
    const found = await findTestChannel(ctx);
    if (!found.ok)
      return {
        check: cannotCheck(
          'Delivery preferences',
          found.error.code === 'ForbiddenException' ? LIST_MEMBERSHIPS : LIST_TAGS,
          found.error,
          [LIST_MEMBERSHIPS],
        ),
      };
    if (!found.value) {
      return {
        check: {
          name: 'Delivery preferences',
          verdict: 'warning',
          detail: `couldn't check: the user is a member of no channel tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value}; name the channel to check (--channel ARN).`,
          uses: uses(LIST_MEMBERSHIPS, LIST_TAGS),
        },
      };
    }
    channel = { arn: found.value, how: 'tagged' };
  }
  const which =
    channel.how === 'given'
      ? `the channel ${channel.arn}`
      : `the test channel ${channel.arn} (tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value})`;
  const used = channel.how === 'given' ? [GET_PREFERENCES] : [LIST_MEMBERSHIPS, LIST_TAGS, GET_PREFERENCES];
  const got = await attempt(() =>
    ctx.client.send(
      new msg.GetChannelMembershipPreferencesCommand({
        ChannelArn: channel.arn,
        MemberArn: ctx.userArn,
        ChimeBearer: ctx.bearerArn,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!got.ok) {
    if (got.error.code === 'ForbiddenException' && channel.how === 'given') {
      // Refused: either the caller lacks the permission, or the user is no member of that channel. Their own membership list tells which.
      const member = await isMember(ctx, channel.arn);
      if (member.ok && !member.value) return { channel, check: notMember(ctx, channel.arn) };
    }
    const check = cannotCheck('Delivery preferences', GET_PREFERENCES, got.error, used.slice(0, -1));
    return { channel, check: { ...check, detail: `${check.detail} Channel: ${which}.` } };
  }
  const push = got.value.Preferences?.PushNotifications;
  const decision = wouldNotify(push, ctx.messageAttributes);
  const message =
    ctx.messageAttributes && Object.keys(ctx.messageAttributes).length > 0
      ? 'a message with the given attributes'
      : 'a message without attributes';
  if (decision.notify) {
    return {
      channel,
      check: {
        name: 'Delivery preferences',
        verdict: 'pass',
        detail: `In ${which}, ${message} notifies the user: ${decision.reason}.`,
        uses: uses(...used),
      },
    };
  }
  return {
    channel,
    check: {
      name: 'Delivery preferences',
      verdict: 'fail',
      detail: `In ${which}, ${message} does not notify the user: ${decision.reason}${push?.FilterRule ? ` (FilterRule ${push.FilterRule})` : ''}.`,
      fix: {
        text:
          push?.AllowNotifications === 'FILTERED'
            ? 'Send the message with attributes the FilterRule matches, or let the member receive all pushes:'
            : 'Let the member receive all pushes in this channel:',
        commands: [allowNotificationsCommand(channel.arn, ctx.userArn, ctx.target)],
      },
      uses: uses(...used),
    },
  };
}

async function isMember(ctx: PreferenceContext, channelArn: string): Promise<Outcome<boolean>> {
  return attempt(async () => {
    let NextToken: string | undefined;
    do {
      const page = await ctx.client.send(
        new msg.ListChannelMembershipsForAppInstanceUserCommand({
          AppInstanceUserArn: ctx.userArn,
          ChimeBearer: ctx.bearerArn,
          MaxResults: 50,
          NextToken,
        }),
        { abortSignal: ctx.signal },
      );
      if ((page.ChannelMemberships ?? []).some((m) => m.ChannelSummary?.ChannelArn === channelArn)) return true;
      NextToken = page.NextToken;
    } while (NextToken);
    return false;
  });
}

function notMember(ctx: PreferenceContext, channelArn: string): DoctorCheck {
  const moderator = ctx.bearerArn !== ctx.userArn ? ctx.bearerArn : 'MODERATOR_OR_ADMIN_ARN';
  return {
    name: 'Delivery preferences',
    verdict: 'fail',
    detail: `The user is not a member of the channel ${channelArn}: pushes for messages sent there never reach them.`,
    fix: {
      text: `Add the user to the channel (as a moderator of the channel or an AppInstanceAdmin${moderator === 'MODERATOR_OR_ADMIN_ARN' ? ': replace MODERATOR_OR_ADMIN_ARN' : ''}), or check another channel.`,
      commands: [addMemberCommand(channelArn, ctx.userArn, moderator, ctx.target)],
    },
    uses: uses(GET_PREFERENCES, LIST_MEMBERSHIPS),
  };
}
