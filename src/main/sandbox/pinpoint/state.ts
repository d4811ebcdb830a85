/** Pinpoint's state: apps (by their 32-hex id) and each app's push channels with their credentials. */
import { OrderedMap } from '../core/orderedMap';
import type { StateSlice } from '../core/service';

/** The URL segment of each channel kind, and its Platform value. */
export const CHANNEL_KINDS = {
  apns: 'APNS',
  apns_sandbox: 'APNS_SANDBOX',
  apns_voip: 'APNS_VOIP',
  apns_voip_sandbox: 'APNS_VOIP_SANDBOX',
  gcm: 'GCM',
} as const;
export type ChannelKind = keyof typeof CHANNEL_KINDS;

export interface PushChannelRecord {
  kind: ChannelKind;
  enabled: boolean;
  defaultAuthenticationMethod?: string;
  /** APNs: certificate or token credentials; GCM: ApiKey or ServiceJson. Kept so the delivery can use them. */
  credentials: Record<string, string>;
  created: number;
  updated: number;
  version: number;
}

export interface PinpointAppRecord {
  id: string;
  arn: string;
  name: string;
  tags: Record<string, string>;
  created: number;
  channels: Partial<Record<ChannelKind, PushChannelRecord>>;
}

export class PinpointState {
  readonly apps = new OrderedMap<PinpointAppRecord>();

  clear(): void {
    for (const app of [...this.apps.values()]) this.apps.delete(app.id);
  }
}

export function pinpointSlice(state: PinpointState): StateSlice {
  return {
    key: 'pinpoint',
    toJSON: () => ({ apps: [...state.apps.values()] }),
    fromJSON: (data) => {
      state.clear();
      if (data === undefined) return;
      const apps = (data as { apps?: unknown }).apps;
      if (!Array.isArray(apps)) throw new Error('pinpoint.apps is not a list');
      for (const app of apps as PinpointAppRecord[]) {
        if (typeof app.id !== 'string' || typeof app.arn !== 'string' || !app.channels || typeof app.channels !== 'object') {
          throw new Error('pinpoint.apps holds an app of the wrong shape');
        }
        state.apps.set(app.id, app);
      }
    },
  };
}
