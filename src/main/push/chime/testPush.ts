/**
 * "Send test push" (issue 13): a Chime channel message with a PushNotification
 * through the production path. `planTestPush` looks at what exists and says,
 * in plain words, what `sendTestPush` would create (the sender user, the
 * tagged test channel, the target's membership); `sendTestPush` creates
 * exactly that and sends. Creates carry ClientRequestTokens derived from the
 * plan's nonce, so sending the same plan again after a lost answer does not
 * create twice. A failure after something was created names what now exists.
 *
 * Collaborators: the Identity and Messaging clients (from the app's client factory).
 */
import { randomUUID } from 'node:crypto';
import {
  CreateAppInstanceUserCommand,
  DescribeAppInstanceBotCommand,
  DescribeAppInstanceUserCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import {
  CreateChannelCommand,
  CreateChannelMembershipCommand,
  DescribeChannelCommand,
  DescribeChannelMembershipCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { toValidationIssues } from '../../../shared/chime/schema';
import { WorkbenchCodes, fail, ok, type Result, type WorkbenchError } from '../../../shared/errors';
import {
  PUSH_SENDER_ID,
  PUSH_SENDER_NAME,
  PUSH_TEST_CHANNEL_NAME,
  PUSH_TEST_TAG,
  PUSH_TEST_USER_TAG_KEY,
  ownTestChannelName,
  sendChannelMessageInput,
  testPushMessageSchema,
  testPushPlanSchema,
  type CreatedResource,
  type PlanStep,
  type PlanTestPushInput,
  type TestPushMessage,
  type TestPushPlan,
  type TestPushSent,
} from '../../../shared/push/testPush';

export type { CreatedResource, PlanStep, PlanTestPushInput, TestPushPlan, TestPushSent };
import type { PushClients } from './clients';
import { pushError } from './meaning';
import { getMembershipPreference } from './preferences';
import { countMembers, findTestChannels, userIdOf } from './channels';

export { findTestChannels };

export type { PushClients };

const botOrUser = (arn: string): 'user' | 'bot' => (/:app-instance\/[^/]+\/bot\//.test(arn) ? 'bot' : 'user');
const isCode = (e: unknown, ...codes: string[]) => e instanceof Error && codes.includes(e.name);

async function principalExists(c: PushClients, arn: string): Promise<boolean> {
  try {
    if (botOrUser(arn) === 'bot') await c.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn: arn }));
    else await c.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: arn }));
    return true;
  } catch (e) {
    if (isCode(e, 'NotFoundException')) return false;
    throw e;
  }
}

async function isMember(c: PushClients, channelArn: string, memberArn: string): Promise<boolean> {
  try {
    await c.messaging.send(new DescribeChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: memberArn, ChimeBearer: memberArn }));
    return true;
  } catch (e) {
    // A non-member cannot see a PRIVATE channel (Forbidden) or is not found in it.
    if (isCode(e, 'NotFoundException', 'ForbiddenException')) return false;
    throw e;
  }
}

export { principalExists };

export async function planTestPush(clients: PushClients, input: PlanTestPushInput): Promise<Result<TestPushPlan>> {
  const { appInstanceArn, userArn } = input;
  if (!userArn.startsWith(`${appInstanceArn}/user/`)) {
    return fail({ code: WorkbenchCodes.InvalidInput, message: `${userArn} is not a user of ${appInstanceArn}`, retryable: false });
  }
  try {
    if (!(await principalExists(clients, userArn))) return fail({ code: 'NotFoundException', message: `The user ${userArn} does not exist`, retryable: false });
    const senderArn = input.senderArn ?? `${appInstanceArn}/user/${PUSH_SENDER_ID}`;
    const senderKind = botOrUser(senderArn);
    const senderExists = await principalExists(clients, senderArn);
    if (input.senderArn && !senderExists) {
      return fail({ code: 'NotFoundException', message: `The sender ${senderArn} does not exist; pick an existing user or bot, or leave it empty to use ${PUSH_SENDER_ID}`, retryable: false });
    }
    const steps: PlanStep[] = [];
    const summary: string[] = [];
    const warnings: string[] = [];
    if (senderExists) summary.push(`Sender: ${senderArn} (exists).`);
    else {
      const text = `Create the AppInstanceUser "${PUSH_SENDER_ID}" (${senderArn}) to send the test push.`;
      steps.push({ kind: 'createSender', senderArn, text });
      summary.push(text);
    }

    let channel: TestPushPlan['channel'];
    let targetPreference: TestPushPlan['targetPreference'];
    if (input.channelArn) {
      const bearer = senderExists ? senderArn : userArn;
      const d = await clients.messaging.send(new DescribeChannelCommand({ ChannelArn: input.channelArn, ChimeBearer: bearer })).catch((e: unknown) => {
        if (isCode(e, 'ForbiddenException')) return undefined; // private and the bearer is no member: still usable by its members
        throw e;
      });
      channel = { arn: input.channelArn, name: d?.Channel?.Name ?? input.channelArn, exists: true, chosen: 'given' };
    } else {
      const bearers = senderExists ? [senderArn, userArn] : [userArn];
      const own = input.ownChannel === true;
      const [found] = await findTestChannels(clients, appInstanceArn, bearers, { first: true, owner: own ? { kind: 'own', userArn } : { kind: 'shared' } });
      const name = own ? ownTestChannelName(userIdOf(userArn)) : PUSH_TEST_CHANNEL_NAME;
      channel = found
        ? { arn: found, name, exists: true, chosen: own ? 'own' : 'tag' }
        : { name, exists: false, chosen: own ? 'create-own' : 'create' };
    }

    const channelArn = channel.arn;
    if (channelArn) {
      const memberCount = await countMembers(clients, channelArn, senderExists ? [senderArn, userArn] : [userArn]);
      if (memberCount !== undefined) channel = { ...channel, memberCount };
      const how =
        channel.chosen === 'tag'
          ? `the shared test channel, found by its tag ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value}`
          : channel.chosen === 'own'
            ? `${userArn}'s own test channel, found by its tags`
            : 'chosen';
      summary.push(`Channel: "${channel.name}" (${channelArn}, ${how}${memberCount === undefined ? '' : `, ${memberCount} member${memberCount === 1 ? '' : 's'}`}).`);
      if (!senderExists) {
        warnings.push(`The new sender ${PUSH_SENDER_ID} will not be a member of this existing channel, so the service will refuse the send; pick a member of it as sender, or leave the channel empty to use the test channel.`);
      } else if (!(await isMember(clients, channelArn, senderArn))) {
        warnings.push(`The sender ${senderArn} is not a member of the channel, so the service will refuse the send; pick a member as sender, or another channel.`);
      }
      if (!(await isMember(clients, channelArn, userArn))) {
        const text = `Add ${userArn} as a member of "${channel.name}" so the push reaches them.`;
        steps.push({ kind: 'addMember', memberArn: userArn, text });
        summary.push(text);
      } else {
        const pref = await getMembershipPreference(clients, { channelArn, memberArn: userArn });
        if (pref.ok) targetPreference = pref.value;
        summary.push(`${userArn} is already a member (push preference: ${targetPreference?.mode ?? 'unknown'}).`);
      }
    } else if (channel.chosen === 'create-own') {
      const text = `Create the channel "${channel.name}" (private, restricted, tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value} and ${PUSH_TEST_USER_TAG_KEY}=${userIdOf(userArn)}) whose only members are the sender (moderator) and ${userArn}.`;
      steps.push({ kind: 'createChannel', text });
      summary.push(text);
    } else {
      const text = `Create the channel "${PUSH_TEST_CHANNEL_NAME}" (private, restricted, tagged ${PUSH_TEST_TAG.Key}=${PUSH_TEST_TAG.Value}) with the sender as moderator and ${userArn} as member.`;
      steps.push({ kind: 'createChannel', text });
      summary.push(text);
    }
    if (steps.length === 0) summary.push('Nothing will be created.');
    return ok({
      appInstanceArn,
      userArn,
      nonce: randomUUID(),
      sender: { arn: senderArn, kind: senderKind, exists: senderExists, chosen: input.senderArn ? 'given' : 'default' },
      channel,
      steps,
      ...(targetPreference && { targetPreference }),
      summary,
      warnings,
    });
  } catch (e) {
    return fail(pushError(e, 'plan'));
  }
}

export interface SendTestPushInput extends TestPushMessage {
  readonly plan: TestPushPlan;
  /** Idempotency of the send itself; default: a fresh one per call (the SDK reuses it on its retries). */
  readonly clientRequestToken?: string;
}

/** A failed send: the error, and what the send created before it failed (still there). */
export interface TestPushFailure extends WorkbenchError {
  readonly created: readonly CreatedResource[];
  readonly channelArn?: string;
}

export type SendTestPushResult = { readonly ok: true; readonly value: TestPushSent } | { readonly ok: false; readonly error: TestPushFailure };

const token = (nonce: string, what: string) => `${nonce}-${what}`;

export async function sendTestPush(clients: PushClients, input: SendTestPushInput): Promise<SendTestPushResult> {
  const created: CreatedResource[] = [];
  // Limits first: nothing is created for a message the service would refuse.
  const message = testPushMessageSchema.safeParse({ title: input.title, body: input.body, pushType: input.pushType, messageAttributes: input.messageAttributes });
  if (!message.success) {
    const issues = toValidationIssues(message.error);
    return { ok: false, error: { code: WorkbenchCodes.InvalidInput, message: issues.map((i) => i.message).join('; '), retryable: false, issues, created } };
  }
  const checked = testPushPlanSchema.safeParse(input.plan);
  if (!checked.success) {
    return { ok: false, error: { code: WorkbenchCodes.InvalidInput, message: `Not a plan this workbench made: ${checked.error.issues.map((i) => i.message).join('; ')}`, retryable: false, issues: toValidationIssues(checked.error), created } };
  }
  const plan = checked.data;
  const senderArn = plan.sender.arn;
  let channelArn = plan.channel.arn;
  let step: 'createSender' | 'createChannel' | 'addMember' | 'send' = 'createSender';
  try {
    for (const s of plan.steps) {
      step = s.kind;
      if (s.kind === 'createSender') {
        const userId = s.senderArn.slice(s.senderArn.lastIndexOf('/') + 1);
        const r = await clients.identity.send(
          new CreateAppInstanceUserCommand({ AppInstanceArn: plan.appInstanceArn, AppInstanceUserId: userId, Name: PUSH_SENDER_NAME, ClientRequestToken: token(plan.nonce, 'sender') }),
        );
        created.push({ kind: 'sender', arn: r.AppInstanceUserArn ?? s.senderArn, text: `the sender user ${userId}` });
      } else if (s.kind === 'createChannel') {
        // The name and tags follow the conventions, whatever name the plan carries (it came back from the renderer).
        const own = plan.channel.chosen === 'create-own';
        const name = own ? ownTestChannelName(userIdOf(plan.userArn)) : PUSH_TEST_CHANNEL_NAME;
        const r = await clients.messaging.send(
          new CreateChannelCommand({
            AppInstanceArn: plan.appInstanceArn,
            Name: name,
            Mode: 'RESTRICTED',
            Privacy: 'PRIVATE',
            ChimeBearer: senderArn,
            MemberArns: [plan.userArn],
            Tags: [{ ...PUSH_TEST_TAG }, ...(own ? [{ Key: PUSH_TEST_USER_TAG_KEY, Value: userIdOf(plan.userArn) }] : [])],
            ClientRequestToken: token(plan.nonce, 'channel'),
          }),
        );
        channelArn = r.ChannelArn ?? '';
        created.push({ kind: 'channel', arn: channelArn, text: `the channel "${name}" with ${plan.userArn} as member` });
      } else {
        if (!channelArn) throw new Error('plan has a membership to add but no channel');
        // CreateChannelMembership has no ClientRequestToken; adding a member twice is harmless.
        await clients.messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: s.memberArn, Type: 'DEFAULT', ChimeBearer: senderArn }));
        created.push({ kind: 'membership', arn: `${channelArn}/memberships/${s.memberArn}`, text: `${s.memberArn}'s membership of the channel` });
      }
    }
    step = 'send';
    if (!channelArn) throw new Error('plan has no channel');
    const r = await clients.messaging.send(new SendChannelMessageCommand(sendChannelMessageInput(channelArn, senderArn, message.data, input.clientRequestToken ?? randomUUID())));
    return { ok: true, value: { messageId: r.MessageId ?? '', channelArn, senderArn, created } };
  } catch (e) {
    const error = pushError(e, step);
    const left = created.length ? ` Already created and still there: ${created.map((c) => c.text).join('; ')}.` : '';
    return { ok: false, error: { ...error, message: `${error.message}${left}`, created, ...(channelArn && { channelArn }) } };
  }
}
