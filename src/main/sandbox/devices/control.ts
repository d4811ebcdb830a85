/**
 * The simulated-device control routes, as a pure function the sandbox's
 * server calls for `/_sandbox/…` targets (it answers undefined for targets
 * that are not its own):
 *
 *   POST /_sandbox/devices                      {"Platform","Name"?,"Voip"?,"BundleId"?,"ProjectId"?,"CreatedBy"?}
 *                                               → 200 the device ({"DeviceId","DeviceToken","VoipDeviceToken"?,…})
 *   GET  /_sandbox/devices                      → {"Devices":[…]}
 *   DELETE /_sandbox/devices/{DeviceId}         → 200 the removed device (its deliveries go with it)
 *   POST /_sandbox/devices/{DeviceId}/uninstall → 200 the device, with "UninstalledAt"
 *   GET  /_sandbox/deliveries[?DeviceId=&Title=&Via=] → {"Deliveries":[…]} (newest last)
 *   GET  /_sandbox/events                       → {"Events":[…]} (newest last)
 *
 * Bad input answers 400 BadRequestException, an unknown device 404 NotFoundException.
 */
import { z } from 'zod';
import { answering, splitTarget, type ControlAnswer } from '../core/controls';
import { badRequest, notFound } from '../core/errors';
import { parseBody } from '../core/body';
import { DELIVERY_VIAS, DEVICE_PLATFORMS, type DeviceRegistry } from './registry';

// Bundle ids (and Android package names) as Apple and Google allow them.
const BUNDLE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
// Firebase/Google Cloud project ids.
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const createBody = z
  .strictObject({
    Platform: z.enum(DEVICE_PLATFORMS),
    Name: z.string().trim().min(1).max(256).optional(),
    Voip: z.boolean().optional(),
    BundleId: z.string().max(155).regex(BUNDLE_ID, 'a bundle id such as com.example.app').optional(),
    ProjectId: z.string().regex(PROJECT_ID, 'a Firebase project id (6–30 lowercase letters, digits and hyphens)').optional(),
    // Free text kept with the device: the app sends "workbench" so its Clean up can tell its devices from others.
    CreatedBy: z.string().trim().min(1).max(64).optional(),
  })
  .refine((b) => !(b.Platform === 'GCM' && b.Voip), { message: 'Voip is for APNs devices only (PushKit); FCM devices have no VoIP token', path: ['Voip'] })
  .refine((b) => !(b.Platform !== 'GCM' && b.ProjectId !== undefined), { message: 'ProjectId is for GCM (FCM) devices only', path: ['ProjectId'] });

const DEFAULT_NAMES = { APNS: 'iPhone', APNS_SANDBOX: 'iPhone (development)', GCM: 'Android phone' } as const;

const UNINSTALL = /^\/_sandbox\/devices\/([^/]+)\/uninstall$/;
const DEVICE = /^\/_sandbox\/devices\/([^/]+)$/;

export function handleDevicesControl(devices: DeviceRegistry, method: string, target: string, bodyText: string): ControlAnswer | undefined {
  const { path, query } = splitTarget(target);
  const route = `${method} ${path}`;
  if (route === 'POST /_sandbox/devices') return answering(() => createDevice(devices, bodyText));
  if (route === 'GET /_sandbox/devices') return { status: 200, body: { Devices: devices.list() } };
  if (route === 'GET /_sandbox/deliveries') return answering(() => listDeliveries(devices, query));
  if (route === 'GET /_sandbox/events') return { status: 200, body: { Events: devices.listEvents() } };
  const removal = method === 'DELETE' ? DEVICE.exec(path) : null;
  if (removal) {
    return answering(() => {
      const id = decodeURIComponent(removal[1] ?? '');
      const device = devices.remove(id);
      if (!device) throw notFound(`No simulated device ${id}`);
      return { status: 200, body: { ...device } };
    });
  }
  const uninstall = method === 'POST' ? UNINSTALL.exec(path) : null;
  if (uninstall) {
    return answering(() => {
      const id = decodeURIComponent(uninstall[1] ?? '');
      const device = devices.uninstall(id);
      if (!device) throw notFound(`No simulated device ${id}`);
      return { status: 200, body: { ...device } };
    });
  }
  return undefined;
}

function createDevice(devices: DeviceRegistry, bodyText: string): ControlAnswer {
  const parsed = createBody.safeParse(parseBody(bodyText));
  if (!parsed.success) {
    throw badRequest(`Expected {"Platform":"APNS|APNS_SANDBOX|GCM","Name"?,"Voip"?,"BundleId"?,"ProjectId"?,"CreatedBy"?}: ${z.prettifyError(parsed.error)}`);
  }
  const input = parsed.data;
  const device = devices.create({ ...input, Name: input.Name ?? DEFAULT_NAMES[input.Platform] });
  return { status: 200, body: { ...device } };
}

function listDeliveries(devices: DeviceRegistry, query: URLSearchParams): ControlAnswer {
  const via = query.get('Via') ?? undefined;
  if (via !== undefined && !(DELIVERY_VIAS as readonly string[]).includes(via)) throw badRequest(`Via must be one of ${DELIVERY_VIAS.join(', ')}`);
  const filter = {
    ...(query.has('DeviceId') && { DeviceId: query.get('DeviceId') ?? '' }),
    ...(query.has('Title') && { Title: query.get('Title') ?? '' }),
    ...(via !== undefined && { Via: via as (typeof DELIVERY_VIAS)[number] }),
  };
  return { status: 200, body: { Deliveries: devices.listDeliveries(filter) } };
}
