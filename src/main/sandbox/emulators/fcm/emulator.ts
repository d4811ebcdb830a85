/**
 * The FCM emulator, mounted on the sandbox's main (plain HTTP) port:
 *
 *   POST /_fcm/token                             OAuth2 JWT-bearer grant for service accounts
 *        form grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>
 *        → {"access_token","expires_in":3599,"token_type":"Bearer"}
 *   POST /v1/projects/{id or number}/messages:send   FCM HTTP v1, Authorization: Bearer <access token>
 *        {"message":{…},"validate_only"?} → {"name":"projects/{id}/messages/{message id}"}
 *
 * Errors are Google's: OAuth2 `{"error","error_description"}`, FCM a
 * google.rpc.Status with FcmError / BadRequest / QuotaFailure / ErrorInfo
 * details. Simulated choices (also in README.md):
 * - a token shaped like an FCM token but belonging to no simulated device,
 *   and a device whose app was uninstalled: 404 UNREGISTERED; a token that
 *   cannot be an FCM token (an APNs token, say): 400 INVALID_ARGUMENT;
 * - a device created with another ProjectId: 403 SENDER_ID_MISMATCH;
 * - more than `quotaPerDevicePerMinute` (default 240) messages to one device
 *   within a minute: 429 QUOTA_EXCEEDED;
 * - `topic` and `condition` targets are accepted and reach no one (simulated
 *   devices subscribe to no topic).
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { isPlausibleDeviceToken } from '../../../../shared/chime/deviceTokens';
import type { DeviceRegistry } from '../../devices/registry';
import type { FcmProjectRecord, PushCredentials } from '../credentials';
import { FCM_TOKEN_PATH } from './issue';

export const FCM_SCOPES = ['https://www.googleapis.com/auth/firebase.messaging', 'https://www.googleapis.com/auth/cloud-platform'];
export const ACCESS_TOKEN_LIFETIME_S = 3599;
export const DEFAULT_QUOTA_PER_DEVICE_PER_MINUTE = 240;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const SEND_PATH = /^\/v1\/projects\/([^/]+)\/messages:send$/;
const MAX_MESSAGE_BYTES = 4096;
const TOPIC = /^[a-zA-Z0-9\-_.~%]+$/;
const MESSAGE_FIELDS = new Set(['name', 'token', 'topic', 'condition', 'fid', 'data', 'notification', 'android', 'apns', 'webpush', 'fcm_options', 'fcmOptions']);
const REQUEST_FIELDS = new Set(['message', 'validate_only', 'validateOnly']);
const FCM_ERROR = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

export interface FcmRequest {
  readonly method: string;
  /** The request target (path and query). */
  readonly target: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FcmAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
}

export interface FcmEmulatorOptions {
  readonly devices: DeviceRegistry;
  readonly credentials: PushCredentials;
  /** Epoch milliseconds. */
  readonly now?: () => number;
  readonly quotaPerDevicePerMinute?: number;
}

interface AccessToken {
  readonly projectId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

class FcmFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly rpcStatus: string,
    message: string,
    readonly details: Record<string, unknown>[] = [],
  ) {
    super(message);
  }
}

const fcmError = (errorCode: string) => ({ '@type': FCM_ERROR, errorCode });
const invalidArgument = (message: string, field?: string) =>
  new FcmFailure(400, 'INVALID_ARGUMENT', message, [
    fcmError('INVALID_ARGUMENT'),
    ...(field ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] }] : []),
  ]);
const errorInfo = (reason: string, metadata: Record<string, string> = {}) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'fcm.googleapis.com', method: 'google.firebase.fcm.v1.FcmService.SendMessage', ...metadata },
});

export class FcmEmulator {
  private readonly tokens = new Map<string, AccessToken>();
  /** Send times per device, for the per-device quota. */
  private readonly recent = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly quota: number;

  constructor(private readonly options: FcmEmulatorOptions) {
    this.now = options.now ?? Date.now;
    this.quota = options.quotaPerDevicePerMinute ?? DEFAULT_QUOTA_PER_DEVICE_PER_MINUTE;
  }

  /** Answers the emulator's routes; undefined for any other target. */
  async handle(req: FcmRequest): Promise<FcmAnswer | undefined> {
    const path = req.target.split('?')[0] ?? '';
    if (path === FCM_TOKEN_PATH) {
      if (req.method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'Only POST is supported' });
      return this.token(req);
    }
    const send = SEND_PATH.exec(path);
    if (send && req.method === 'POST') {
      try {
        return json(200, this.send(decodeURIComponent(send[1] ?? ''), req));
      } catch (error) {
        if (!(error instanceof FcmFailure)) throw error;
        return json(error.httpStatus, { error: { code: error.httpStatus, message: error.message, status: error.rpcStatus, details: error.details } });
      }
    }
    return undefined;
  }

  private async token(req: FcmRequest): Promise<FcmAnswer> {
    const form = new URLSearchParams(req.body);
    const grantType = form.get('grant_type');
    if (grantType !== JWT_BEARER) return oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    const assertion = form.get('assertion');
    if (!assertion) return oauthError('invalid_request', 'Missing required parameter: assertion');

    let header;
    let claims: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion);
      const payloadPart = assertion.split('.')[1] ?? '';
      claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return oauthError('invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
    }
    const project = typeof claims.iss === 'string' ? this.options.credentials.fcmProjectByEmail(claims.iss) : undefined;
    if (!project) return oauthError('invalid_grant', 'Invalid grant: account not found');
    if (header.alg !== 'RS256' || !(await this.signedByProject(assertion, header.kid, project))) return oauthError('invalid_grant', 'Invalid JWT Signature.');
    if (typeof claims.aud !== 'string' || !(claims.aud === GOOGLE_TOKEN_URI || claims.aud.endsWith(FCM_TOKEN_PATH))) {
      return oauthError('invalid_grant', `Invalid JWT: Failed audience check. The expected audience is the service account's token_uri.`);
    }
    const nowS = this.now() / 1000;
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || iat > nowS + 300 || exp < nowS) {
      return oauthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0) return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');

    const accessToken = `ya29.sandbox.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, { projectId: project.ProjectId, scopes, expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000 });
    this.dropExpiredTokens();
    return json(200, { access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S, token_type: 'Bearer' });
  }

  private async signedByProject(assertion: string, kid: string | undefined, project: FcmProjectRecord): Promise<boolean> {
    const keys = kid === undefined ? project.Keys : project.Keys.filter((k) => k.PrivateKeyId === kid);
    for (const key of keys) {
      try {
        await compactVerify(assertion, createPublicKey(key.PublicKeyPem), { algorithms: ['RS256'] });
        return true;
      } catch {
        // Try the project's next key.
      }
    }
    return false;
  }

  private send(projectRef: string, req: FcmRequest): { name: string } {
    const token = this.authenticate(req);
    if (!token.scopes.some((s) => FCM_SCOPES.includes(s))) {
      throw new FcmFailure(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT')]);
    }
    const project = this.options.credentials.fcmProject(projectRef);
    if (!project || project.ProjectId !== token.projectId) {
      throw new FcmFailure(403, 'PERMISSION_DENIED', `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${projectRef}' (or it may not exist).`, [
        errorInfo('IAM_PERMISSION_DENIED', { permission: 'cloudmessaging.messages.create' }),
      ]);
    }

    const request = parseRequest(req.body);
    const message = request.message;
    const validateOnly = request.validate_only === true || request.validateOnly === true;
    const targets = ['token', 'topic', 'condition', 'fid'].filter((k) => message[k] !== undefined);
    if (targets.length === 0) throw invalidArgument('Recipient of the message is not set.', 'message');
    if (targets.length > 1) throw invalidArgument(`Invalid value at 'message' (oneof), oneof field 'target' is already set. Cannot set '${targets[1]}'`, `message.${targets[1]}`);
    checkData(message.data, 'message.data');
    if (isObject(message.android)) checkData(message.android.data, 'message.android.data');
    if (Buffer.byteLength(JSON.stringify(message)) > MAX_MESSAGE_BYTES) throw invalidArgument('Message is too big', 'message');
    if (message.topic !== undefined && (typeof message.topic !== 'string' || message.topic.startsWith('/topics/') || !TOPIC.test(message.topic))) {
      throw invalidArgument('Invalid topic name', 'message.topic');
    }
    if (message.condition !== undefined && (typeof message.condition !== 'string' || message.condition.trim() === '')) throw invalidArgument('Invalid condition expression', 'message.condition');
    const messageName = `projects/${project.ProjectId}/messages/${validateOnly ? 'fake_message_id' : `0:${this.now()}${randomBytes(8).toString('hex')}`}`;
    if (typeof message.token !== 'string') {
      if (message.token !== undefined) throw invalidArgument('The registration token is not a valid FCM registration token', 'message.token');
      return { name: messageName };
    }

    const registration = message.token;
    const match = this.options.devices.findFcmToken(registration);
    if (!match) {
      if (!isPlausibleDeviceToken('GCM', registration)) throw invalidArgument('The registration token is not a valid FCM registration token', 'message.token');
      throw unregistered();
    }
    const device = match.device;
    if (device.UninstalledAt) throw unregistered();
    if (device.ProjectId !== undefined && device.ProjectId !== project.ProjectId) {
      throw new FcmFailure(403, 'PERMISSION_DENIED', 'SenderId mismatch', [fcmError('SENDER_ID_MISMATCH')]);
    }
    if (validateOnly) return { name: messageName };
    this.chargeQuota(device.DeviceId);

    const notification = { ...(isObject(message.notification) ? message.notification : {}), ...(isObject(message.android) && isObject(message.android.notification) ? message.android.notification : {}) };
    const hasNotification = isObject(message.notification) || (isObject(message.android) && isObject(message.android.notification));
    this.options.devices.recordDelivery({
      DeviceId: device.DeviceId,
      DeviceToken: device.DeviceToken,
      Via: 'FCM',
      PushType: hasNotification ? 'notification' : 'data',
      Title: typeof notification.title === 'string' ? notification.title : '',
      Body: typeof notification.body === 'string' ? notification.body : '',
      Payload: message,
    });
    return { name: messageName };
  }

  private authenticate(req: FcmRequest): AccessToken {
    const raw = req.headers.authorization;
    const header = Array.isArray(raw) ? raw[0] : raw;
    if (!header) {
      throw new FcmFailure(
        401,
        'UNAUTHENTICATED',
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        [errorInfo('CREDENTIALS_MISSING')],
      );
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const token = m?.[1] ? this.tokens.get(m[1]) : undefined;
    const invalid = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
    if (!token) throw new FcmFailure(401, 'UNAUTHENTICATED', invalid, [errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED')]);
    if (token.expiresAt <= this.now()) throw new FcmFailure(401, 'UNAUTHENTICATED', invalid, [errorInfo('ACCESS_TOKEN_EXPIRED')]);
    return token;
  }

  private chargeQuota(deviceId: string): void {
    const now = this.now();
    const times = (this.recent.get(deviceId) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= this.quota) {
      this.recent.set(deviceId, times);
      throw new FcmFailure(429, 'RESOURCE_EXHAUSTED', 'Device message rate exceeded.', [
        fcmError('QUOTA_EXCEEDED'),
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ subject: `device:${deviceId}`, description: `More than ${this.quota} messages to one device per minute` }] },
      ]);
    }
    times.push(now);
    this.recent.set(deviceId, times);
  }

  private dropExpiredTokens(): void {
    const now = this.now();
    for (const [token, record] of this.tokens) if (record.expiresAt <= now) this.tokens.delete(token);
  }
}

function unregistered(): FcmFailure {
  return new FcmFailure(404, 'NOT_FOUND', 'Requested entity was not found.', [fcmError('UNREGISTERED')]);
}

function parseRequest(text: string): { message: Record<string, unknown>; validate_only?: unknown; validateOnly?: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidArgument(`Invalid JSON payload received. ${error instanceof Error ? error.message : 'Unexpected token.'}`);
  }
  if (!isObject(parsed)) throw invalidArgument('Invalid JSON payload received. Expected an object.');
  for (const key of Object.keys(parsed)) {
    if (!REQUEST_FIELDS.has(key)) throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`, key);
  }
  const message = parsed.message;
  if (!isObject(message)) throw invalidArgument('Request contains an invalid argument.', 'message');
  for (const key of Object.keys(message)) {
    if (!MESSAGE_FIELDS.has(key)) throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}" at 'message': Cannot find field.`, `message.${key}`);
  }
  return { ...parsed, message };
}

/** FCM data: strings only, and none of the reserved keys. */
function checkData(data: unknown, field: string): void {
  if (data === undefined) return;
  if (!isObject(data)) throw invalidArgument(`Invalid value at '${field}'`, field);
  Object.entries(data).forEach(([key, value], index) => {
    if (typeof value !== 'string') throw invalidArgument(`Invalid value at '${field}[${index}].value' (TYPE_STRING), ${JSON.stringify(value)}`, `${field}[${index}].value`);
    if (key === 'from' || key === 'message_type' || key.startsWith('google.') || key.startsWith('gcm.')) throw invalidArgument(`Invalid data payload key: ${key}`, `${field}[${index}].key`);
  });
}

function json(status: number, body: unknown): FcmAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

function oauthError(error: string, description: string): FcmAnswer {
  return json(400, { error, error_description: description });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
