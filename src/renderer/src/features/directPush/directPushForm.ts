/**
 * The Direct push form's state, turned into the push main sends and checked
 * with the shared schema as the person types: the same rules main applies
 * (priority against push type, payload size and JSON), shown per field.
 */
import {
  APNS_PRIORITIES,
  apnsPayloadLimit,
  byteLength,
  directPushSchema,
  FCM_MAX_MESSAGE_BYTES,
  parsePayloadText,
  type ApnsEnvironment,
  type ApnsPushType,
  type DirectPushInput,
} from '../../../../shared/push/directPush';
import {
  hostOverrideProblem,
  type ChosenKeyFile,
  type DirectPushHosts,
  type DirectPushSettings,
} from '../../../../shared/ipc/directPushContract';
import type { EndpointType } from '../../../../shared/chime/shapes';
import { formatPayload, templateFor } from './payloadTemplates';

/** Where the dialog was opened from: an endpoint row or a saved device. */
export interface DirectPushTarget {
  readonly label: string;
  readonly type: EndpointType;
  readonly deviceToken?: string;
  readonly voipDeviceToken?: string;
  /** Set on an endpoint row: the Chime side "Compare with Chime" pushes to. */
  readonly endpoint?: { readonly userArn: string; readonly endpointId: string };
}

export interface DirectPushForm {
  readonly service: 'apns' | 'fcm';
  readonly token: string;
  /** APNs authentication: a token key (.p8) or a certificate (.p12). */
  readonly keyType: 'token' | 'certificate';
  readonly apnsKey?: ChosenKeyFile;
  readonly apnsCert?: ChosenKeyFile;
  /** Typed for a locked certificate; sent once to main to unlock it, then cleared. */
  readonly passphrase: string;
  readonly keyId: string;
  readonly teamId: string;
  readonly topic: string;
  readonly environment: ApnsEnvironment;
  readonly pushType: ApnsPushType;
  readonly priority: 10 | 5 | 1;
  readonly serviceAccount?: ChosenKeyFile;
  readonly payloadText: string;
  /** "Advanced": a corporate relay in place of Apple's / Google's host (empty: theirs). */
  readonly apnsHost: string;
  readonly fcmHost: string;
}

export type FormField =
  | 'token'
  | 'apnsKey'
  | 'apnsCert'
  | 'passphrase'
  | 'keyId'
  | 'teamId'
  | 'topic'
  | 'priority'
  | 'pushType'
  | 'serviceAccount'
  | 'payload'
  | 'apnsHost'
  | 'fcmHost';

/** The token for a push type: a voip push goes to the VoIP token when the target has one. */
export function tokenFor(target: DirectPushTarget, pushType: ApnsPushType): string {
  return (pushType === 'voip' && target.voipDeviceToken) || target.deviceToken || '';
}

export function initialForm(target: DirectPushTarget): DirectPushForm {
  const service = target.type === 'GCM' ? 'fcm' : 'apns';
  const pushType: ApnsPushType = 'alert';
  return {
    service,
    token: tokenFor(target, pushType),
    keyType: 'token',
    passphrase: '',
    keyId: '',
    teamId: '',
    topic: '',
    // The endpoint's type says the environment: APNS_SANDBOX tokens come from development builds.
    environment: target.type === 'APNS_SANDBOX' ? 'sandbox' : 'production',
    pushType,
    priority: 10,
    payloadText: formatPayload(templateFor(service, pushType).payload),
    apnsHost: '',
    fcmHost: '',
  };
}

/** The overrides sent with the push (and saved with the settings); empty fields are Apple's and Google's hosts. */
export function hostsOf(form: DirectPushForm): DirectPushHosts {
  return {
    ...(form.apnsHost.trim() && { apns: form.apnsHost.trim() }),
    ...(form.fcmHost.trim() && { fcm: form.fcmHost.trim() }),
  };
}

/** The workspace's saved settings under what the person typed; the environment stays the endpoint's. */
export function withSaved(form: DirectPushForm, saved: DirectPushSettings): DirectPushForm {
  return {
    ...form,
    keyId: form.keyId || saved.apns?.keyId || '',
    teamId: form.teamId || saved.apns?.teamId || '',
    topic: form.topic || saved.apns?.topic || '',
    apnsHost: form.apnsHost || saved.hosts?.apns || '',
    fcmHost: form.fcmHost || saved.hosts?.fcm || '',
    ...(!form.apnsKey && saved.apnsKey && { apnsKey: saved.apnsKey }),
    ...(!form.apnsCert && saved.apnsCert && { apnsCert: saved.apnsCert }),
    ...(!form.apnsKey && !form.apnsCert && saved.apns?.auth === 'certificate' && { keyType: 'certificate' as const }),
    ...(!form.serviceAccount && saved.serviceAccount && { serviceAccount: saved.serviceAccount }),
  };
}

export function toPush(form: DirectPushForm): DirectPushInput {
  const parsed = parsePayloadText(form.payloadText);
  const payload = parsed.ok ? parsed.value : {};
  if (form.service === 'fcm')
    return { service: 'fcm', token: form.token, serviceAccountFile: form.serviceAccount?.handle ?? '', payload };
  const certificate = form.keyType === 'certificate';
  return {
    service: 'apns',
    token: form.token,
    auth: certificate
      ? { kind: 'certificate', certFile: form.apnsCert?.handle ?? '' }
      : { kind: 'token', keyFile: form.apnsKey?.handle ?? '', keyId: form.keyId, teamId: form.teamId },
    // A certificate names its topic (its subject's UID): the field may stay empty.
    ...((!certificate || form.topic) && { topic: form.topic }),
    environment: form.environment,
    pushType: form.pushType,
    priority: form.priority,
    payload,
  };
}

const FIELD_OF_PATH: Readonly<Record<string, FormField>> = {
  token: 'token',
  'auth.keyFile': 'apnsKey',
  'auth.certFile': 'apnsCert',
  'auth.keyId': 'keyId',
  'auth.teamId': 'teamId',
  topic: 'topic',
  priority: 'priority',
  pushType: 'pushType',
  serviceAccountFile: 'serviceAccount',
  payload: 'payload',
};

/** The first problem of each field, as main would report it. */
export function validate(form: DirectPushForm): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  const parsed = parsePayloadText(form.payloadText);
  if (!parsed.ok) errors.payload = parsed.message;
  for (const field of ['apnsHost', 'fcmHost'] as const) {
    const problem = form[field].trim() ? hostOverrideProblem(form[field].trim()) : undefined;
    if (problem) errors[field] = problem;
  }
  if (form.service === 'apns' && form.keyType === 'certificate' && form.apnsCert?.locked && !form.passphrase)
    errors.passphrase = `Enter the passphrase of ${form.apnsCert.fileName}.`;
  const checked = directPushSchema.safeParse(toPush(form));
  if (checked.success) return errors;
  for (const issue of checked.error.issues) {
    const key = issue.path.slice(0, 2).join('.');
    const field = FIELD_OF_PATH[key] ?? FIELD_OF_PATH[String(issue.path[0])];
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export function payloadSize(form: DirectPushForm): { bytes: number; limit: number } {
  const parsed = parsePayloadText(form.payloadText);
  return {
    bytes: parsed.ok ? byteLength(JSON.stringify(parsed.value)) : byteLength(form.payloadText),
    limit: form.service === 'fcm' ? FCM_MAX_MESSAGE_BYTES : apnsPayloadLimit(form.pushType),
  };
}

export const PRIORITY_TEXT: Readonly<Record<10 | 5 | 1, string>> = {
  10: '10 (immediately)',
  5: '5 (power-aware)',
  1: '1 (power-first)',
};

/** The priorities a push type accepts, first the default. */
export const prioritiesFor = (pushType: ApnsPushType) => APNS_PRIORITIES[pushType];
