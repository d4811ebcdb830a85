/**
 * The app's client of the Local sandbox's simulated phones (issue 13): lists
 * devices and deliveries through the engine's reader (one parse of the wire),
 * and creates a device with POST /_sandbox/devices. The sandbox URL is the
 * current connection's; AWS profiles have no such routes, so the handlers
 * refuse before building one. Failures become WorkbenchErrors naming the route.
 */
import { WorkbenchCodes, fail, ok, type Result, type WorkbenchError } from '../../shared/errors';
import { sandboxDeviceSchema, type SandboxDelivery, type SandboxDevice } from '../../shared/push/deliveries';
import { createSandboxPushReader } from './chime';

export interface NewSimulatedDevice {
  readonly platform: 'APNS' | 'APNS_SANDBOX' | 'GCM';
  readonly name: string;
  readonly voip: boolean;
}

export interface SandboxDevicesClient {
  list(): Promise<Result<SandboxDevice[]>>;
  create(device: NewSimulatedDevice): Promise<Result<SandboxDevice>>;
  deliveries(deviceId?: string): Promise<Result<SandboxDelivery[]>>;
}

/** A failed read of the sandbox's control routes: unreachable (retryable) or a bad answer. */
export function sandboxError(thrown: unknown, route: string): WorkbenchError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  // fetch rejects with a TypeError when nothing listens; a bad answer is the reader's Error.
  const network = thrown instanceof TypeError;
  return {
    code: network ? WorkbenchCodes.NetworkError : 'SandboxError',
    message: network ? `The Local sandbox did not answer ${route}: ${message}` : message,
    retryable: network,
  };
}

async function attempt<T>(route: string, run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (thrown) {
    return fail(sandboxError(thrown, route));
  }
}

export function createSandboxDevicesClient(sandboxUrl: string, fetchImpl: typeof fetch = fetch): SandboxDevicesClient {
  const base = sandboxUrl.replace(/\/+$/, '');
  const reader = createSandboxPushReader(base, fetchImpl);
  return {
    list: () => attempt('GET /_sandbox/devices', () => reader.devices()),
    deliveries: (deviceId) =>
      attempt('GET /_sandbox/deliveries', () => reader.deliveries(deviceId ? { deviceId } : {})),
    async create({ platform, name, voip }) {
      const route = 'POST /_sandbox/devices';
      return attempt(route, async () => {
        const response = await fetchImpl(`${base}/_sandbox/devices`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Platform: platform, Name: name, Voip: voip }),
        });
        const body: unknown = await response.json().catch(() => undefined);
        if (!response.ok) {
          const { Code, Message } = (body ?? {}) as { Code?: string; Message?: string };
          throw new Error(`The sandbox refused the device (${Code ?? response.status}): ${Message ?? 'no message'}`);
        }
        return sandboxDeviceSchema.parse(body);
      });
    },
  };
}
