/**
 * The push cloud (simulated devices, the sandbox CA, issued APNs/FCM
 * credentials, the APNs and FCM emulators) as a sandbox service:
 *
 * - control routes `/_sandbox/{devices, devices/{id}/uninstall, deliveries,
 *   events, ca.pem, apns-keys, apns-certs, fcm-projects}` (the full target,
 *   query string included, goes to `PushCloud.handleControl`);
 * - FCM HTTP v1 on the main port: `POST /_fcm/token`, `POST /v1/projects/{id}/messages:send`;
 * - `health()`: `{"apns":{"production","sandbox"},"fcm"}`;
 * - the `pushCloud` state slice (CA, issued credentials, devices, deliveries, events).
 *
 * The APNs emulator listens on its own two TLS ports, so the cloud starts
 * once the data file is loaded (its CA comes from there) and the main port is
 * known: `start(baseUrl)`; `close()` stops it.
 */
import { SandboxError } from '../core/errors';
import type { ControlRoute, FaultErrors, SandboxService } from '../core/service';
import { AnsweredError } from '../protocols/adapt';
import { FCM_TOKEN_PATH } from './fcm';
import { startPushCloud, type PushCloud, type PushCloudOptions } from './pushCloud';

const FCM_SEND = /^\/v1\/projects\/[^/]+\/messages:send$/;

export interface PushCloudService extends SandboxService {
  /** Starts the emulators (restoring the persisted snapshot, if any). */
  start(options: Omit<PushCloudOptions, 'snapshot'>): Promise<PushCloud>;
  /** The running cloud (throws before `start`). */
  readonly cloud: PushCloud;
  close(): Promise<void>;
}

function fcmError(status: number, rpc: string) {
  return (message: string) =>
    new AnsweredError({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: status, message, status: rpc } }) });
}

const FAULTS: FaultErrors = {
  throttled: fcmError(429, 'RESOURCE_EXHAUSTED'),
  unavailable: fcmError(503, 'UNAVAILABLE'),
  denied: fcmError(403, 'PERMISSION_DENIED'),
  unauthorized: fcmError(401, 'UNAUTHENTICATED'),
  internal: fcmError(500, 'INTERNAL'),
};

export function createPushCloudService(): PushCloudService {
  let cloud: PushCloud | undefined;
  let pending: unknown;
  const running = (): PushCloud => {
    if (!cloud) throw new SandboxError('ServiceUnavailableException', 'The push cloud is not started yet');
    return cloud;
  };
  const control = (method: ControlRoute['method'], path: string | RegExp): ControlRoute => ({
    method,
    path,
    mutating: method === 'POST' || method === 'DELETE',
    handle: (req) => {
      const query = req.query.toString();
      const answer = running().handleControl(req.method, query ? `${req.rawPath}?${query}` : req.rawPath, req.body);
      if (!answer) throw new SandboxError('UnknownOperationException', `No sandbox control route ${req.method} ${req.rawPath}`);
      return answer;
    },
  });
  return {
    name: 'push-cloud',
    auth: { kind: 'none' },
    actionPrefix: 'fcm',
    faultErrors: FAULTS,
    match: (req) => {
      if (req.method !== 'POST' || !(req.rawPath === FCM_TOKEN_PATH || FCM_SEND.test(req.rawPath))) return undefined;
      return {
        name: req.rawPath === FCM_TOKEN_PATH ? 'Token' : 'SendMessage',
        mutating: false,
        run: async () => {
          const query = req.query.toString();
          const answer = await running().handleHttp({ method: req.method, target: query ? `${req.rawPath}?${query}` : req.rawPath, headers: req.headers, body: req.body });
          if (!answer) throw new SandboxError('UnknownOperationException', `No FCM route ${req.method} ${req.rawPath}`);
          if (answer.status >= 400) throw new AnsweredError(answer);
          return answer;
        },
      };
    },
    renderError: (error) =>
      error instanceof AnsweredError ? error.response : { status: error.status, headers: { 'content-type': 'application/json' }, body: { error: { code: error.status, message: error.message, status: 'INTERNAL' } } },
    state: {
      key: 'pushCloud',
      toJSON: () => cloud?.toJSON() ?? pending,
      fromJSON: (data) => {
        if (cloud) throw new Error('the push cloud state is restored before it starts');
        pending = data;
      },
    },
    controls: [
      control('POST', '/_sandbox/devices'),
      control('GET', '/_sandbox/devices'),
      control('POST', /^\/_sandbox\/devices\/[^/]+\/uninstall$/),
      control('DELETE', /^\/_sandbox\/devices\/[^/]+$/),
      control('GET', '/_sandbox/deliveries'),
      control('GET', '/_sandbox/events'),
      control('GET', '/_sandbox/ca.pem'),
      control('POST', '/_sandbox/apns-keys'),
      control('POST', '/_sandbox/apns-certs'),
      control('POST', '/_sandbox/fcm-projects'),
    ],
    health: () => (cloud ? { ...cloud.health() } : {}),
    get cloud() {
      return running();
    },
    start: async (options) => {
      cloud = await startPushCloud({ ...options, ...(pending !== undefined && { snapshot: pending }) });
      pending = undefined;
      return cloud;
    },
    close: async () => {
      await cloud?.close();
    },
  };
}
