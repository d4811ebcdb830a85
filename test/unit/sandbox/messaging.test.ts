/** Chime SDK Messaging through the real @aws-sdk/client-chime-sdk-messaging client. */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SANDBOX_CREDENTIALS, type ChannelMessageEvent } from '../../../src/main/sandbox';
import { rejectionOf, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox;
let m: msg.ChimeSDKMessagingClient;
let instance = '';
let alice = '';
let bob = '';
let carol = '';
let events: ChannelMessageEvent[] = [];

beforeEach(async () => {
  events = [];
  t = await startTestSandbox({ onChannelMessage: (e) => events.push(e) });
  m = new msg.ChimeSDKMessagingClient({ endpoint: t.sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
  instance = (await t.client.send(new id.CreateAppInstanceCommand({ Name: 'Chat' }))).AppInstanceArn ?? '';
  const user = async (u: string) => (await t.client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: instance, AppInstanceUserId: u, Name: u.toUpperCase() }))).AppInstanceUserArn ?? '';
  [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
});
afterEach(async () => {
  m.destroy();
  await t.close();
});

const channel = async (extra: Partial<msg.CreateChannelCommandInput> = {}) =>
  (await m.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'Room', ChimeBearer: alice, ...extra }))).ChannelArn ?? '';
const send = (ChannelArn: string, ChimeBearer: string, extra: Partial<msg.SendChannelMessageCommandInput> = {}) =>
  m.send(new msg.SendChannelMessageCommand({ ChannelArn, ChimeBearer, Content: 'hello', Type: 'STANDARD', Persistence: 'PERSISTENT', ...extra }));

test('channels: create (201, creator is a member), describe with epoch-second timestamps, update, list, delete (204)', async () => {
  const before = Date.now() / 1000;
  const arn = await channel({ Metadata: 'm', Tags: [{ Key: 'k', Value: 'v' }] });
  expect(arn).toMatch(new RegExp(`^${instance}/channel/[0-9a-f]{64}$`));
  const { Channel } = await m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: alice }));
  expect(Channel).toMatchObject({ Name: 'Room', Mode: 'UNRESTRICTED', Privacy: 'PUBLIC', Metadata: 'm', CreatedBy: { Arn: alice, Name: 'ALICE' } });
  expect(Channel?.CreatedTimestamp?.getTime()).toBeGreaterThanOrEqual(Math.floor(before) * 1000);
  expect((await m.send(new msg.ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: alice }))).ChannelMemberships?.map((x) => x.Member?.Arn)).toEqual([alice]);
  await m.send(new msg.UpdateChannelCommand({ ChannelArn: arn, ChimeBearer: alice, Name: 'Renamed', Mode: 'RESTRICTED' }));
  expect((await m.send(new msg.ListChannelsCommand({ AppInstanceArn: instance, ChimeBearer: bob }))).Channels).toEqual([
    expect.objectContaining({ ChannelArn: arn, Name: 'Renamed', Mode: 'RESTRICTED' }),
  ]);
  // A non-moderator cannot update or delete.
  expect(await rejectionOf(m.send(new msg.UpdateChannelCommand({ ChannelArn: arn, ChimeBearer: bob, Name: 'x' })))).toBeInstanceOf(msg.ForbiddenException);
  const deleted = await m.send(new msg.DeleteChannelCommand({ ChannelArn: arn, ChimeBearer: alice }));
  expect(deleted.$metadata.httpStatusCode).toBe(204);
  expect(await rejectionOf(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: alice })))).toBeInstanceOf(msg.NotFoundException);
});

test('the bearer is required and must belong to the AppInstance', async () => {
  const arn = await channel();
  // No header at all: the server refuses it too (a raw request, since the SDK requires the member).
  const raw = await fetch(`${t.sandbox.url}/channels/${encodeURIComponent(arn)}`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=X/20240101/us-east-1/chime/aws4_request, SignedHeaders=host, Signature=00' } });
  expect([raw.status, raw.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
  expect(await raw.text()).toMatch(/ChimeBearer.*must not be null/);
  const other = (await t.client.send(new id.CreateAppInstanceCommand({ Name: 'Other' }))).AppInstanceArn ?? '';
  const stranger = (await t.client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: other, AppInstanceUserId: 'x', Name: 'X' }))).AppInstanceUserArn ?? '';
  expect(await rejectionOf(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: stranger })))).toBeInstanceOf(msg.ForbiddenException);
  expect(await rejectionOf(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: `${instance}/user/ghost` })))).toBeInstanceOf(msg.ForbiddenException);
  // A bot of the AppInstance is a valid bearer.
  const bot = (await t.client.send(new id.CreateAppInstanceBotCommand({ AppInstanceArn: instance, Name: 'Bot', Configuration: { Lex: { LexBotAliasArn: 'arn:aws:lex:us-east-1:000000000000:bot-alias/AAAAAAAAAA/BBBBBBBBBB', LocaleId: 'en_US', WelcomeIntent: 'Hi' } } }))).AppInstanceBotArn ?? '';
  await expect(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: bot }))).resolves.toBeDefined();
});

test('memberships: add, describe, conflict, restricted and private rules, list for a user, delete', async () => {
  const arn = await channel();
  const added = await m.send(new msg.CreateChannelMembershipCommand({ ChannelArn: arn, MemberArn: bob, Type: 'DEFAULT', ChimeBearer: alice }));
  expect([added.$metadata.httpStatusCode, added.Member?.Arn]).toEqual([201, bob]);
  expect(await rejectionOf(m.send(new msg.CreateChannelMembershipCommand({ ChannelArn: arn, MemberArn: bob, Type: 'DEFAULT', ChimeBearer: alice })))).toBeInstanceOf(msg.ConflictException);
  const { ChannelMembership } = await m.send(new msg.DescribeChannelMembershipCommand({ ChannelArn: arn, MemberArn: bob, ChimeBearer: bob }));
  expect(ChannelMembership).toMatchObject({ Type: 'DEFAULT', Member: { Arn: bob, Name: 'BOB' }, InvitedBy: { Arn: alice } });
  expect(await rejectionOf(m.send(new msg.DescribeChannelMembershipCommand({ ChannelArn: arn, MemberArn: carol, ChimeBearer: alice })))).toBeInstanceOf(msg.NotFoundException);
  expect(await rejectionOf(m.send(new msg.CreateChannelMembershipCommand({ ChannelArn: arn, MemberArn: `${instance}/user/ghost`, Type: 'DEFAULT', ChimeBearer: alice })))).toBeInstanceOf(msg.NotFoundException);

  const restricted = await channel({ Mode: 'RESTRICTED', Privacy: 'PRIVATE', MemberArns: [bob] });
  // A plain member of a RESTRICTED channel cannot add; a non-member cannot see a PRIVATE one.
  expect(await rejectionOf(m.send(new msg.CreateChannelMembershipCommand({ ChannelArn: restricted, MemberArn: carol, Type: 'DEFAULT', ChimeBearer: bob })))).toBeInstanceOf(msg.ForbiddenException);
  expect(await rejectionOf(m.send(new msg.DescribeChannelCommand({ ChannelArn: restricted, ChimeBearer: carol })))).toBeInstanceOf(msg.ForbiddenException);
  // Anyone may join a PUBLIC UNRESTRICTED channel themselves, but not add others.
  await m.send(new msg.CreateChannelMembershipCommand({ ChannelArn: arn, MemberArn: carol, Type: 'DEFAULT', ChimeBearer: carol }));

  const mine = await m.send(new msg.ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: bob }));
  expect(mine.ChannelMemberships?.map((x) => x.ChannelSummary?.ChannelArn).sort()).toEqual([arn, restricted].sort());
  expect(await rejectionOf(m.send(new msg.ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: carol, AppInstanceUserArn: bob })))).toBeInstanceOf(msg.ForbiddenException);

  expect(await rejectionOf(m.send(new msg.DeleteChannelMembershipCommand({ ChannelArn: arn, MemberArn: alice, ChimeBearer: bob })))).toBeInstanceOf(msg.ForbiddenException);
  await m.send(new msg.DeleteChannelMembershipCommand({ ChannelArn: arn, MemberArn: bob, ChimeBearer: bob }));
  expect((await m.send(new msg.ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: alice }))).ChannelMemberships?.map((x) => x.Member?.Arn).sort()).toEqual([alice, carol].sort());
});

test('preferences: ALL/NONE/FILTERED round trip; FilterRule checked against the documented limits; member only', async () => {
  const arn = await channel({ MemberArns: [bob] });
  const put = (Preferences: msg.ChannelMembershipPreferences, bearer = bob) =>
    m.send(new msg.PutChannelMembershipPreferencesCommand({ ChannelArn: arn, MemberArn: bob, ChimeBearer: bearer, Preferences }));
  const rule = JSON.stringify({ mention: ['bob'] });
  expect((await put({ PushNotifications: { AllowNotifications: 'FILTERED', FilterRule: rule } })).Preferences).toEqual({ PushNotifications: { AllowNotifications: 'FILTERED', FilterRule: rule } });
  expect((await m.send(new msg.GetChannelMembershipPreferencesCommand({ ChannelArn: arn, MemberArn: bob, ChimeBearer: bob }))).Preferences?.PushNotifications?.AllowNotifications).toBe('FILTERED');
  await put({ PushNotifications: { AllowNotifications: 'NONE' } });
  for (const bad of [
    { AllowNotifications: 'FILTERED' },
    { AllowNotifications: 'FILTERED', FilterRule: '{"mention":' },
    { AllowNotifications: 'FILTERED', FilterRule: JSON.stringify({ $or: Array.from({ length: 6 }, (_, i) => ({ [`k${i}`]: ['v'] })) }) },
    { AllowNotifications: 'FILTERED', FilterRule: JSON.stringify({ k: ['x'.repeat(2100)] }) },
    { AllowNotifications: 'ALL', FilterRule: rule },
    { AllowNotifications: 'SOME' },
  ]) {
    expect(await rejectionOf(put({ PushNotifications: bad as msg.PushNotificationPreferences }))).toBeInstanceOf(msg.BadRequestException);
  }
  // Carol is no admin and not Bob.
  expect(await rejectionOf(put({ PushNotifications: { AllowNotifications: 'ALL' } }, alice))).toBeInstanceOf(msg.ForbiddenException);
});

test('messages: send (201), idempotent with ClientRequestToken, get, list with NextToken in both orders; non-members cannot send', async () => {
  const arn = await channel({ MemberArns: [bob] });
  const first = await send(arn, alice, { ClientRequestToken: 'msg-token-1', PushNotification: { Title: 'T', Body: 'B', Type: 'DEFAULT' }, MessageAttributes: { mention: { StringValues: ['bob'] } } });
  expect([first.$metadata.httpStatusCode, first.Status?.Value]).toEqual([201, 'SENT']);
  const retry = await send(arn, alice, { ClientRequestToken: 'msg-token-1', PushNotification: { Title: 'T', Body: 'B', Type: 'DEFAULT' }, MessageAttributes: { mention: { StringValues: ['bob'] } } });
  expect(retry.MessageId).toBe(first.MessageId);
  expect(await rejectionOf(send(arn, alice, { ClientRequestToken: 'msg-token-1', Content: 'other' }))).toBeInstanceOf(msg.ConflictException);
  // The delivery seam saw the message once, with the members.
  expect(events).toHaveLength(1);
  expect(events[0]?.message).toMatchObject({ id: first.MessageId, pushNotification: { Title: 'T', Body: 'B', Type: 'DEFAULT' } });
  expect(events[0]?.members.map((x) => x.memberArn).sort()).toEqual([alice, bob].sort());

  expect(await rejectionOf(send(arn, carol))).toBeInstanceOf(msg.ForbiddenException);
  expect(await rejectionOf(send(arn, alice, { Type: 'CONTROL', Content: 'x'.repeat(31) }))).toBeInstanceOf(msg.BadRequestException);
  expect(await rejectionOf(send(arn, alice, { Content: 'x'.repeat(4097) }))).toBeInstanceOf(msg.BadRequestException);
  expect(await rejectionOf(send(arn, alice, { MessageAttributes: { a: { StringValues: ['x'.repeat(512), 'y'.repeat(512)] } } }))).toBeInstanceOf(msg.BadRequestException);
  expect(await rejectionOf(send(arn, alice, { PushNotification: { Title: 'x'.repeat(51), Body: 'b' } }))).toBeInstanceOf(msg.BadRequestException);

  const got = await m.send(new msg.GetChannelMessageCommand({ ChannelArn: arn, MessageId: first.MessageId, ChimeBearer: bob }));
  expect(got.ChannelMessage).toMatchObject({ Content: 'hello', Sender: { Arn: alice }, Persistence: 'PERSISTENT', MessageAttributes: { mention: { StringValues: ['bob'] } } });
  expect(await rejectionOf(m.send(new msg.GetChannelMessageCommand({ ChannelArn: arn, MessageId: 'nope', ChimeBearer: bob })))).toBeInstanceOf(msg.NotFoundException);
  const ephemeral = await send(arn, bob, { Persistence: 'NON_PERSISTENT', Content: 'gone' });
  expect(await rejectionOf(m.send(new msg.GetChannelMessageCommand({ ChannelArn: arn, MessageId: ephemeral.MessageId, ChimeBearer: bob })))).toBeInstanceOf(msg.NotFoundException);

  for (let i = 0; i < 4; i++) await send(arn, bob, { Content: `m${i}` });
  const walk = async (SortOrder: 'ASCENDING' | 'DESCENDING') => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await m.send(new msg.ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: alice, MaxResults: 2, SortOrder, NextToken }));
      seen.push(...(page.ChannelMessages ?? []).map((x) => x.Content ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    return seen;
  };
  expect(await walk('ASCENDING')).toEqual(['hello', 'm0', 'm1', 'm2', 'm3']);
  expect(await walk('DESCENDING')).toEqual(['m3', 'm2', 'm1', 'm0', 'hello']);
  expect(await rejectionOf(m.send(new msg.ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: alice, NextToken: 'forged' })))).toBeInstanceOf(msg.BadRequestException);
  expect(await rejectionOf(m.send(new msg.ListChannelMessagesCommand({ ChannelArn: arn, ChimeBearer: carol })))).toBeInstanceOf(msg.ForbiddenException);
});

test('ListChannels pages with NextToken; PRIVATE needs an AppInstanceAdmin; MaxResults over 50 is BadRequest', async () => {
  for (let i = 0; i < 5; i++) await channel({ Name: `pub${i}` });
  await channel({ Name: 'secret', Privacy: 'PRIVATE' });
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await m.send(new msg.ListChannelsCommand({ AppInstanceArn: instance, ChimeBearer: bob, MaxResults: 2, NextToken }));
    names.push(...(page.Channels ?? []).map((c) => c.Name ?? ''));
    NextToken = page.NextToken;
  } while (NextToken);
  expect(names.sort()).toEqual(['pub0', 'pub1', 'pub2', 'pub3', 'pub4']);
  expect(await rejectionOf(m.send(new msg.ListChannelsCommand({ AppInstanceArn: instance, ChimeBearer: bob, Privacy: 'PRIVATE' })))).toBeInstanceOf(msg.ForbiddenException);
  await t.client.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn: instance, AppInstanceAdminArn: bob }));
  expect((await m.send(new msg.ListChannelsCommand({ AppInstanceArn: instance, ChimeBearer: bob, Privacy: 'PRIVATE' }))).Channels?.map((c) => c.Name)).toEqual(['secret']);
  expect(await rejectionOf(m.send(new msg.ListChannelsCommand({ AppInstanceArn: instance, ChimeBearer: bob, MaxResults: 51 })))).toBeInstanceOf(msg.BadRequestException);
});

test('tags on channels share /tags with Identity, told apart by the ARN', async () => {
  const arn = await channel({ Tags: [{ Key: 'workbench:purpose', Value: 'push-test' }] });
  await m.send(new msg.TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'ios' }] }));
  await t.client.send(new id.TagResourceCommand({ ResourceARN: instance, Tags: [{ Key: 'instance', Value: 'yes' }] }));
  expect((await m.send(new msg.ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
    { Key: 'workbench:purpose', Value: 'push-test' },
    { Key: 'team', Value: 'ios' },
  ]);
  expect((await t.client.send(new id.ListTagsForResourceCommand({ ResourceARN: instance }))).Tags).toEqual([{ Key: 'instance', Value: 'yes' }]);
  await m.send(new msg.UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
  expect((await m.send(new msg.ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toHaveLength(1);
  expect(await rejectionOf(m.send(new msg.ListTagsForResourceCommand({ ResourceARN: `${instance}/channel/nope` })))).toBeInstanceOf(msg.NotFoundException);
});

test('cascade: deleting a user removes their memberships; deleting an AppInstance removes its channels', async () => {
  const arn = await channel({ MemberArns: [bob, carol] });
  await t.client.send(new id.DeleteAppInstanceUserCommand({ AppInstanceUserArn: bob }));
  expect((await m.send(new msg.ListChannelMembershipsCommand({ ChannelArn: arn, ChimeBearer: alice }))).ChannelMemberships?.map((x) => x.Member?.Arn).sort()).toEqual([alice, carol].sort());
  await t.client.send(new id.DeleteAppInstanceCommand({ AppInstanceArn: instance }));
  expect(t.sandbox.messaging.channel(arn)).toBeUndefined();
  expect(t.sandbox.messaging.size).toBe(0);
});

test('deny= answers ForbiddenException for that action only', async () => {
  const arn = await channel();
  t.sandbox.controls.setFaults('deny=chime:SendChannelMessage');
  const denied = await rejectionOf(send(arn, alice));
  expect(denied).toBeInstanceOf(msg.ForbiddenException);
  expect(denied.message).toMatch(/not authorized to perform: chime:SendChannelMessage/);
  await expect(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: alice }))).resolves.toBeDefined();
  t.sandbox.controls.setFaults('deny=chime:*');
  expect(await rejectionOf(m.send(new msg.DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: alice })))).toBeInstanceOf(msg.ForbiddenException);
});

test('the delivery seam fires once per committed message: not for the retry after an after-commit 503', async () => {
  const arn = await channel({ MemberArns: [bob] });
  t.sandbox.controls.setFaults('after-commit=1');
  const error = await rejectionOf(send(arn, alice, { ClientRequestToken: 'seam-token', PushNotification: { Title: 'T', Body: 'B' } }));
  expect(error.$metadata?.httpStatusCode).toBe(503);
  expect(events).toHaveLength(1);
  t.sandbox.controls.setFaults('none');
  const retry = await send(arn, alice, { ClientRequestToken: 'seam-token', PushNotification: { Title: 'T', Body: 'B' } });
  expect(retry.MessageId).toBe(events[0]?.message.id);
  expect(events).toHaveLength(1);
  // A failed send (not a member) never reaches the seam.
  await rejectionOf(send(arn, carol));
  expect(events).toHaveLength(1);
});
