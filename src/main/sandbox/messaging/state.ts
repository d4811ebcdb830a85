/**
 * Messaging's state: channels (inside their AppInstance, which lives in the
 * Identity state), memberships with their preferences, and persistent
 * messages. Indexes: channel by ARN, channels per AppInstance (listed), and
 * channels per member (listed by ListChannelMembershipsForAppInstanceUser).
 */
import { OrderedMap } from '../core/orderedMap';
import type { StateSlice } from '../core/service';

export interface PreferencesRecord {
  AllowNotifications: 'ALL' | 'NONE' | 'FILTERED';
  FilterRule?: string;
}

export interface MembershipRecord {
  memberArn: string;
  type: 'DEFAULT' | 'HIDDEN';
  invitedBy: string;
  created: number;
  updated: number;
  preferences?: PreferencesRecord;
}

export interface MessageAttributeRecord {
  StringValues?: string[];
}

export interface PushNotificationRecord {
  Title?: string;
  Body?: string;
  Type?: 'DEFAULT' | 'VOIP';
}

export interface MessageRecord {
  id: string;
  /** Zero-padded sequence: key order is send order. */
  seq: string;
  channelArn: string;
  content: string;
  contentType?: string;
  metadata?: string;
  type: 'STANDARD' | 'CONTROL';
  persistence: 'PERSISTENT' | 'NON_PERSISTENT';
  senderArn: string;
  created: number;
  pushNotification?: PushNotificationRecord;
  messageAttributes?: Record<string, MessageAttributeRecord>;
}

export interface ChannelRecord {
  arn: string;
  id: string;
  appInstanceArn: string;
  name: string;
  mode: 'UNRESTRICTED' | 'RESTRICTED';
  privacy: 'PUBLIC' | 'PRIVATE';
  metadata?: string;
  createdBy: string;
  created: number;
  updated: number;
  lastMessage?: number;
  tags: Map<string, string>;
  moderators: Set<string>;
  memberships: OrderedMap<MembershipRecord>;
  messages: OrderedMap<MessageRecord>;
}

export class MessagingState {
  private readonly byArn = new Map<string, ChannelRecord>();
  private readonly byInstance = new Map<string, OrderedMap<ChannelRecord>>();
  private readonly byMember = new Map<string, OrderedMap<ChannelRecord>>();
  private seq = 0;

  channel(arn: string): ChannelRecord | undefined {
    return this.byArn.get(arn);
  }

  channelsOf(appInstanceArn: string): OrderedMap<ChannelRecord> {
    return this.byInstance.get(appInstanceArn) ?? new OrderedMap();
  }

  membershipsOf(memberArn: string): OrderedMap<ChannelRecord> {
    return this.byMember.get(memberArn) ?? new OrderedMap();
  }

  get size(): number {
    return this.byArn.size;
  }

  nextSeq(): string {
    return String(++this.seq).padStart(12, '0');
  }

  get lastSeq(): number {
    return this.seq;
  }

  restoreSeq(n: number): void {
    this.seq = Math.max(this.seq, n);
  }

  allChannels(): IterableIterator<ChannelRecord> {
    return this.byArn.values();
  }

  addChannel(channel: ChannelRecord): void {
    this.byArn.set(channel.arn, channel);
    let list = this.byInstance.get(channel.appInstanceArn);
    if (!list) this.byInstance.set(channel.appInstanceArn, (list = new OrderedMap()));
    list.set(channel.arn, channel);
    for (const m of channel.memberships.values()) this.index(m.memberArn, channel);
  }

  deleteChannel(channel: ChannelRecord): void {
    for (const m of channel.memberships.values()) this.byMember.get(m.memberArn)?.delete(channel.arn);
    this.byArn.delete(channel.arn);
    this.byInstance.get(channel.appInstanceArn)?.delete(channel.arn);
  }

  addMembership(channel: ChannelRecord, membership: MembershipRecord): void {
    channel.memberships.set(membership.memberArn, membership);
    this.index(membership.memberArn, channel);
  }

  deleteMembership(channel: ChannelRecord, memberArn: string): void {
    channel.memberships.delete(memberArn);
    channel.moderators.delete(memberArn);
    this.byMember.get(memberArn)?.delete(channel.arn);
  }

  /** Cascade from Identity: a deleted user or bot leaves every channel. */
  forgetMember(memberArn: string): void {
    const channels = this.byMember.get(memberArn);
    if (!channels) return;
    for (const channel of [...channels.values()]) {
      channel.memberships.delete(memberArn);
      channel.moderators.delete(memberArn);
    }
    this.byMember.delete(memberArn);
  }

  /** Cascade from Identity: a deleted AppInstance takes its channels. */
  forgetAppInstance(appInstanceArn: string): void {
    for (const channel of [...this.channelsOf(appInstanceArn).values()]) this.deleteChannel(channel);
    this.byInstance.delete(appInstanceArn);
  }

  clear(): void {
    this.byArn.clear();
    this.byInstance.clear();
    this.byMember.clear();
    this.seq = 0;
  }

  private index(memberArn: string, channel: ChannelRecord): void {
    let list = this.byMember.get(memberArn);
    if (!list) this.byMember.set(memberArn, (list = new OrderedMap()));
    list.set(channel.arn, channel);
  }
}

export function newChannel(fields: Omit<ChannelRecord, 'tags' | 'moderators' | 'memberships' | 'messages'> & { tags?: Map<string, string> }): ChannelRecord {
  return { tags: new Map(), ...fields, moderators: new Set(), memberships: new OrderedMap(), messages: new OrderedMap() };
}

type SavedChannel = Omit<ChannelRecord, 'tags' | 'moderators' | 'memberships' | 'messages'> & {
  tags: [string, string][];
  moderators: string[];
  memberships: MembershipRecord[];
  messages: MessageRecord[];
};

export function messagingSlice(state: MessagingState): StateSlice {
  return {
    key: 'messaging',
    toJSON: () => {
      const channels: SavedChannel[] = [...state.allChannels()].map((channel) => ({
        ...channel,
        tags: [...channel.tags],
        moderators: [...channel.moderators],
        memberships: [...channel.memberships.values()],
        messages: [...channel.messages.values()],
      }));
      return { seq: state.lastSeq, channels };
    },
    fromJSON: (data) => {
      state.clear();
      if (data === undefined) return;
      const saved = data as { seq?: unknown; channels?: unknown };
      if (!Array.isArray(saved.channels)) throw new Error('messaging.channels is not a list');
      for (const c of saved.channels as SavedChannel[]) {
        if (typeof c.arn !== 'string' || typeof c.appInstanceArn !== 'string' || !Array.isArray(c.memberships) || !Array.isArray(c.messages)) {
          throw new Error('messaging.channels holds a channel of the wrong shape');
        }
        const channel = newChannel({ ...c, tags: new Map(c.tags) });
        for (const m of c.moderators ?? []) channel.moderators.add(m);
        for (const m of c.memberships) channel.memberships.set(m.memberArn, m);
        for (const m of c.messages) channel.messages.set(m.seq, m);
        state.addChannel(channel);
      }
      state.restoreSeq(typeof saved.seq === 'number' ? saved.seq : 0);
    },
  };
}
