/**
 * What the Local sandbox says happened to pushes: its simulated phones'
 * deliveries (GET /_sandbox/deliveries) and the EventBridge-shaped delivery
 * failures (GET /_sandbox/events), as schemas (the wire is DESIGN.md's "local
 * push cloud" contract), and `lastDeliveryByEndpoint`, which turns them into
 * each endpoint row's "delivered 12:03:04" or "failed: reason". Pure.
 *
 * A delivery names the device token it reached, not the endpoint, so
 * endpoints are matched by their DeviceToken / VoipDeviceToken; a failure
 * event names the user and endpoint in its detail (the sandbox's layout,
 * documented as simulated behaviour in the README).
 */
import { z } from 'zod';

export const sandboxDeliverySchema = z.object({
  DeliveryId: z.string(),
  Time: z.string(),
  DeviceId: z.string(),
  DeviceToken: z.string(),
  Via: z.enum(['CHIME', 'APNS', 'FCM']),
  PushType: z.string(),
  Title: z.string(),
  Body: z.string(),
  Payload: z.unknown(),
});
export type SandboxDelivery = z.infer<typeof sandboxDeliverySchema>;
export const sandboxDeliveriesSchema = z.object({ Deliveries: z.array(sandboxDeliverySchema) });

export const deliveryFailureEventSchema = z.object({
  id: z.string(),
  time: z.string(),
  source: z.string(),
  'detail-type': z.string(),
  resources: z.array(z.string()),
  detail: z
    .object({
      appInstanceUserArn: z.string().optional(),
      endpointId: z.string().optional(),
      channelArn: z.string().optional(),
      messageId: z.string().optional(),
      pushType: z.string().optional(),
      failureReason: z.string().optional(),
      statusReason: z.string().optional(),
      endpointDeactivated: z.boolean().optional(),
    })
    .passthrough(),
});
export type DeliveryFailureEvent = z.infer<typeof deliveryFailureEventSchema>;
export const sandboxEventsSchema = z.object({ Events: z.array(deliveryFailureEventSchema) });

/** The sandbox's `CreatedBy` of the simulated devices the app creates: what its Clean up removes. */
export const WORKBENCH_DEVICE_CREATOR = 'workbench';

export const sandboxDeviceSchema = z.object({
  DeviceId: z.string(),
  Name: z.string(),
  Platform: z.enum(['APNS', 'APNS_SANDBOX', 'GCM']),
  Voip: z.boolean(),
  BundleId: z.string().optional(),
  ProjectId: z.string().optional(),
  DeviceToken: z.string(),
  VoipDeviceToken: z.string().optional(),
  Created: z.string(),
  UninstalledAt: z.string().optional(),
  CreatedBy: z.string().optional(),
});
export type SandboxDevice = z.infer<typeof sandboxDeviceSchema>;
export const sandboxDevicesSchema = z.object({ Devices: z.array(sandboxDeviceSchema) });

export interface EndpointTokens {
  readonly userArn: string;
  readonly endpointId: string;
  readonly deviceToken?: string | undefined;
  readonly voipDeviceToken?: string | undefined;
}

export type LastDelivery =
  | { readonly kind: 'delivered'; readonly time: number; readonly title: string; readonly via: SandboxDelivery['Via']; readonly pushType: string; readonly deviceId: string }
  | { readonly kind: 'failed'; readonly time: number; readonly reason: string; readonly deactivated: boolean; readonly statusReason?: string; readonly messageId?: string };

/** The newest outcome per endpoint (key `${userArn}#${endpointId}`); endpoints with none are absent. */
export function lastDeliveryByEndpoint(
  endpoints: readonly EndpointTokens[],
  deliveries: readonly SandboxDelivery[],
  events: readonly DeliveryFailureEvent[],
): Map<string, LastDelivery> {
  const out = new Map<string, LastDelivery>();
  const keep = (key: string, candidate: LastDelivery) => {
    const current = out.get(key);
    if (!current || candidate.time >= current.time) out.set(key, candidate);
  };
  for (const e of endpoints) {
    const key = endpointKey(e.userArn, e.endpointId);
    for (const d of deliveries) {
      if (d.DeviceToken !== e.deviceToken && d.DeviceToken !== e.voipDeviceToken) continue;
      keep(key, { kind: 'delivered', time: Date.parse(d.Time), title: d.Title, via: d.Via, pushType: d.PushType, deviceId: d.DeviceId });
    }
    for (const ev of events) {
      if (ev.detail.endpointId !== e.endpointId || ev.detail.appInstanceUserArn !== e.userArn) continue;
      keep(key, {
        kind: 'failed',
        time: Date.parse(ev.time),
        reason: ev.detail.failureReason ?? ev['detail-type'],
        deactivated: ev.detail.endpointDeactivated ?? false,
        ...(ev.detail.statusReason && { statusReason: ev.detail.statusReason }),
        ...(ev.detail.messageId && { messageId: ev.detail.messageId }),
      });
    }
  }
  return out;
}

export const endpointKey = (userArn: string, endpointId: string) => `${userArn}#${endpointId}`;

/** The row's words: "delivered 12:03:04" or "failed 12:03:04: <reason>" (local time, as the clock on the wall). */
export function describeLastDelivery(d: LastDelivery, timeZone?: string): string {
  const at = new Date(d.time).toLocaleTimeString('en-GB', { hour12: false, ...(timeZone && { timeZone }) });
  if (d.kind === 'delivered') return `delivered ${at}`;
  return `failed ${at}: ${d.reason}${d.deactivated ? ` (endpoint turned INACTIVE${d.statusReason ? ` ${d.statusReason}` : ''})` : ''}`;
}
