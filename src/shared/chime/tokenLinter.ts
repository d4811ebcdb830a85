/**
 * The "Register endpoint" linter, shared by the form and the command line
 * (`endpoints register`, `smoke`): pure functions that say, field by field,
 * what is wrong before anything is sent. The token rules themselves (what an
 * APNs or FCM token looks like, what a Pinpoint app ARN is) live in
 * deviceTokens.ts so the sandbox, which turns implausible endpoints INACTIVE,
 * the form and the command line can never disagree.
 */
import {
  classifyDeviceToken,
  isPlausibleDeviceToken,
  isSnsPlatformApplicationArn,
  isTruncatedXcodeDescription,
  normalizeApnsToken,
  parsePinpointAppArn,
} from './deviceTokens';
import { OPERATIONS } from './operations';
import { validateShapeValue } from './schema';
import { ChimeArn, NonEmptySensitiveString1600, type EndpointType } from './shapes';

export interface FieldLint {
  /** The value that will be sent (APNs tokens normalised, whitespace removed). */
  readonly value: string;
  /** Blocks submission. */
  readonly error?: string;
  /** Shown, but the form may still be sent (the service may accept it). */
  readonly warning?: string;
  /** E.g. "Normalised to …" when the value sent differs from what was typed. */
  readonly hint?: string;
  /** The token belongs to the other platform: the form offers a one-click switch of Type (to GCM, or to an APNs type). */
  readonly otherPlatform?: 'GCM' | 'APNS';
  /** Xcode's shortened `{length = 32, bytes = 0x… ... …}`: the form shows the lines that print the whole token. */
  readonly xcodeTruncated?: boolean;
}

const registerInput = OPERATIONS.RegisterAppInstanceUserEndpoint.input;
const HEX = /^[0-9a-f]*$/;

export const isApnsType = (type: EndpointType): boolean => type === 'APNS' || type === 'APNS_SANDBOX';

/** Endpoint name: optional for the service; its length comes from the model's shape. */
export function lintEndpointName(raw: string): FieldLint {
  const value = raw.trim();
  if (!value) return { value };
  const problem = validateShapeValue(registerInput.Name.shape, value);
  return problem ? { value, error: `Endpoint name: ${problem}` } : { value };
}

/**
 * A device token (or VoIP token, `voip`) for an endpoint of `type`. The
 * platform is detected first: a token of the other platform (or Xcode's
 * shortened description) is named as such and never normalised, so no
 * "Normalised to …" line can show an FCM token lower-cased under APNS.
 */
export function lintDeviceToken(type: EndpointType, raw: string, options: { voip?: boolean } = {}): FieldLint {
  const what = options.voip ? 'VoIP device token' : 'device token';
  if (!raw.trim()) return options.voip ? { value: '' } : { value: '', error: 'Enter the device token.' };
  const asTyped = raw.trim();
  const kind = classifyDeviceToken(raw);
  if (isApnsType(type) && kind === 'fcm') {
    return {
      value: asTyped,
      error: 'This looks like an FCM registration token; choose GCM.',
      ...(options.voip ? {} : { otherPlatform: 'GCM' as const }),
    };
  }
  if (type === 'GCM' && kind === 'apns') {
    return { value: asTyped, error: 'This looks like an APNs token; choose APNS or APNS_SANDBOX.', otherPlatform: 'APNS' };
  }
  if (isApnsType(type) && isTruncatedXcodeDescription(raw)) {
    return {
      value: asTyped,
      error: `This ${what} is truncated: Xcode shortens it ("..." stands for the missing bytes), so it cannot be copied from this line. Print the whole token from your app with one of the lines below.`,
      xcodeTruncated: true,
    };
  }

  const value = isApnsType(type) ? normalizeApnsToken(raw) : raw.replace(/\s+/g, '');
  // Only a value in the platform's own form is worth showing as "what will be sent".
  const showsNormalised = value !== raw && (isApnsType(type) ? HEX.test(value) : kind === 'fcm');
  const hint = showsNormalised ? `Normalised to ${value}` : undefined;
  const withHint = (lint: Omit<FieldLint, 'value' | 'hint'>): FieldLint => ({
    value,
    ...(hint ? { hint } : {}),
    ...lint,
  });

  const tooLong = validateShapeValue(NonEmptySensitiveString1600, value);
  if (tooLong) return withHint({ error: `The ${what}: ${tooLong}` });

  if (isApnsType(type)) {
    if (/\.\.\.|…/.test(raw))
      return withHint({ error: `This ${what} is truncated (it contains "…"); copy the whole token.` });
    if (!HEX.test(value))
      return withHint({ error: `An APNs ${what} is hexadecimal (0-9, a-f); this one has other characters.` });
    if (value.length % 2 !== 0)
      return withHint({
        error: `An APNs ${what} is whole bytes (an even number of hex characters); this one has ${value.length}.`,
      });
    if (value.length !== 64) {
      return withHint({
        warning: `APNs ${what}s are normally 64 hex characters (32 bytes); this one has ${value.length}. The service may mark the endpoint INACTIVE.`,
      });
    }
    return withHint({});
  }
  if (!isPlausibleDeviceToken('GCM', value)) {
    return withHint({
      error:
        'An FCM registration token looks like INSTANCE_ID:PAYLOAD, with a long base64url payload (about 150 characters or more).',
    });
  }
  return withHint({});
}

export interface ConnectionContext {
  readonly region?: string;
  /** The caller's account, when whoami has answered. */
  readonly account?: string;
}

/** The Pinpoint app ARN: its form, then whether it is in the connection's region and account. */
export function lintPinpointArn(raw: string, context: ConnectionContext): FieldLint {
  const value = raw.trim();
  if (!value)
    return { value, error: 'Enter the Pinpoint app ARN (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID).' };
  const arnProblem = validateShapeValue(ChimeArn, value);
  const parsed = parsePinpointAppArn(value);
  if (!parsed && isSnsPlatformApplicationArn(value)) {
    return {
      value,
      error:
        'This is an SNS ARN, not a Pinpoint app ARN: Chime SDK push goes through a Pinpoint (AWS End User Messaging Push) app, arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID.',
    };
  }
  if (!parsed) {
    const why = arnProblem ? 'This is not an ARN' : 'This is not a Pinpoint app ARN';
    return {
      value,
      error: `${why}: expected arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID (APP_ID is 32 hex characters).`,
    };
  }
  if (context.region && parsed.region !== context.region) {
    return { value, error: `This Pinpoint app is in ${parsed.region}, but the connection uses ${context.region}.` };
  }
  if (context.account && parsed.accountId !== context.account) {
    return {
      value,
      error: `This Pinpoint app is in account ${parsed.accountId}, but you are signed in to account ${context.account}.`,
    };
  }
  return { value };
}

/** The normalised token a saved endpoint carries, for duplicate detection. */
export function comparableToken(type: EndpointType | undefined, token: string | undefined): string {
  if (!token) return '';
  return type === 'GCM' ? token.replace(/\s+/g, '') : normalizeApnsToken(token);
}

export interface RegistrationForm {
  readonly name: string;
  readonly type: EndpointType;
  readonly deviceToken: string;
  readonly voipDeviceToken: string;
  readonly pinpointAppArn: string;
  readonly allowMessages: boolean;
}

export interface ExistingEndpoint {
  readonly name?: string;
  readonly endpointId?: string;
  readonly type?: EndpointType;
  readonly deviceToken?: string;
}

export type RegistrationField = 'name' | 'deviceToken' | 'voipDeviceToken' | 'pinpointAppArn';
export type RegistrationLint = Readonly<Record<RegistrationField, FieldLint>>;

/** Every field at once; the duplicate check runs on the normalised token. */
export function lintRegistration(
  form: RegistrationForm,
  context: ConnectionContext,
  existing: readonly ExistingEndpoint[],
): RegistrationLint {
  let deviceToken = lintDeviceToken(form.type, form.deviceToken);
  if (!deviceToken.error && deviceToken.value) {
    const wanted = comparableToken(form.type, deviceToken.value);
    const twin = existing.find((e) => comparableToken(e.type, e.deviceToken) === wanted);
    if (twin) {
      const label = twin.name || twin.endpointId || 'another endpoint';
      deviceToken = {
        ...deviceToken,
        error: `This device token is already registered for this user (endpoint "${label}").`,
      };
    }
  }
  return {
    name: lintEndpointName(form.name),
    deviceToken,
    voipDeviceToken: isApnsType(form.type)
      ? lintDeviceToken(form.type, form.voipDeviceToken, { voip: true })
      : { value: '' },
    pinpointAppArn: lintPinpointArn(form.pinpointAppArn, context),
  };
}

export function hasErrors(lint: RegistrationLint): boolean {
  return Object.values(lint).some((field) => field.error !== undefined);
}
