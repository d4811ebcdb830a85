/**
 * Device-token and Pinpoint-ARN rules, shared by the sandbox (which turns an
 * endpoint INACTIVE when they fail, as the real service does after Pinpoint
 * rejects it) and the renderer's form linter (which warns before registering).
 *
 * The rules are plausibility checks, not proofs: an APNs token is 32 bytes
 * printed as 64 hex characters; an FCM registration token is
 * `<instance id>:<base64url payload>` (legacy GCM tokens start with `APA91b`).
 */
import type { EndpointStatusReason, EndpointType } from './shapes';

const APNS_HEX = /^[0-9a-fA-F]{64}$/;
// FCM tokens: instance id, a colon, then a long base64url payload (~140 chars);
// the old GCM form is the payload alone, starting with APA91b.
const FCM = /^[A-Za-z0-9_-]+:[A-Za-z0-9_-]{100,}$/;
const LEGACY_GCM = /^APA91b[A-Za-z0-9_-]{100,}$/;
// iOS 13+ prints `deviceToken.description` as `{length = 32, bytes = 0xab12…}`.
const NSDATA_DESCRIPTION = /^\{length=\d+,bytes=0x([0-9a-fA-F.]*)\}$/;
// Xcode (iOS 13+) shortens long NSData descriptions: `{length = 32, bytes = 0xab12cd34 ... 9f0e1234 }`.
const TRUNCATED_NSDATA_DESCRIPTION = /^\{length=\d+,bytes=0x[0-9a-fA-F]*(?:\.{3}|…)[0-9a-fA-F]*\}$/;
// An SNS platform application (the SNS way to reach APNs/FCM), often pasted where a Pinpoint app belongs.
const SNS_PLATFORM_APPLICATION_ARN = /^arn:(aws|aws-cn|aws-us-gov):sns:[^:]*:\d{12}:app\/(APNS|APNS_SANDBOX|APNS_VOIP|APNS_VOIP_SANDBOX|GCM|ADM|BAIDU|MACOS|MACOS_SANDBOX|WNS|MPNS)\/.+$/;
// Pinpoint project (app) ids are 32 lowercase hex characters.
const PINPOINT_APP_ARN = /^arn:(aws|aws-cn|aws-us-gov):mobiletargeting:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):apps\/([0-9a-f]{32})$/;

export type DeviceTokenKind = 'apns' | 'fcm' | 'unknown';

/**
 * The token as APNs expects it: hex only, lower case. Accepts what developers
 * paste from Xcode logs: spaces, `<…>` (iOS 12 and older) and the
 * `{length = 32, bytes = 0x…}` description. A truncated description (`...`)
 * stays invalid on purpose: the missing bytes cannot be recovered.
 */
export function normalizeApnsToken(raw: string): string {
  const compact = raw.replace(/\s+/g, '').replace(/^<|>$/g, '');
  const described = NSDATA_DESCRIPTION.exec(compact);
  return (described ? (described[1] ?? '') : compact).toLowerCase();
}

/**
 * Whether `raw` is Xcode's shortened description of the token's NSData
 * (`{length = 32, bytes = 0x… ... …}`): the middle bytes are gone and no
 * normalisation can bring them back; the app must print the token itself.
 */
export function isTruncatedXcodeDescription(raw: string): boolean {
  return TRUNCATED_NSDATA_DESCRIPTION.test(raw.replace(/\s+/g, ''));
}

/** Whether `arn` is an SNS platform-application ARN (`arn:aws:sns:REGION:ACCOUNT:app/GCM/NAME`), not a Pinpoint app. */
export function isSnsPlatformApplicationArn(arn: string): boolean {
  return SNS_PLATFORM_APPLICATION_ARN.test(arn.trim());
}

export function classifyDeviceToken(raw: string): DeviceTokenKind {
  const token = raw.trim();
  if (APNS_HEX.test(normalizeApnsToken(token))) return 'apns';
  if (FCM.test(token) || LEGACY_GCM.test(token)) return 'fcm';
  return 'unknown';
}

/** Whether `token`, exactly as sent, can be a token for an endpoint of `type`. */
export function isPlausibleDeviceToken(type: EndpointType, token: string): boolean {
  return type === 'GCM' ? FCM.test(token) || LEGACY_GCM.test(token) : APNS_HEX.test(token);
}

export interface PinpointAppArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly appId: string;
}

export function parsePinpointAppArn(arn: string): PinpointAppArn | undefined {
  const m = PINPOINT_APP_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition = '', region = '', accountId = '', appId = ''] = m;
  return { partition, region, accountId, appId };
}

export function isPinpointAppArn(arn: string): boolean {
  return PINPOINT_APP_ARN.test(arn);
}

export interface EndpointRegistration {
  readonly type: EndpointType;
  readonly resourceArn: string;
  readonly deviceToken: string;
  readonly voipDeviceToken?: string;
}

/**
 * The reason the service would give once it has validated the endpoint, or
 * undefined when it would stay ACTIVE. The Pinpoint ARN is checked first: with
 * no Pinpoint app the token is never tried.
 */
export function predictEndpointStatusReason(reg: EndpointRegistration): EndpointStatusReason | undefined {
  if (!isPinpointAppArn(reg.resourceArn)) return 'INVALID_PINPOINT_ARN';
  if (!isPlausibleDeviceToken(reg.type, reg.deviceToken)) return 'INVALID_DEVICE_TOKEN';
  // A VoIP (PushKit) token is an APNs token too; GCM endpoints have no VoIP token.
  if (reg.voipDeviceToken !== undefined && reg.type !== 'GCM' && !APNS_HEX.test(reg.voipDeviceToken)) {
    return 'INVALID_DEVICE_TOKEN';
  }
  return undefined;
}
