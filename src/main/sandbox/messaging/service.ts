/**
 * Amazon Chime SDK Messaging (REST-JSON, signing name `chime`), served from
 * the official model (model.json, see scripts/trim-models.mjs) with the
 * Identity state: channels belong to AppInstances, members are its users and
 * bots. `x-amz-chime-bearer` is required where the model requires it and
 * checked as the service does:
 *
 * | who may                                   | sandbox rule                                                        |
 * |-------------------------------------------|---------------------------------------------------------------------|
 * | act at all                                | the bearer is an AppInstanceUser or bot of the channel's AppInstance |
 * | DescribeChannel, ListChannelMemberships   | PUBLIC channel: anyone of the AppInstance; PRIVATE: members          |
 * | UpdateChannel, DeleteChannel              | moderators (the creator is one) and AppInstanceAdmins               |
 * | CreateChannelMembership                   | RESTRICTED: moderators, admins; UNRESTRICTED: members, moderators,  |
 * |                                           | admins, and anyone adding themselves to a PUBLIC channel            |
 * | DeleteChannelMembership                   | the member themself, moderators, admins                             |
 * | Put/GetChannelMembershipPreferences       | the member themself, admins                                         |
 * | SendChannelMessage, Get/ListChannelMessages | members (a non-member cannot send: ForbiddenException)            |
 * | ListChannels Privacy=PRIVATE              | AppInstanceAdmins                                                   |
 * | ListChannelMembershipsForAppInstanceUser  | the user themself, admins                                           |
 *
 * Refusals are ForbiddenException. Deleting a user or bot removes its
 * memberships; deleting an AppInstance removes its channels.
 *
 * Delivery seam: every SendChannelMessage that created a message calls
 * `onChannelMessage({message, channel, members})` (members with their
 * preferences) once its change is committed (fsynced with --data), never for
 * an idempotent retry; the delivery simulation (devices/, delivery/) plugs in there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { messageAttributesBytes, parseFilterRule } from '../../../shared/push/filterRule';
import { DEFAULT_PAGE_SIZE } from '../core/pagination';
import { badRequest, conflict, forbidden, limitExceeded, notFound } from '../core/errors';
import type { SandboxCore, SandboxService } from '../core/service';
import { CHIME_FAULT_ERRORS, renderChimeError } from '../identity/service';
import type { SandboxState } from '../identity/state';
import { RestJsonModel, type ServiceModel } from '../protocols/restJson';
import modelJson from './model.json';
import {
  messagingSlice,
  MessagingState,
  newChannel,
  type ChannelRecord,
  type MembershipRecord,
  type MessageRecord,
  type PreferencesRecord,
} from './state';

export { MessagingState } from './state';

/** What the delivery simulation receives for each message sent. */
export interface ChannelMessageEvent {
  readonly message: MessageRecord;
  readonly channel: ChannelRecord;
  /** Every member at send time (the sender included), with preferences. */
  readonly members: readonly MembershipRecord[];
}

export interface MessagingOptions {
  readonly identity: SandboxState;
  readonly state?: MessagingState;
  /** Called once per committed message (not on an idempotent retry). */
  readonly onChannelMessage?: (event: ChannelMessageEvent) => void;
}

export const MAX_TAGS_PER_RESOURCE = 50;
/** The service's documented sizes: STANDARD content up to 4 KB, CONTROL up to 30 bytes. */
export const STANDARD_CONTENT_MAX_BYTES = 4096;
export const CONTROL_CONTENT_MAX_BYTES = 30;

const CHANNEL_ARN = /^arn:aws:chime:[^:]+:\d{12}:app-instance\/[^/]+\/channel\/[^/]+$/;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;
type Result = Record<string, unknown> | undefined;

export function createMessagingService(core: SandboxCore, options: MessagingOptions): SandboxService & { readonly messaging: MessagingState } {
  const identity = options.identity;
  const state = options.state ?? new MessagingState();
  const model = new RestJsonModel(modelJson as unknown as ServiceModel);
  identity.onDelete((kind, arn) => {
    if (kind === 'appInstance') state.forgetAppInstance(arn);
    else state.forgetMember(arn);
  });
  core.idempotency.resolver('channel', (arn) => state.channel(arn) !== undefined);
  core.idempotency.resolver('message', (ref) => {
    const [arn = '', seq = ''] = ref.split('#');
    return state.channel(arn) !== undefined && (seq === '' || state.channel(arn)?.messages.has(seq) !== false);
  });

  // ---- helpers ---------------------------------------------------------------------------
  const identityOf = (arn: string) => ({ Arn: arn, Name: identity.user(arn)?.name ?? identity.bot(arn)?.name ?? '' });
  const instanceOf = (arn: string) => identity.user(arn)?.appInstanceArn ?? identity.bot(arn)?.appInstanceArn;
  const isAdmin = (bearer: string, appInstanceArn: string) => identity.appInstance(appInstanceArn)?.admins.has(bearer) ?? false;

  /** The bearer must be a user or bot of `appInstanceArn`. */
  function bearerOf(input: Input, appInstanceArn: string): string {
    const bearer = String(input['ChimeBearer'] ?? '');
    const home = instanceOf(bearer);
    if (!home) throw forbidden(`The bearer ${bearer} is not an AppInstanceUser or AppInstanceBot`);
    if (home !== appInstanceArn) throw forbidden(`The bearer ${bearer} does not belong to AppInstance ${appInstanceArn}`);
    return bearer;
  }

  function requireChannel(arn: string): ChannelRecord {
    const channel = state.channel(arn);
    if (!channel) throw notFound(`Channel ${arn} does not exist`);
    return channel;
  }

  const isMember = (c: ChannelRecord, arn: string) => c.memberships.has(arn);
  const isModerator = (c: ChannelRecord, arn: string) => c.moderators.has(arn) || isAdmin(arn, c.appInstanceArn);

  function mustSee(c: ChannelRecord, bearer: string): void {
    if (c.privacy === 'PRIVATE' && !isMember(c, bearer) && !isModerator(c, bearer)) {
      throw forbidden(`${bearer} is not a member of the private channel ${c.arn}`);
    }
  }

  function mustBeMember(c: ChannelRecord, bearer: string, what: string): void {
    if (!isMember(c, bearer)) throw forbidden(`${bearer} is not a member of channel ${c.arn} and cannot ${what}`);
  }

  const summary = (c: ChannelRecord) => ({
    Name: c.name,
    ChannelArn: c.arn,
    Mode: c.mode,
    Privacy: c.privacy,
    Metadata: c.metadata,
    LastMessageTimestamp: seconds(c.lastMessage),
  });

  const messageWire = (m: MessageRecord) => ({
    MessageId: m.id,
    Content: m.content,
    ContentType: m.contentType,
    Metadata: m.metadata,
    Type: m.type,
    CreatedTimestamp: seconds(m.created),
    LastUpdatedTimestamp: seconds(m.created),
    Sender: identityOf(m.senderArn),
    Redacted: false,
    Status: { Value: 'SENT' },
    MessageAttributes: m.messageAttributes,
  });

  function addMember(c: ChannelRecord, memberArn: string, type: 'DEFAULT' | 'HIDDEN', invitedBy: string): MembershipRecord {
    if (instanceOf(memberArn) !== c.appInstanceArn) throw notFound(`Member ${memberArn} is no AppInstanceUser or bot of ${c.appInstanceArn}`);
    const now = core.now();
    const membership: MembershipRecord = { memberArn, type, invitedBy, created: now, updated: now };
    state.addMembership(c, membership);
    return membership;
  }

  function checkPreferences(p: Input | undefined): PreferencesRecord | undefined {
    const push = p?.['PushNotifications'] as { AllowNotifications: PreferencesRecord['AllowNotifications']; FilterRule?: string } | undefined;
    if (!push) return undefined;
    if (push.AllowNotifications === 'FILTERED') {
      if (push.FilterRule === undefined) throw badRequest('FilterRule is required when AllowNotifications is FILTERED');
      const parsed = parseFilterRule(push.FilterRule);
      if (!parsed.ok) throw badRequest(`Invalid FilterRule: ${parsed.error}`);
    } else if (push.FilterRule !== undefined) {
      throw badRequest(`FilterRule is only allowed when AllowNotifications is FILTERED, not ${push.AllowNotifications}`);
    }
    return { AllowNotifications: push.AllowNotifications, ...(push.FilterRule !== undefined && { FilterRule: push.FilterRule }) };
  }

  const preferencesWire = (p: PreferencesRecord | undefined) => (p ? { PushNotifications: { ...p } } : {});

  function channelArnFrom(req: { query: URLSearchParams; body: string }, operation: string): string | undefined {
    if (operation === 'ListTagsForResource') return req.query.get('arn') ?? undefined;
    try {
      const body = JSON.parse(req.body) as { ResourceARN?: unknown };
      return typeof body.ResourceARN === 'string' ? body.ResourceARN : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- operations ------------------------------------------------------------------------
  /** Messages sent by the request being handled, handed to the delivery seam once committed. */
  let sent: ChannelMessageEvent[] = [];
  const handlers: Record<string, (input: Input) => Result> = {
    CreateChannel: (input) => {
      const appInstanceArn = String(input['AppInstanceArn']);
      if (!identity.appInstance(appInstanceArn)) throw notFound(`AppInstance ${appInstanceArn} does not exist`);
      const bearer = bearerOf(input, appInstanceArn);
      return core.idempotency.run(`CreateChannel\u0000${bearer}`, input, () => {
        const id = (input['ChannelId'] as string | undefined) ?? randomBytes(32).toString('hex');
        const arn = `${appInstanceArn}/channel/${id}`;
        if (state.channel(arn)) throw conflict(`Channel ${id} already exists in ${appInstanceArn}`);
        const members = [...new Set([bearer, ...((input['MemberArns'] as string[] | undefined) ?? []), ...((input['ModeratorArns'] as string[] | undefined) ?? [])])];
        for (const m of members) {
          if (instanceOf(m) !== appInstanceArn) throw badRequest(`Member ${m} is no AppInstanceUser or bot of ${appInstanceArn}`);
        }
        const tags = new Map(((input['Tags'] as { Key: string; Value: string }[] | undefined) ?? []).map((t) => [t.Key, t.Value]));
        const now = core.now();
        const channel = newChannel({
          arn,
          id,
          appInstanceArn,
          name: String(input['Name']),
          mode: input['Mode'] ?? 'UNRESTRICTED',
          privacy: input['Privacy'] ?? 'PUBLIC',
          metadata: input['Metadata'],
          createdBy: bearer,
          created: now,
          updated: now,
          tags,
        });
        channel.moderators.add(bearer);
        for (const m of (input['ModeratorArns'] as string[] | undefined) ?? []) channel.moderators.add(m);
        state.addChannel(channel);
        for (const m of members) addMember(channel, m, 'DEFAULT', bearer);
        return { result: { ChannelArn: arn }, resource: `channel:${arn}` };
      });
    },

    DescribeChannel: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustSee(c, bearer);
      return {
        Channel: {
          ...summary(c),
          CreatedBy: identityOf(c.createdBy),
          CreatedTimestamp: seconds(c.created),
          LastUpdatedTimestamp: seconds(c.updated),
        },
      };
    },

    ListChannels: (input) => {
      const appInstanceArn = String(input['AppInstanceArn']);
      if (!identity.appInstance(appInstanceArn)) throw notFound(`AppInstance ${appInstanceArn} does not exist`);
      const bearer = bearerOf(input, appInstanceArn);
      const privacy = (input['Privacy'] as string | undefined) ?? 'PUBLIC';
      if (privacy === 'PRIVATE' && !isAdmin(bearer, appInstanceArn)) throw forbidden('Only an AppInstanceAdmin can list private channels');
      const all = state.channelsOf(appInstanceArn);
      // Pages over the AppInstance's channels of the privacy asked for.
      const scope = `channels:${appInstanceArn}:${privacy}`;
      let after = input['NextToken'] ? core.pages.decode(scope, input['NextToken']) : undefined;
      const limit = (input['MaxResults'] as number | undefined) ?? DEFAULT_PAGE_SIZE;
      const items: ChannelRecord[] = [];
      let more = false;
      for (;;) {
        const page = all.page(after, 50);
        for (const c of page.items) {
          if (c.privacy !== privacy) continue;
          if (items.length === limit) {
            more = true;
            break;
          }
          items.push(c);
        }
        if (more || !page.more) break;
        after = page.lastKey;
      }
      const last = items[items.length - 1];
      return { Channels: items.map(summary), NextToken: more && last ? core.pages.encode(scope, last.arn) : undefined };
    },

    UpdateChannel: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      if (!isModerator(c, bearer)) throw forbidden(`${bearer} is not a moderator of ${c.arn}`);
      if (input['Name'] !== undefined) c.name = input['Name'];
      if (input['Mode'] !== undefined) c.mode = input['Mode'];
      if (input['Metadata'] !== undefined) c.metadata = input['Metadata'];
      c.updated = core.now();
      return { ChannelArn: c.arn };
    },

    DeleteChannel: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      if (!isModerator(c, bearer)) throw forbidden(`${bearer} is not a moderator of ${c.arn}`);
      state.deleteChannel(c);
      return undefined;
    },

    CreateChannelMembership: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      const memberArn = String(input['MemberArn']);
      const moderator = isModerator(c, bearer);
      const allowed = c.mode === 'RESTRICTED' ? moderator : moderator || isMember(c, bearer) || (c.privacy === 'PUBLIC' && memberArn === bearer);
      if (!allowed) throw forbidden(`${bearer} may not add members to the ${c.mode} channel ${c.arn}`);
      if (input['Type'] === 'HIDDEN' && !moderator) throw forbidden('Only moderators can add HIDDEN members');
      if (c.memberships.has(memberArn)) throw conflict(`${memberArn} is already a member of ${c.arn}`);
      addMember(c, memberArn, input['Type'], bearer);
      return { ChannelArn: c.arn, Member: identityOf(memberArn) };
    },

    DescribeChannelMembership: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustSee(c, bearer);
      const m = c.memberships.get(input['MemberArn']);
      if (!m) throw notFound(`${input['MemberArn']} is not a member of ${c.arn}`);
      return {
        ChannelMembership: {
          InvitedBy: identityOf(m.invitedBy),
          Type: m.type,
          Member: identityOf(m.memberArn),
          ChannelArn: c.arn,
          CreatedTimestamp: seconds(m.created),
          LastUpdatedTimestamp: seconds(m.updated),
        },
      };
    },

    ListChannelMemberships: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustSee(c, bearer);
      const type = (input['Type'] as string | undefined) ?? 'DEFAULT';
      const scope = `memberships:${c.arn}:${type}`;
      let after = input['NextToken'] ? core.pages.decode(scope, input['NextToken']) : undefined;
      const limit = (input['MaxResults'] as number | undefined) ?? DEFAULT_PAGE_SIZE;
      const items: MembershipRecord[] = [];
      let more = false;
      for (;;) {
        const page = c.memberships.page(after, 100);
        for (const m of page.items) {
          if (m.type !== type) continue;
          if (items.length === limit) {
            more = true;
            break;
          }
          items.push(m);
        }
        if (more || !page.more) break;
        after = page.lastKey;
      }
      const last = items[items.length - 1];
      return {
        ChannelArn: c.arn,
        ChannelMemberships: items.map((m) => ({ Member: identityOf(m.memberArn) })),
        NextToken: more && last ? core.pages.encode(scope, last.memberArn) : undefined,
      };
    },

    ListChannelMembershipsForAppInstanceUser: (input) => {
      const bearer = String(input['ChimeBearer']);
      const userArn = (input['AppInstanceUserArn'] as string | undefined) ?? bearer;
      const home = instanceOf(userArn);
      if (!home) throw notFound(`${userArn} is not an AppInstanceUser or bot`);
      bearerOf(input, home);
      if (userArn !== bearer && !isAdmin(bearer, home)) throw forbidden(`${bearer} may not list the memberships of ${userArn}`);
      const { items, NextToken } = core.pages.page(state.membershipsOf(userArn), `member-of:${userArn}`, input);
      return {
        ChannelMemberships: items.map((c) => ({
          ChannelSummary: summary(c),
          AppInstanceUserMembershipSummary: { Type: c.memberships.get(userArn)?.type },
        })),
        NextToken,
      };
    },

    DeleteChannelMembership: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      const memberArn = String(input['MemberArn']);
      if (memberArn !== bearer && !isModerator(c, bearer)) throw forbidden(`${bearer} may not remove ${memberArn} from ${c.arn}`);
      // Removing someone who is not a member is a no-op, as DELETE is idempotent.
      state.deleteMembership(c, memberArn);
      return undefined;
    },

    PutChannelMembershipPreferences: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      const memberArn = String(input['MemberArn']);
      if (memberArn !== bearer && !isAdmin(bearer, c.appInstanceArn)) throw forbidden(`${bearer} may not set the preferences of ${memberArn}`);
      const m = c.memberships.get(memberArn);
      if (!m) throw forbidden(`${memberArn} is not a member of ${c.arn}`);
      m.preferences = checkPreferences(input['Preferences']);
      m.updated = core.now();
      return { ChannelArn: c.arn, Member: identityOf(memberArn), Preferences: preferencesWire(m.preferences) };
    },

    GetChannelMembershipPreferences: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      const memberArn = String(input['MemberArn']);
      if (memberArn !== bearer && !isAdmin(bearer, c.appInstanceArn)) throw forbidden(`${bearer} may not read the preferences of ${memberArn}`);
      const m = c.memberships.get(memberArn);
      if (!m) throw forbidden(`${memberArn} is not a member of ${c.arn}`);
      return { ChannelArn: c.arn, Member: identityOf(memberArn), Preferences: preferencesWire(m.preferences) };
    },

    SendChannelMessage: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustBeMember(c, bearer, 'send messages');
      const content = String(input['Content']);
      const type = input['Type'] as MessageRecord['type'];
      if (type === 'CONTROL' && bytes(content) > CONTROL_CONTENT_MAX_BYTES) throw badRequest(`CONTROL messages are limited to ${CONTROL_CONTENT_MAX_BYTES} bytes`);
      if (type === 'CONTROL' && input['Metadata'] !== undefined) throw badRequest('CONTROL messages do not take Metadata');
      if (bytes(content) > STANDARD_CONTENT_MAX_BYTES) throw badRequest(`Message content is larger than ${STANDARD_CONTENT_MAX_BYTES} bytes`);
      const attributes = input['MessageAttributes'] as MessageRecord['messageAttributes'];
      const attributeBytes = messageAttributesBytes(attributes);
      if (attributeBytes > 1024) throw badRequest(`MessageAttributes are ${attributeBytes} bytes (at most 1024)`);
      let event: ChannelMessageEvent | undefined;
      const result = core.idempotency.run(`SendChannelMessage\u0000${c.arn}\u0000${bearer}`, input, () => {
        const now = core.now();
        const message: MessageRecord = {
          id: randomUUID().replace(/-/g, ''),
          seq: state.nextSeq(),
          channelArn: c.arn,
          content,
          contentType: input['ContentType'],
          metadata: input['Metadata'],
          type,
          persistence: input['Persistence'],
          senderArn: bearer,
          created: now,
          pushNotification: input['PushNotification'],
          messageAttributes: attributes,
        };
        if (message.persistence === 'PERSISTENT') c.messages.set(message.seq, message);
        c.lastMessage = now;
        event = { message, channel: c, members: [...c.memberships.values()] };
        return {
          result: { ChannelArn: c.arn, MessageId: message.id, Status: { Value: 'SENT' } },
          resource: `message:${c.arn}#${message.persistence === 'PERSISTENT' ? message.seq : ''}`,
        };
      });
      if (event) sent.push(event);
      return result;
    },

    GetChannelMessage: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustBeMember(c, bearer, 'read messages');
      const id = String(input['MessageId']);
      const m = [...c.messages.values()].find((x) => x.id === id);
      if (!m) throw notFound(`Message ${id} does not exist in ${c.arn}`);
      return { ChannelMessage: { ChannelArn: c.arn, ...messageWire(m), Persistence: m.persistence } };
    },

    ListChannelMessages: (input) => {
      const c = requireChannel(input['ChannelArn']);
      const bearer = bearerOf(input, c.appInstanceArn);
      mustBeMember(c, bearer, 'read messages');
      const ascending = input['SortOrder'] === 'ASCENDING';
      const notBefore = input['NotBefore'] as number | undefined;
      const notAfter = input['NotAfter'] as number | undefined;
      const scope = `messages:${c.arn}:${ascending ? 'asc' : 'desc'}:${notBefore ?? ''}:${notAfter ?? ''}`;
      const after = input['NextToken'] ? core.pages.decode(scope, input['NextToken']) : undefined;
      const limit = (input['MaxResults'] as number | undefined) ?? DEFAULT_PAGE_SIZE;
      let all = [...c.messages.values()].filter(
        (m) => (notBefore === undefined || m.created / 1000 >= notBefore) && (notAfter === undefined || m.created / 1000 <= notAfter),
      );
      if (!ascending) all = all.reverse();
      const start = after === undefined ? 0 : all.findIndex((m) => (ascending ? m.seq > after : m.seq < after));
      const items = start < 0 ? [] : all.slice(start, start + limit);
      const more = start >= 0 && start + limit < all.length;
      const last = items[items.length - 1];
      return { ChannelArn: c.arn, ChannelMessages: items.map(messageWire), NextToken: more && last ? core.pages.encode(scope, last.seq) : undefined };
    },

    TagResource: (input) => {
      const c = requireChannel(input['ResourceARN']);
      const merged = new Map(c.tags);
      for (const t of input['Tags'] as { Key: string; Value: string }[]) merged.set(t.Key, t.Value);
      if (merged.size > MAX_TAGS_PER_RESOURCE) throw limitExceeded(`${c.arn} would have ${merged.size} tags (limit ${MAX_TAGS_PER_RESOURCE})`);
      c.tags = merged;
      return undefined;
    },

    UntagResource: (input) => {
      const c = requireChannel(input['ResourceARN']);
      for (const key of input['TagKeys'] as string[]) c.tags.delete(key);
      return undefined;
    },

    ListTagsForResource: (input) => ({ Tags: [...requireChannel(input['ResourceARN']).tags].map(([Key, Value]) => ({ Key, Value })) }),
  };

  const TAG_OPERATIONS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

  return {
    name: 'messaging',
    messaging: state,
    auth: { kind: 'sigv4', signingName: 'chime' },
    actionPrefix: 'chime',
    faultErrors: CHIME_FAULT_ERRORS,
    renderError: renderChimeError,
    state: messagingSlice(state),
    match(req) {
      const match = model.match(req.method, req.rawPath, req.query);
      if (!match) return undefined;
      // Identity and Messaging share /tags: Messaging answers for channel ARNs only.
      if (TAG_OPERATIONS.has(match.operation) && !CHANNEL_ARN.test(channelArnFrom(req, match.operation) ?? '')) return undefined;
      const handler = handlers[match.operation];
      if (!handler) return undefined;
      let events: ChannelMessageEvent[] = [];
      return {
        name: match.operation,
        mutating: req.method !== 'GET',
        run: () => {
          // Handlers are synchronous: `sent` collects this request's messages only.
          sent = [];
          try {
            return { status: match.status, body: model.output(match.operation, handler(model.input(match, req))) };
          } finally {
            events = sent;
            sent = [];
          }
        },
        committed: () => {
          for (const event of events) options.onChannelMessage?.(event);
        },
      };
    },
  };
}
