/**
 * The Local sandbox's simulated phones (issue 13): whether the "Simulated
 * devices" panel is open, the devices and every delivery they received (one
 * load, so a device and its notifications never disagree), and creating one.
 * Main refuses these on AWS profiles; the panel is offered on the sandbox only.
 */
import type { SliceCreator } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { getApi } from '../../api';
import type { Resource } from '../../store/resource';
import type { Result } from '../../../../shared/errors';
import type { LastDelivery, SandboxDelivery, SandboxDevice } from '../../../../shared/push/deliveries';
import { loadInto } from '../../store/resource';

export interface SimulatedDevices {
  readonly devices: readonly SandboxDevice[];
  readonly deliveries: readonly SandboxDelivery[];
}

export interface NewSimulatedDeviceInput {
  readonly platform: 'APNS' | 'APNS_SANDBOX' | 'GCM';
  readonly name: string;
  readonly voip: boolean;
}

export interface DevicesSlice {
  readonly simulatedDevicesOpen: boolean;
  readonly simulatedDevices?: Resource<SimulatedDevices>;
  setSimulatedDevicesOpen(open: boolean): void;
  loadSimulatedDevices(): Promise<void>;
  createSimulatedDevice(input: NewSimulatedDeviceInput): Promise<Result<SandboxDevice>>;
  /** Each endpoint row's last delivery on the sandbox, keyed by user; by endpoint id. */
  readonly lastDeliveries?: Resource<Readonly<Record<string, LastDelivery>>>;
  loadLastDeliveries(userArn: string): Promise<void>;
}

const KEY = 'sandbox';

export const createDevicesSlice: SliceCreator<DevicesSlice> = (set, get) => ({
  simulatedDevicesOpen: false,

  setSimulatedDevicesOpen(open) {
    set({ simulatedDevicesOpen: open });
    if (open) void get().loadSimulatedDevices();
  },

  async loadSimulatedDevices() {
    const previous = get().simulatedDevices?.value;
    // A poll keeps what is shown while it runs; only its answer replaces it.
    set({ simulatedDevices: { key: KEY, loading: true, ...(previous && { value: previous }) } });
    const [devices, deliveries] = await Promise.all([getApi()['devices:list'](), getApi()['devices:deliveries']({})]);
    if (devices.ok && deliveries.ok) {
      set({
        simulatedDevices: {
          key: KEY,
          loading: false,
          value: { devices: devices.value, deliveries: deliveries.value },
          at: Date.now(),
        },
      });
    } else {
      const error = devices.ok ? (deliveries.ok ? undefined : deliveries.error) : devices.error;
      set({
        simulatedDevices: { key: KEY, loading: false, ...(previous && { value: previous }), ...(error && { error }) },
      });
    }
  },

  async loadLastDeliveries(userArn) {
    if (get().connection?.info.kind !== 'sandbox') return;
    await loadInto(
      userArn,
      async () => {
        // The tokens the rows show (the endpoints are described for the table): matched in main, no Chime call.
        const endpoints = (get().selectedUserArn === userArn ? selectEndpoints(get()) : []).flatMap((e) =>
          e.EndpointId
            ? [
                {
                  endpointId: e.EndpointId,
                  ...(e.EndpointAttributes?.DeviceToken && { deviceToken: e.EndpointAttributes.DeviceToken }),
                  ...(e.EndpointAttributes?.VoipDeviceToken && {
                    voipDeviceToken: e.EndpointAttributes.VoipDeviceToken,
                  }),
                },
              ]
            : [],
        );
        const result = await getApi()['devices:lastDeliveries']({ userArn, endpoints });
        return result.ok
          ? { ok: true as const, value: Object.fromEntries(result.value.map((e) => [e.endpointId, e.last])) }
          : result;
      },
      () => get().lastDeliveries,
      (lastDeliveries) => set({ lastDeliveries }),
    );
  },

  async createSimulatedDevice(input) {
    const result = await getApi()['devices:create'](input);
    if (result.ok) await get().loadSimulatedDevices();
    return result;
  },
});
