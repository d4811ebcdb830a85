/**
 * The app's client of the Local sandbox's simulated phones (issue 13): lists
 * devices and deliveries through the engine's reader (one parse of the wire),
 * creates a device with POST /_sandbox/devices (marked `CreatedBy: "workbench"`
 * so Clean up finds it) and removes one with DELETE /_sandbox/devices/{id}. The sandbox URL is the
 * current connection's; AWS profiles have no such routes, so the handlers
 * refuse before building one. Failures become WorkbenchErrors naming the route.
 */
import { WorkbenchCodes, fail, ok, type Result, type WorkbenchError } from '../../shared/errors';
import { sandboxDeviceSchema, WORKBENCH_DEVICE_CREATOR, type SandboxDelivery, type SandboxDevice } from '../../shared/push/deliveries';
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
  /** A device the sandbox does not know answers NotFoundException. */
  remove(deviceId: string): Promise<Result<SandboxDevice>>;
}

/** The sandbox's REST-JSON error body as an Error named by its type (a 404 is NotFoundException). */
async function refusal(response: Response, what: string): Promise<Error> {
  const body: unknown = await response.json().catch(() => undefined);
  const { Code, Message } = (body ?? {}) as { Code?: string; Message?: string };
  const error = new Error(`The sandbox refused ${what} (${Code ?? response.status}): ${Message ?? 'no message'}`);
  error.name = response.headers.get('x-amzn-errortype') ?? Code ?? 'SandboxError';
  return error;
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
    const error = sandboxError(thrown, route);
    // Keep the sandbox's own error type (NotFoundException) so callers can tell "already gone".
    return fail(thrown instanceof Error && thrown.name === 'NotFoundException' ? { ...error, code: thrown.name } : error);
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
          body: JSON.stringify({ Platform: platform, Name: name, Voip: voip, CreatedBy: WORKBENCH_DEVICE_CREATOR }),
        });
        if (!response.ok) throw await refusal(response, 'the device');
        return sandboxDeviceSchema.parse(await response.json());
      });
    },
    async remove(deviceId) {
      return attempt('DELETE /_sandbox/devices/{DeviceId}', async () => {
        const response = await fetchImpl(`${base}/_sandbox/devices/${encodeURIComponent(deviceId)}`, { method: 'DELETE' });
        if (!response.ok) throw await refusal(response, `to remove the device ${deviceId}`);
        return sandboxDeviceSchema.parse(await response.json());
      });
    },
  };
}
