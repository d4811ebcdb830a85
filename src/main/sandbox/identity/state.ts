/**
 * The sandbox's in-memory model. Records hold plain data (timestamps in epoch
 * milliseconds from the injected clock); handlers shape them for the wire.
 * Global maps by ARN give O(1) lookups; each collection that is listed is an
 * OrderedMap so pages seek directly.
 */
import type { AllowMessagesValue, EndpointStatus, EndpointStatusReason, EndpointType } from '../../../shared/chime/shapes';
import { OrderedMap } from '../core/orderedMap';

export type Tags = Map<string, string>;

export interface ExpirationSettingsRecord {
  ExpirationDays: number;
  ExpirationCriterion: string;
}

export interface AppInstanceRecord {
  id: string;
  arn: string;
  name: string;
  metadata?: string;
  created: number;
  updated: number;
  tags: Tags;
  retention?: { settings: Record<string, unknown>; initiated: number };
  users: OrderedMap<UserRecord>;
  bots: OrderedMap<BotRecord>;
  /** Keyed by the admin's ARN (a user or bot of this AppInstance). */
  admins: OrderedMap<AdminRecord>;
}

export interface UserRecord {
  arn: string;
  appInstanceArn: string;
  userId: string;
  name: string;
  metadata?: string;
  created: number;
  updated: number;
  expiration?: ExpirationSettingsRecord;
  tags: Tags;
  endpoints: OrderedMap<EndpointRecord>;
}

export interface BotRecord {
  arn: string;
  appInstanceArn: string;
  id: string;
  name?: string;
  metadata?: string;
  configuration: Record<string, unknown>;
  created: number;
  updated: number;
  tags: Tags;
}

export interface AdminRecord {
  arn: string;
  created: number;
}

export interface EndpointStateValue {
  Status: EndpointStatus;
  StatusReason?: EndpointStatusReason;
}

export interface EndpointRecord {
  id: string;
  userArn: string;
  name?: string;
  type: EndpointType;
  resourceArn: string;
  deviceToken: string;
  voipDeviceToken?: string;
  allowMessages: AllowMessagesValue;
  created: number;
  updated: number;
  /** What validation will find once the delay has passed (undefined: stays ACTIVE). */
  verdict?: EndpointStatusReason;
  /** Set by the control route; wins over the simulated validation. */
  override?: EndpointStateValue;
}

export type DeletedKind = 'appInstance' | 'user' | 'bot';

export class SandboxState {
  readonly appInstances = new OrderedMap<AppInstanceRecord>();
  private readonly deleteListeners: ((kind: DeletedKind, arn: string) => void)[] = [];
  /**
   * Whether a Pinpoint app ARN names an existing app (set by the Pinpoint
   * service); undefined: no Pinpoint service, any well-formed ARN counts.
   */
  pinpointAppExists: ((arn: string) => boolean) | undefined;

  /** Other services' state that hangs off Identity's (channels, memberships) follows deletions here. */
  onDelete(listener: (kind: DeletedKind, arn: string) => void): void {
    this.deleteListeners.push(listener);
  }

  private deleted(kind: DeletedKind, arn: string): void {
    for (const listener of this.deleteListeners) listener(kind, arn);
  }
  private readonly appInstancesByArn = new Map<string, AppInstanceRecord>();
  private readonly usersByArn = new Map<string, UserRecord>();
  private readonly botsByArn = new Map<string, BotRecord>();

  appInstance(arn: string): AppInstanceRecord | undefined {
    return this.appInstancesByArn.get(arn);
  }
  user(arn: string): UserRecord | undefined {
    return this.usersByArn.get(arn);
  }
  bot(arn: string): BotRecord | undefined {
    return this.botsByArn.get(arn);
  }
  /** Any resource that takes tags. */
  taggable(arn: string): { tags: Tags } | undefined {
    return this.appInstancesByArn.get(arn) ?? this.usersByArn.get(arn) ?? this.botsByArn.get(arn);
  }
  exists(arn: string): boolean {
    return this.taggable(arn) !== undefined;
  }

  addAppInstance(record: AppInstanceRecord): void {
    this.appInstances.set(record.id, record);
    this.appInstancesByArn.set(record.arn, record);
  }

  addUser(instance: AppInstanceRecord, user: UserRecord): void {
    instance.users.set(user.userId, user);
    this.usersByArn.set(user.arn, user);
  }

  addBot(instance: AppInstanceRecord, bot: BotRecord): void {
    instance.bots.set(bot.id, bot);
    this.botsByArn.set(bot.arn, bot);
  }

  /** Cascades: users (with their endpoints), bots and admins go with it. */
  deleteAppInstance(instance: AppInstanceRecord): void {
    for (const user of instance.users.values()) {
      this.usersByArn.delete(user.arn);
      this.deleted('user', user.arn);
    }
    for (const bot of instance.bots.values()) {
      this.botsByArn.delete(bot.arn);
      this.deleted('bot', bot.arn);
    }
    this.appInstances.delete(instance.id);
    this.appInstancesByArn.delete(instance.arn);
    this.deleted('appInstance', instance.arn);
  }

  /** Endpoints live inside the user, so they go with it; an admin role goes too. */
  deleteUser(user: UserRecord): void {
    const instance = this.appInstancesByArn.get(user.appInstanceArn);
    instance?.users.delete(user.userId);
    instance?.admins.delete(user.arn);
    this.usersByArn.delete(user.arn);
    this.deleted('user', user.arn);
  }

  deleteBot(bot: BotRecord): void {
    const instance = this.appInstancesByArn.get(bot.appInstanceArn);
    instance?.bots.delete(bot.id);
    instance?.admins.delete(bot.arn);
    this.botsByArn.delete(bot.arn);
    this.deleted('bot', bot.arn);
  }

  clear(): void {
    for (const instance of [...this.appInstances.values()]) this.deleteAppInstance(instance);
  }
}

/**
 * The endpoint's state at `now`, computed lazily so tests with a fake clock
 * need no timers: ACTIVE until the validation delay has passed, then the
 * verdict. A manual override wins.
 */
export function endpointState(endpoint: EndpointRecord, now: number, validationDelayMs: number): EndpointStateValue {
  if (endpoint.override) return endpoint.override;
  if (endpoint.verdict === undefined || now - endpoint.created < validationDelayMs) return { Status: 'ACTIVE' };
  return { Status: 'INACTIVE', StatusReason: endpoint.verdict };
}

export function newAppInstance(fields: Omit<AppInstanceRecord, 'users' | 'bots' | 'admins' | 'tags'> & { tags?: Tags }): AppInstanceRecord {
  return { tags: new Map(), ...fields, users: new OrderedMap(), bots: new OrderedMap(), admins: new OrderedMap() };
}

export function newUser(fields: Omit<UserRecord, 'endpoints' | 'tags'> & { tags?: Tags }): UserRecord {
  return { tags: new Map(), ...fields, endpoints: new OrderedMap() };
}
