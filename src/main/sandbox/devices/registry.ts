/**
 * Simulated phones: each has a platform (APNs production, APNs sandbox or
 * FCM), a device token (plus a PushKit VoIP token when asked), an optional
 * bundle id / Firebase project, and the notifications it received. Failed
 * Chime deliveries are kept as EventBridge-shaped events next to them.
 *
 * Plain data with an injected clock; `toJSON`/`fromJSON` let the sandbox's
 * data file carry it. Times on the wire are ISO 8601 strings.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { newApnsToken, newFcmToken } from './tokens';
import { sandboxDeliverySchema, sandboxDeviceSchema } from '../../../shared/push/deliveries';

export const DEVICE_PLATFORMS = ['APNS', 'APNS_SANDBOX', 'GCM'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];
export const DELIVERY_VIAS = ['CHIME', 'APNS', 'FCM'] as const;
export type DeliveryVia = (typeof DELIVERY_VIAS)[number];
/** APNs environments: `sandbox` is Apple's development environment (APNS_SANDBOX tokens). */
export type ApnsEnvironment = 'production' | 'sandbox';

export const FAILURE_EVENT_SOURCE = 'aws.chime';
export const FAILURE_EVENT_DETAIL_TYPE = 'Chime Messaging AppInstanceUserEndpoint Delivery Failure';

export interface DeviceRecord {
  DeviceId: string;
  Name: string;
  Platform: DevicePlatform;
  Voip: boolean;
  BundleId?: string;
  ProjectId?: string;
  DeviceToken: string;
  VoipDeviceToken?: string;
  /** ISO 8601. */
  Created: string;
  /** ISO 8601; set once the app was uninstalled (APNs then answers Unregistered, FCM UNREGISTERED). */
  UninstalledAt?: string;
  /** Who asked for the device (the app sends "workbench", so its Clean up finds what it made after a restart). */
  CreatedBy?: string;
}

export interface DeliveryRecord {
  DeliveryId: string;
  /** ISO 8601. */
  Time: string;
  DeviceId: string;
  DeviceToken: string;
  Via: DeliveryVia;
  /** APNs push type (`alert`, `voip`, …), Chime's DEFAULT/VOIP, or FCM's `notification`/`data`. */
  PushType: string;
  Title: string;
  Body: string;
  /** What the device got: the APNs JSON payload, the FCM message, or the Pinpoint-shaped Chime payload. */
  Payload: unknown;
}

export interface FailureEvent {
  version: '0';
  id: string;
  'detail-type': typeof FAILURE_EVENT_DETAIL_TYPE;
  source: typeof FAILURE_EVENT_SOURCE;
  account: string;
  /** ISO 8601 without milliseconds, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface TokenMatch {
  readonly device: DeviceRecord;
  /** The token is the device's PushKit VoIP token (else its regular token). */
  readonly voip: boolean;
}

export interface CreateDeviceInput {
  Platform: DevicePlatform;
  Name: string;
  Voip?: boolean;
  BundleId?: string;
  ProjectId?: string;
  CreatedBy?: string;
}

export interface DeviceRegistryOptions {
  readonly now?: () => number;
  /** Called after every change (the sandbox marks its data file dirty). */
  readonly onChange?: () => void;
  /** Oldest deliveries and events are dropped beyond these. */
  readonly maxDeliveries?: number;
  readonly maxEvents?: number;
}

export const DEFAULT_MAX_DELIVERIES = 1000;
export const DEFAULT_MAX_EVENTS = 1000;

/** Which APNs environment a device's tokens belong to; undefined for FCM devices. */
export function apnsEnvironmentOf(platform: DevicePlatform): ApnsEnvironment | undefined {
  return platform === 'APNS' ? 'production' : platform === 'APNS_SANDBOX' ? 'sandbox' : undefined;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly byToken = new Map<string, TokenMatch>();
  private deliveries: DeliveryRecord[] = [];
  private events: FailureEvent[] = [];
  private readonly now: () => number;
  private readonly onChange: () => void;
  private readonly maxDeliveries: number;
  private readonly maxEvents: number;

  constructor(options: DeviceRegistryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => {});
    this.maxDeliveries = options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES;
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  }

  /** Validation of the input is the caller's (the control route's); this trusts it. */
  create(input: CreateDeviceInput): DeviceRecord {
    const apns = input.Platform !== 'GCM';
    const device: DeviceRecord = {
      DeviceId: `device-${randomUUID()}`,
      Name: input.Name,
      Platform: input.Platform,
      Voip: Boolean(input.Voip) && apns,
      ...(input.BundleId !== undefined && { BundleId: input.BundleId }),
      ...(input.ProjectId !== undefined && { ProjectId: input.ProjectId }),
      DeviceToken: apns ? newApnsToken() : newFcmToken(),
      ...(apns && input.Voip && { VoipDeviceToken: newApnsToken() }),
      Created: this.iso(),
      ...(input.CreatedBy !== undefined && { CreatedBy: input.CreatedBy }),
    };
    this.add(device);
    this.onChange();
    return device;
  }

  list(): DeviceRecord[] {
    return [...this.devices.values()];
  }

  get(deviceId: string): DeviceRecord | undefined {
    return this.devices.get(deviceId);
  }

  /** Any device's regular or VoIP token, whatever its platform; APNs tokens match case-insensitively. */
  findByToken(token: string): TokenMatch | undefined {
    return this.byToken.get(token) ?? this.byToken.get(token.toLowerCase());
  }

  /** An APNs token of this environment (a sandbox token sent to production does not match). */
  findApnsToken(token: string, environment: ApnsEnvironment): TokenMatch | undefined {
    const match = this.findByToken(token);
    return match && apnsEnvironmentOf(match.device.Platform) === environment ? match : undefined;
  }

  /** An FCM registration token. */
  findFcmToken(token: string): TokenMatch | undefined {
    const match = this.byToken.get(token);
    return match?.device.Platform === 'GCM' ? match : undefined;
  }

  /**
   * The device behind a Chime endpoint's token: a device of that endpoint type's platform and
   * environment (an APNS_SANDBOX token registered as APNS matches nothing). `voip` selects the
   * VoIP token (a VOIP push goes to VoIP tokens only).
   */
  findEndpointToken(type: DevicePlatform, token: string, voip = false): TokenMatch | undefined {
    const match = this.findByToken(token);
    return match && match.device.Platform === type && match.voip === voip ? match : undefined;
  }

  /**
   * A successful Chime push as the device receives it (through Pinpoint): the keys the developer
   * guide shows. How they sit inside the APNs or FCM payload is not documented; the sandbox puts
   * them under `data` next to `aps` for APNs, and as FCM `data` for GCM (simulated).
   */
  recordChimeDelivery(input: { match: TokenMatch; type: 'DEFAULT' | 'VOIP'; title: string; body: string; messageId: string; channelArn: string }): DeliveryRecord {
    const { device, voip } = input.match;
    const pinpoint = {
      'pinpoint.openApp': 'true',
      'pinpoint.notification.title': input.title,
      'pinpoint.notification.body': input.body,
      'pinpoint.campaign.campaign_id': '_DIRECT',
      'pinpoint.notification.silentPush': '0',
      'pinpoint.jsonBody': JSON.stringify({ 'chime.message_id': input.messageId, 'chime.channel_arn': input.channelArn }),
    };
    const Payload = device.Platform === 'GCM' ? { data: pinpoint } : { aps: input.type === 'VOIP' ? {} : { alert: { title: input.title, body: input.body } }, data: pinpoint };
    return this.recordDelivery({
      DeviceId: device.DeviceId,
      DeviceToken: (voip ? device.VoipDeviceToken : device.DeviceToken) ?? device.DeviceToken,
      Via: 'CHIME',
      PushType: input.type,
      Title: input.title,
      Body: input.body,
      Payload,
    });
  }

  /** Marks the app uninstalled; idempotent (the first time is kept). */
  uninstall(deviceId: string): DeviceRecord | undefined {
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    if (!device.UninstalledAt) {
      device.UninstalledAt = this.iso();
      this.onChange();
    }
    return device;
  }

  /**
   * Removes the device, its tokens (a push to them now finds no device) and the notifications it
   * received (nothing shows a phone that is gone). Failure events stay: they are the Chime side's record.
   */
  remove(deviceId: string): DeviceRecord | undefined {
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    this.devices.delete(deviceId);
    this.byToken.delete(device.DeviceToken);
    if (device.VoipDeviceToken) this.byToken.delete(device.VoipDeviceToken);
    this.deliveries = this.deliveries.filter((d) => d.DeviceId !== deviceId);
    this.onChange();
    return device;
  }

  recordDelivery(delivery: Omit<DeliveryRecord, 'DeliveryId' | 'Time'>): DeliveryRecord {
    const record: DeliveryRecord = { DeliveryId: randomUUID(), Time: this.iso(), ...delivery };
    this.deliveries.push(record);
    if (this.deliveries.length > this.maxDeliveries) this.deliveries.splice(0, this.deliveries.length - this.maxDeliveries);
    this.onChange();
    return record;
  }

  /** Newest last. */
  listDeliveries(filter: { DeviceId?: string; Title?: string; Via?: DeliveryVia } = {}): DeliveryRecord[] {
    return this.deliveries.filter(
      (d) =>
        (filter.DeviceId === undefined || d.DeviceId === filter.DeviceId) &&
        (filter.Title === undefined || d.Title === filter.Title) &&
        (filter.Via === undefined || d.Via === filter.Via),
    );
  }

  /** Keeps a delivery failure as EventBridge would carry it. */
  recordFailureEvent(input: { account: string; region: string; resources: string[]; detail: Record<string, unknown> }): FailureEvent {
    const event: FailureEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': FAILURE_EVENT_DETAIL_TYPE,
      source: FAILURE_EVENT_SOURCE,
      account: input.account,
      time: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: input.region,
      resources: [...input.resources],
      detail: input.detail,
    };
    this.events.push(event);
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
    this.onChange();
    return event;
  }

  /** Newest last. */
  listEvents(): FailureEvent[] {
    return [...this.events];
  }

  toJSON(): DeviceRegistrySnapshot {
    return { version: 1, devices: this.list(), deliveries: [...this.deliveries], events: [...this.events] };
  }

  /** Replaces the content with a snapshot; throws (leaving the registry unchanged) when it is not one. */
  restore(data: unknown): void {
    const parsed = snapshotSchema.parse(data) as DeviceRegistrySnapshot;
    this.devices.clear();
    this.byToken.clear();
    for (const device of parsed.devices) this.add(device);
    this.deliveries = parsed.deliveries.slice(-this.maxDeliveries);
    this.events = parsed.events.slice(-this.maxEvents);
  }

  static fromJSON(data: unknown, options: DeviceRegistryOptions = {}): DeviceRegistry {
    const registry = new DeviceRegistry(options);
    registry.restore(data);
    return registry;
  }

  private add(device: DeviceRecord): void {
    this.devices.set(device.DeviceId, device);
    this.byToken.set(device.DeviceToken, { device, voip: false });
    if (device.VoipDeviceToken) this.byToken.set(device.VoipDeviceToken, { device, voip: true });
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}

export interface DeviceRegistrySnapshot {
  version: 1;
  devices: DeviceRecord[];
  deliveries: DeliveryRecord[];
  events: FailureEvent[];
}

// The wire shapes of devices and deliveries, as the app reads them back (one declaration).
const deviceSchema = sandboxDeviceSchema;
const deliverySchema = sandboxDeliverySchema;
const eventSchema = z.looseObject({
  version: z.literal('0'),
  id: z.string(),
  'detail-type': z.literal(FAILURE_EVENT_DETAIL_TYPE),
  source: z.literal(FAILURE_EVENT_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
const snapshotSchema = z.object({
  version: z.literal(1),
  devices: z.array(deviceSchema),
  deliveries: z.array(deliverySchema),
  events: z.array(eventSchema),
});
