/**
 * The APNs provider API's decision for one request, apart from HTTP/2: what
 * Apple would answer (status, reason) and, on success, what the device gets.
 *
 * Checks run in the order of pushy's mock server (the closest thing to a
 * reference): method, path, apns-id, topic, collapse id, priority, push type,
 * expiration, device token, authentication, then the device and the payload.
 *
 * Simulated choices where Apple documents no answer (also in README.md):
 * - a push type whose topic lacks its suffix (`voip` to `com.x` instead of
 *   `com.x.voip`), and `location`/`liveactivity` on a certificate connection:
 *   400 InvalidPushType;
 * - `background` with priority 10: 400 BadPriority;
 * - a topic the key (topic-specific key) or the certificate does not cover:
 *   400 TopicDisallowed;
 * - a regular token pushed to a PushKit topic, a VoIP token pushed to the app
 *   topic, or a device whose bundle id is not the topic's: DeviceTokenNotForTopic;
 * - a payload that is not JSON is accepted, as pushy's mock does (Title and
 *   Body of the delivery are then empty);
 * - the provider-token JWT must carry a raw R‖S ES256 signature (DER is refused).
 */
import { randomUUID } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose';
import type { ApnsEnvironment, DeviceRegistry } from '../../devices/registry';
import type { ApnsCertRecord, PushCredentials } from '../credentials';
import { APNS_PUSH_TYPES, APNS_TOPIC_SUFFIX, type ApnsPushType } from '../../../../shared/push/directPush';

// Apple's push types and the topic suffix each needs: one table, shared with the app's sender
// (src/shared/push/directPush.ts), since both follow the same published rules.
export { APNS_PUSH_TYPES, type ApnsPushType };
const TOPIC_SUFFIX = APNS_TOPIC_SUFFIX;
/** Topics served by PushKit, which take the device's VoIP token. */
const PUSHKIT_SUFFIXES = ['.voip', '.complication', '.pushkit.fileprovider', '.voip-ptt'];
const TOKEN_AUTH_ONLY = new Set<ApnsPushType>(['location', 'liveactivity']);

export const MAX_PAYLOAD_BYTES = 4096;
export const MAX_VOIP_PAYLOAD_BYTES = 5120;
/** Provider tokens older than this answer ExpiredProviderToken. */
export const PROVIDER_TOKEN_LIFETIME_S = 3600;
/** A connection may take a new provider token at most this often. */
export const PROVIDER_TOKEN_MIN_REFRESH_MS = 20 * 60 * 1000;

const APNS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOPIC = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const DEVICE_PATH = /^\/3\/device\/([^/]*)$/;

export type ApnsReason =
  | 'BadCollapseId'
  | 'BadDeviceToken'
  | 'BadExpirationDate'
  | 'BadMessageId'
  | 'BadPriority'
  | 'BadTopic'
  | 'DuplicateHeaders'
  | 'DeviceTokenNotForTopic'
  | 'InvalidPushType'
  | 'MissingDeviceToken'
  | 'MissingTopic'
  | 'PayloadEmpty'
  | 'TopicDisallowed'
  | 'BadCertificate'
  | 'BadCertificateEnvironment'
  | 'ExpiredProviderToken'
  | 'InvalidProviderToken'
  | 'MissingProviderToken'
  | 'UnrelatedKeyIdInToken'
  | 'BadEnvironmentKeyIdInToken'
  | 'BadPath'
  | 'MethodNotAllowed'
  | 'Unregistered'
  | 'PayloadTooLarge'
  | 'TooManyProviderTokenUpdates';

const STATUS: Record<ApnsReason, number> = {
  BadCollapseId: 400,
  BadDeviceToken: 400,
  BadExpirationDate: 400,
  BadMessageId: 400,
  BadPriority: 400,
  BadTopic: 400,
  DuplicateHeaders: 400,
  DeviceTokenNotForTopic: 400,
  InvalidPushType: 400,
  MissingDeviceToken: 400,
  MissingTopic: 400,
  PayloadEmpty: 400,
  TopicDisallowed: 400,
  BadCertificate: 403,
  BadCertificateEnvironment: 403,
  ExpiredProviderToken: 403,
  InvalidProviderToken: 403,
  MissingProviderToken: 403,
  UnrelatedKeyIdInToken: 403,
  BadEnvironmentKeyIdInToken: 403,
  BadPath: 404,
  MethodNotAllowed: 405,
  Unregistered: 410,
  PayloadTooLarge: 413,
  TooManyProviderTokenUpdates: 429,
};

/** What a connection remembers between requests (Apple binds a connection to one team). */
export interface ApnsConnectionState {
  teamId?: string;
  /** The last provider token that was accepted, and since when. */
  jwt?: string;
  jwtAcceptedAt?: number;
  /** Its decoded key and iat (verification is cached per token). */
  jwtKeyId?: string;
  jwtIat?: number;
}

/** The client certificate of a TLS connection, if one was presented. */
export interface PresentedCertificate {
  /** It chains to the sandbox CA (the TLS layer checked it). */
  readonly authorized: boolean;
  readonly fingerprint256: string;
}

export interface ApnsRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names; a string per header (the first when repeated). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Names of headers the request carried more than once. */
  readonly duplicateHeaders?: readonly string[];
  readonly environment: ApnsEnvironment;
  readonly certificate?: PresentedCertificate;
  readonly connection: ApnsConnectionState;
}

export interface ApnsContext {
  readonly devices: DeviceRegistry;
  readonly credentials: PushCredentials;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

export interface ApnsOutcome {
  readonly status: number;
  readonly apnsId: string;
  readonly reason?: ApnsReason;
  /** Epoch ms, with Unregistered only. */
  readonly timestamp?: number;
  /** On success, in the development environment only (as Apple). */
  readonly uniqueId?: string;
}

class Rejection extends Error {
  constructor(
    readonly reason: ApnsReason,
    readonly timestamp?: number,
  ) {
    super(reason);
  }
}

export async function evaluateApnsRequest(req: ApnsRequest, ctx: ApnsContext): Promise<ApnsOutcome> {
  const givenId = req.headers['apns-id'];
  const apnsId = givenId !== undefined && APNS_ID.test(givenId) ? givenId : randomUUID();
  try {
    deliver(req, ctx, apnsId, await check(req, ctx));
    return { status: 200, apnsId, ...(req.environment === 'sandbox' && { uniqueId: randomUUID() }) };
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    return { status: STATUS[error.reason], apnsId, reason: error.reason, ...(error.timestamp !== undefined && { timestamp: error.timestamp }) };
  }
}

interface Checked {
  readonly token: string;
  readonly topic: string;
  readonly pushType: ApnsPushType;
  readonly voipToken: boolean;
  readonly deviceId: string;
}

async function check(req: ApnsRequest, ctx: ApnsContext): Promise<Checked> {
  const h = req.headers;
  if (req.method !== 'POST') throw new Rejection('MethodNotAllowed');
  const path = DEVICE_PATH.exec(req.path.split('?')[0] ?? '');
  if (!path) throw new Rejection('BadPath');
  if (h['apns-id'] !== undefined && !APNS_ID.test(h['apns-id'])) throw new Rejection('BadMessageId');
  if (req.duplicateHeaders && req.duplicateHeaders.length > 0) throw new Rejection('DuplicateHeaders');

  const cert = req.certificate ? certificateFor(req.certificate, req.environment, ctx) : undefined;
  const topic = h['apns-topic'];
  if (topic === undefined || topic === '') throw new Rejection('MissingTopic');
  if (!TOPIC.test(topic)) throw new Rejection('BadTopic');
  if (h['apns-collapse-id'] !== undefined && Buffer.byteLength(h['apns-collapse-id']) > 64) throw new Rejection('BadCollapseId');
  const priority = h['apns-priority'] ?? '10';
  if (!['10', '5', '1'].includes(priority)) throw new Rejection('BadPriority');
  const pushType = (h['apns-push-type'] ?? 'alert') as ApnsPushType;
  if (!(APNS_PUSH_TYPES as readonly string[]).includes(pushType)) throw new Rejection('InvalidPushType');
  const suffix = TOPIC_SUFFIX[pushType];
  const bundle = suffix ? topic.slice(0, -suffix.length) : topic;
  if (suffix !== undefined && (suffix === '' ? PUSHKIT_SUFFIXES.some((s) => topic.endsWith(s)) : !topic.endsWith(suffix) || bundle === '')) {
    throw new Rejection('InvalidPushType');
  }
  if (cert && TOKEN_AUTH_ONLY.has(pushType)) throw new Rejection('InvalidPushType');
  if (pushType === 'background' && priority === '10') throw new Rejection('BadPriority');
  if (h['apns-expiration'] !== undefined && !/^\d{1,12}$/.test(h['apns-expiration'])) throw new Rejection('BadExpirationDate');
  const token = decodeURIComponent(path[1] ?? '');
  if (token === '') throw new Rejection('MissingDeviceToken');
  if (!/^[0-9a-fA-F]+$/.test(token)) throw new Rejection('BadDeviceToken');

  if (cert) {
    if (!cert.Topics.includes(topic)) throw new Rejection('TopicDisallowed');
  } else {
    const key = await providerKey(req, ctx);
    if (key.BundleIds.length > 0 && !key.BundleIds.includes(bundle)) throw new Rejection('TopicDisallowed');
  }

  const match = ctx.devices.findApnsToken(token, req.environment);
  if (!match) throw new Rejection('BadDeviceToken');
  const pushkitTopic = PUSHKIT_SUFFIXES.some((s) => topic.endsWith(s));
  if (match.voip !== pushkitTopic) throw new Rejection('DeviceTokenNotForTopic');
  if (match.device.BundleId !== undefined && match.device.BundleId !== bundle) throw new Rejection('DeviceTokenNotForTopic');
  if (match.device.UninstalledAt) throw new Rejection('Unregistered', Date.parse(match.device.UninstalledAt));

  if (req.body.length === 0) throw new Rejection('PayloadEmpty');
  if (req.body.length > (pushType === 'voip' ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES)) throw new Rejection('PayloadTooLarge');
  const deviceToken = (match.voip ? match.device.VoipDeviceToken : match.device.DeviceToken) ?? token;
  return { token: deviceToken, topic, pushType, voipToken: match.voip, deviceId: match.device.DeviceId };
}

function certificateFor(presented: PresentedCertificate, environment: ApnsEnvironment, ctx: ApnsContext): ApnsCertRecord {
  const record = presented.authorized ? ctx.credentials.apnsCerts.get(presented.fingerprint256) : undefined;
  if (!record || Date.parse(record.NotAfter) < Date.now()) throw new Rejection('BadCertificate');
  if (record.Environment === 'sandbox' && environment === 'production') throw new Rejection('BadCertificateEnvironment');
  return record;
}

/** Verifies the provider token (cached per connection) and answers the key it was signed with. */
async function providerKey(req: ApnsRequest, ctx: ApnsContext) {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') throw new Rejection('MissingProviderToken');
  const m = /^bearer\s+(\S+)$/i.exec(header.trim());
  if (!m?.[1]) throw new Rejection('InvalidProviderToken');
  const jwt = m[1];
  const conn = req.connection;
  const nowMs = ctx.now();

  let keyId: string;
  let iat: number;
  if (conn.jwt === jwt && conn.jwtKeyId !== undefined && conn.jwtIat !== undefined) {
    keyId = conn.jwtKeyId;
    iat = conn.jwtIat;
  } else {
    const verified = await verifyProviderToken(jwt, ctx);
    keyId = verified.keyId;
    iat = verified.iat;
  }
  const key = ctx.credentials.apnsKeys.get(keyId);
  if (!key) throw new Rejection('InvalidProviderToken');
  if (nowMs / 1000 - iat > PROVIDER_TOKEN_LIFETIME_S) throw new Rejection('ExpiredProviderToken');
  if (key.Environment !== undefined && key.Environment !== req.environment) throw new Rejection('BadEnvironmentKeyIdInToken');
  if (conn.teamId !== undefined && conn.teamId !== key.TeamId) throw new Rejection('UnrelatedKeyIdInToken');
  if (conn.jwt !== jwt) {
    if (conn.jwt !== undefined && conn.jwtAcceptedAt !== undefined && nowMs - conn.jwtAcceptedAt < PROVIDER_TOKEN_MIN_REFRESH_MS) {
      throw new Rejection('TooManyProviderTokenUpdates');
    }
    Object.assign(conn, { teamId: key.TeamId, jwt, jwtAcceptedAt: nowMs, jwtKeyId: keyId, jwtIat: iat });
  }
  return key;
}

async function verifyProviderToken(jwt: string, ctx: ApnsContext): Promise<{ keyId: string; iat: number }> {
  let protectedHeader;
  try {
    protectedHeader = decodeProtectedHeader(jwt);
  } catch {
    throw new Rejection('InvalidProviderToken');
  }
  const key = typeof protectedHeader.kid === 'string' ? ctx.credentials.apnsKeys.get(protectedHeader.kid) : undefined;
  if (protectedHeader.alg !== 'ES256' || !key) throw new Rejection('InvalidProviderToken');
  let claims: { iss?: unknown; iat?: unknown };
  try {
    const { payload } = await compactVerify(jwt, await importSPKI(key.PublicKeyPem, 'ES256'), { algorithms: ['ES256'] });
    claims = JSON.parse(new TextDecoder().decode(payload)) as typeof claims;
  } catch {
    throw new Rejection('InvalidProviderToken');
  }
  if (claims.iss !== key.TeamId || typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw new Rejection('InvalidProviderToken');
  // A token from the future is not one Apple would honour either.
  if (claims.iat * 1000 > ctx.now() + 60_000) throw new Rejection('InvalidProviderToken');
  return { keyId: key.KeyId, iat: claims.iat };
}

function deliver(req: ApnsRequest, ctx: ApnsContext, _apnsId: string, checked: Checked): void {
  const text = req.body.toString('utf8');
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // Kept as text: see the header comment.
  }
  const { title, body } = alertText(payload);
  ctx.devices.recordDelivery({ DeviceId: checked.deviceId, DeviceToken: checked.token, Via: 'APNS', PushType: checked.pushType, Title: title, Body: body, Payload: payload });
}

/** `aps.alert` as a string (the body) or a dictionary (title, body). */
export function alertText(payload: unknown): { title: string; body: string } {
  const aps = isObject(payload) ? payload.aps : undefined;
  const alert = isObject(aps) ? aps.alert : undefined;
  if (typeof alert === 'string') return { title: '', body: alert };
  if (isObject(alert)) return { title: typeof alert.title === 'string' ? alert.title : '', body: typeof alert.body === 'string' ? alert.body : '' };
  return { title: '', body: '' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
