/**
 * The channels a test push can use (issue 13): what a bearer can see of an
 * AppInstance's channels, which of them are the workbench's test channels (by
 * tag, never by name), how many members one has, and the lists the dialog
 * offers ("any channel the developer picks", "any user or bot").
 */
import { ListAppInstanceBotsCommand } from '@aws-sdk/client-chime-sdk-identity';
import {
  ListChannelMembershipsCommand,
  ListChannelMembershipsForAppInstanceUserCommand,
  ListChannelsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { PUSH_TEST_CHANNEL_NAME, PUSH_TEST_TAG, PUSH_TEST_USER_TAG_KEY } from '../../../shared/push/testPush';
import type { PushChoices } from '../../../shared/push/testPush';
import type { PushClients } from './clients';

const isCode = (e: unknown, ...codes: string[]) => e instanceof Error && codes.includes(e.name);
export const userIdOf = (userArn: string) => userArn.slice(userArn.lastIndexOf('/') + 1);

/** The channels `member` belongs to, ARN → name. */
async function membershipsOf(c: PushClients, member: string, into: Map<string, string | undefined>): Promise<void> {
  let NextToken: string | undefined;
  do {
    const page = await c.messaging.send(
      new ListChannelMembershipsForAppInstanceUserCommand({ AppInstanceUserArn: member, ChimeBearer: member, MaxResults: 50, NextToken }),
    );
    for (const m of page.ChannelMemberships ?? []) if (m.ChannelSummary?.ChannelArn) into.set(m.ChannelSummary.ChannelArn, m.ChannelSummary.Name);
    NextToken = page.NextToken;
  } while (NextToken);
}

/** ARN → name of the channels the bearers can see: their memberships, then the AppInstance's PUBLIC and (admins only) PRIVATE channels as the first bearer sees them. */
export async function visibleChannels(c: PushClients, appInstanceArn: string, bearers: readonly string[]): Promise<Map<string, string | undefined>> {
  const seen = new Map<string, string | undefined>();
  for (const bearer of bearers) await membershipsOf(c, bearer, seen);
  const bearer = bearers[0];
  if (bearer) {
    for (const Privacy of ['PUBLIC', 'PRIVATE'] as const) {
      let NextToken: string | undefined;
      try {
        do {
          const page = await c.messaging.send(new ListChannelsCommand({ AppInstanceArn: appInstanceArn, ChimeBearer: bearer, Privacy, MaxResults: 50, NextToken }));
          for (const ch of page.Channels ?? []) if (ch.ChannelArn) seen.set(ch.ChannelArn, ch.Name);
          NextToken = page.NextToken;
        } while (NextToken);
      } catch (e) {
        if (!isCode(e, 'ForbiddenException')) throw e; // PRIVATE needs an AppInstanceAdmin bearer
      }
    }
  }
  return seen;
}

/**
 * Which test channels to find: `any` (Clean up: the shared one and every user's own), `shared` (the
 * DESIGN's test channel: tagged, and no user tag), or one user's own channel (by AppInstanceUserArn).
 */
export type TestChannelOwner = { readonly kind: 'any' } | { readonly kind: 'shared' } | { readonly kind: 'own'; readonly userArn: string };

/** The channels of the AppInstance tagged workbench:purpose=push-test that the bearers can see (`first`: stop at the first). */
export async function findTestChannels(
  c: PushClients,
  appInstanceArn: string,
  bearers: readonly string[],
  options: { readonly first?: boolean; readonly owner?: TestChannelOwner } = {},
): Promise<string[]> {
  const owner = options.owner ?? { kind: 'any' };
  const all = [...(await visibleChannels(c, appInstanceArn, bearers))];
  // The tag decides, but channels with the conventional name are checked first: one ListTagsForResource in the usual case.
  const named = (name: string | undefined) => name?.startsWith(PUSH_TEST_CHANNEL_NAME) ?? false;
  const ordered = [...all.filter(([, n]) => named(n)), ...all.filter(([, n]) => !named(n))].map(([arn]) => arn);
  const found: string[] = [];
  for (const arn of ordered) {
    if (!arn.startsWith(`${appInstanceArn}/channel/`)) continue;
    const { Tags = [] } = await c.messaging.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    if (!Tags.some((t) => t.Key === PUSH_TEST_TAG.Key && t.Value === PUSH_TEST_TAG.Value)) continue;
    const user = Tags.find((t) => t.Key === PUSH_TEST_USER_TAG_KEY)?.Value;
    const fits = owner.kind === 'any' || (owner.kind === 'shared' ? user === undefined : user === userIdOf(owner.userArn));
    if (!fits) continue;
    found.push(arn);
    if (options.first) break;
  }
  return found;
}

/** How many members the channel has, read with the first bearer allowed to; undefined when none may read them. */
export async function countMembers(c: PushClients, channelArn: string, bearers: readonly string[]): Promise<number | undefined> {
  for (const bearer of bearers) {
    try {
      let count = 0;
      let NextToken: string | undefined;
      do {
        const page = await c.messaging.send(new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: bearer, MaxResults: 50, NextToken }));
        count += page.ChannelMemberships?.length ?? 0;
        NextToken = page.NextToken;
      } while (NextToken);
      return count;
    } catch (e) {
      if (!isCode(e, 'ForbiddenException', 'NotFoundException')) throw e; // a PRIVATE channel read by a non-member
    }
  }
  return undefined;
}

/**
 * What the dialog offers to pick: the channels the target is a member of, plus those the sender can
 * see (when it exists), and the AppInstance's bots (its users are already loaded in the app).
 */
export async function listPushChoices(
  c: PushClients,
  input: { readonly appInstanceArn: string; readonly userArn: string; readonly senderArn?: string | undefined },
): Promise<PushChoices> {
  const targets = new Map<string, string | undefined>();
  await membershipsOf(c, input.userArn, targets);
  const visible = input.senderArn ? await visibleChannels(c, input.appInstanceArn, [input.senderArn]) : new Map<string, string | undefined>();
  const channels = [...new Map([...visible, ...targets])]
    .filter(([arn]) => arn.startsWith(`${input.appInstanceArn}/channel/`))
    .map(([arn, name]) => ({ arn, name: name ?? arn, targetIsMember: targets.has(arn) }))
    .sort((a, b) => Number(b.targetIsMember) - Number(a.targetIsMember) || a.name.localeCompare(b.name));
  const bots: { arn: string; name: string }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await c.identity.send(new ListAppInstanceBotsCommand({ AppInstanceArn: input.appInstanceArn, MaxResults: 50, NextToken }));
    for (const b of page.AppInstanceBots ?? []) if (b.AppInstanceBotArn) bots.push({ arn: b.AppInstanceBotArn, name: b.Name ?? b.AppInstanceBotArn });
    NextToken = page.NextToken;
  } while (NextToken);
  return { channels, bots };
}
