/**
 * Reads the Local sandbox's simulated phones, deliveries and delivery-failure
 * events over HTTP (its /_sandbox/ control routes; loopback only, no browser
 * Origin is sent from Node), validated against the shared schemas, so the app
 * shows each endpoint's last delivery. The sandbox's URL is passed in.
 */
import { z } from 'zod';
import {
  lastDeliveryByEndpoint,
  sandboxDeliveriesSchema,
  sandboxDevicesSchema,
  sandboxEventsSchema,
  type DeliveryFailureEvent,
  type EndpointTokens,
  type LastDelivery,
  type SandboxDelivery,
  type SandboxDevice,
} from '../../../shared/push/deliveries';

export interface DeliveryQuery {
  readonly deviceId?: string;
  readonly title?: string;
  readonly via?: SandboxDelivery['Via'];
}

export interface SandboxPushReader {
  deliveries(query?: DeliveryQuery): Promise<SandboxDelivery[]>;
  events(): Promise<DeliveryFailureEvent[]>;
  devices(): Promise<SandboxDevice[]>;
  /** Deliveries and events read once, then matched to the endpoints. */
  lastDeliveryByEndpoint(endpoints: readonly EndpointTokens[]): Promise<Map<string, LastDelivery>>;
}

export function createSandboxPushReader(sandboxUrl: string, fetchImpl: typeof fetch = fetch): SandboxPushReader {
  const base = sandboxUrl.replace(/\/+$/, '');
  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await fetchImpl(`${base}${path}`);
    if (!response.ok) throw new Error(`The sandbox answered ${response.status} to GET ${path}: ${await response.text()}`);
    return schema.parse(await response.json());
  }
  const reader: SandboxPushReader = {
    async deliveries(query = {}) {
      const params = new URLSearchParams();
      if (query.deviceId) params.set('DeviceId', query.deviceId);
      if (query.title) params.set('Title', query.title);
      if (query.via) params.set('Via', query.via);
      const q = params.toString();
      return (await get(`/_sandbox/deliveries${q ? `?${q}` : ''}`, sandboxDeliveriesSchema)).Deliveries;
    },
    async events() {
      return (await get('/_sandbox/events', sandboxEventsSchema)).Events;
    },
    async devices() {
      return (await get('/_sandbox/devices', sandboxDevicesSchema)).Devices;
    },
    async lastDeliveryByEndpoint(endpoints) {
      const [deliveries, events] = await Promise.all([reader.deliveries(), reader.events()]);
      return lastDeliveryByEndpoint(endpoints, deliveries, events);
    },
  };
  return reader;
}
