/**
 * The local push cloud's pieces in one place, for the sandbox core to mount:
 * simulated devices, the sandbox CA, the issued credentials, the APNs
 * emulator (its own two TLS ports) and the FCM emulator (routes on the
 * sandbox's main port).
 *
 *   const cloud = await startPushCloud({ baseUrl: sandboxUrl, now, snapshot, onChange });
 *   cloud.handleControl(method, target, body)   // /_sandbox/{devices,deliveries,events,ca.pem,apns-keys,apns-certs,fcm-projects}
 *   await cloud.handleHttp({ method, target, headers, body })   // /_fcm/token, /v1/projects/{p}/messages:send
 *   cloud.health()                              // {"apns":{"production","sandbox"},"fcm"} for GET /_sandbox/health
 *   cloud.toJSON()                              // into the data file; pass back as `snapshot`
 */
import type { ControlAnswer } from '../core/controls';
import { DeviceRegistry, handleDevicesControl } from '../devices';
import { startApnsEmulator, handleApnsIssueControl, type RunningApnsEmulator } from './apns';
import { handleCaControl, SandboxCa } from './ca';
import { PushCredentials } from './credentials';
import { FcmEmulator, handleFcmIssueControl, type FcmAnswer, type FcmRequest } from './fcm';
import { z } from 'zod';

export interface PushCloudOptions {
  /** The sandbox's main URL (`http://127.0.0.1:PORT`): FCM's routes and the issued service accounts' token_uri live there. */
  readonly baseUrl: string | (() => string);
  readonly now?: () => number;
  /** A `toJSON()` of an earlier run; without it a new CA is made. Throws when it is not one. */
  readonly snapshot?: unknown;
  /** Called after every change worth persisting. */
  readonly onChange?: () => void;
  readonly apnsProductionPort?: number;
  readonly apnsSandboxPort?: number;
  readonly fcmQuotaPerDevicePerMinute?: number;
  readonly maxDeliveries?: number;
  readonly log?: (line: string) => void;
}

export interface PushCloudHealth {
  readonly apns: { readonly production: string; readonly sandbox: string };
  readonly fcm: string;
}

export interface PushCloudSnapshot {
  version: 1;
  ca: unknown;
  credentials: unknown;
  devices: unknown;
}

export interface PushCloud {
  readonly devices: DeviceRegistry;
  readonly credentials: PushCredentials;
  readonly ca: SandboxCa;
  readonly apns: RunningApnsEmulator;
  readonly fcm: FcmEmulator;
  /** Answers this module's `/_sandbox/…` routes; undefined for any other target. */
  handleControl(method: string, target: string, bodyText: string): ControlAnswer | undefined;
  /** Answers the FCM emulator's routes on the main port; undefined for any other target. */
  handleHttp(req: FcmRequest): Promise<FcmAnswer | undefined>;
  health(): PushCloudHealth;
  toJSON(): PushCloudSnapshot;
  close(): Promise<void>;
}

const snapshotSchema = z.object({ version: z.literal(1), ca: z.unknown(), credentials: z.unknown(), devices: z.unknown() });

export async function startPushCloud(options: PushCloudOptions): Promise<PushCloud> {
  const now = options.now ?? Date.now;
  const onChange = options.onChange ?? (() => {});
  const baseUrl = () => (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl);
  const registryOptions = { now, onChange, ...(options.maxDeliveries !== undefined && { maxDeliveries: options.maxDeliveries }) };

  let ca: SandboxCa;
  let credentials: PushCredentials;
  let devices: DeviceRegistry;
  if (options.snapshot !== undefined) {
    const parsed = snapshotSchema.parse(options.snapshot);
    ca = SandboxCa.fromJSON(parsed.ca);
    credentials = PushCredentials.fromJSON(parsed.credentials, onChange);
    devices = DeviceRegistry.fromJSON(parsed.devices, registryOptions);
  } else {
    ca = SandboxCa.create();
    credentials = new PushCredentials(onChange);
    devices = new DeviceRegistry(registryOptions);
    onChange();
  }
  const hadServerCert = ca.toJSON().server !== undefined;
  const apns = await startApnsEmulator({
    ca,
    devices,
    credentials,
    now,
    ...(options.apnsProductionPort !== undefined && { productionPort: options.apnsProductionPort }),
    ...(options.apnsSandboxPort !== undefined && { sandboxPort: options.apnsSandboxPort }),
    ...(options.log && { log: options.log }),
  });
  if (!hadServerCert) onChange(); // the TLS server certificate was just made: keep it.
  const fcm = new FcmEmulator({ devices, credentials, now, ...(options.fcmQuotaPerDevicePerMinute !== undefined && { quotaPerDevicePerMinute: options.fcmQuotaPerDevicePerMinute }) });

  return {
    devices,
    credentials,
    ca,
    apns,
    fcm,
    handleControl: (method, target, bodyText) =>
      handleDevicesControl(devices, method, target, bodyText) ??
      handleCaControl(ca, method, target) ??
      handleApnsIssueControl({ credentials, ca, now }, method, target, bodyText) ??
      handleFcmIssueControl({ credentials, baseUrl: baseUrl(), now }, method, target, bodyText),
    handleHttp: (req) => fcm.handle(req),
    health: () => ({ apns: apns.urls, fcm: baseUrl() }),
    toJSON: () => ({ version: 1, ca: ca.toJSON(), credentials: credentials.toJSON(), devices: devices.toJSON() }),
    close: () => apns.close(),
  };
}
