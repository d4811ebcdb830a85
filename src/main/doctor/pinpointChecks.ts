/**
 * The Pinpoint app and its push channels (AWS End User Messaging Push). Chime
 * pushes an APNS endpoint through the app's APNs channel, APNS_SANDBOX
 * through the APNs sandbox channel, GCM through the GCM (FCM) channel, and a
 * VOIP push through the VoIP channel of the endpoint's environment.
 */
import * as pp from '@aws-sdk/client-pinpoint';
import type { CliTarget } from '../../shared/aws/cli';
import type { PinpointAppArn } from '../../shared/chime/deviceTokens';
import type { EndpointType } from '../../shared/chime/shapes';
import type { DoctorCheck } from '../../shared/doctor/report';
import { attempt, cannotCheck, isNotFound, skipped, uses, type CallName, type Outcome } from './calls';
import {
  CHANNELS,
  channelFor,
  CREDENTIAL_WORDS,
  createAppCommand,
  enableChannelCommand,
  fcmServiceJsonCommand,
  reRegisterCommands,
  type ChannelKind,
  type EndpointFacts,
} from './fixes';

export const GET_APP: CallName = { operation: 'GetApp', permission: 'mobiletargeting:GetApp' };
export const getChannelCall = (kind: ChannelKind): CallName => ({
  operation: `Get${CHANNELS[kind].op}`,
  permission: `mobiletargeting:Get${CHANNELS[kind].op}`,
});

/** What a Get…Channel answer says, whatever the channel. */
export interface ChannelFacts {
  readonly enabled: boolean;
  readonly method?: string;
  readonly hasTokenKey?: boolean;
  readonly hasCredential?: boolean;
  readonly hasFcmServiceCredentials?: boolean;
}

/** undefined: the channel does not exist (NotFoundException). */
export async function getChannel(
  client: pp.PinpointClient,
  kind: ChannelKind,
  ApplicationId: string,
  abortSignal?: AbortSignal,
): Promise<ChannelFacts | undefined> {
  const options = { abortSignal };
  let r: pp.APNSChannelResponse | pp.GCMChannelResponse | undefined;
  try {
    if (kind === 'apns')
      r = (await client.send(new pp.GetApnsChannelCommand({ ApplicationId }), options)).APNSChannelResponse;
    else if (kind === 'apns_sandbox')
      r = (await client.send(new pp.GetApnsSandboxChannelCommand({ ApplicationId }), options))
        .APNSSandboxChannelResponse;
    else if (kind === 'apns_voip')
      r = (await client.send(new pp.GetApnsVoipChannelCommand({ ApplicationId }), options)).APNSVoipChannelResponse;
    else if (kind === 'apns_voip_sandbox')
      r = (await client.send(new pp.GetApnsVoipSandboxChannelCommand({ ApplicationId }), options))
        .APNSVoipSandboxChannelResponse;
    else r = (await client.send(new pp.GetGcmChannelCommand({ ApplicationId }), options)).GCMChannelResponse;
  } catch (error) {
    if (error instanceof pp.NotFoundException) return undefined;
    throw error;
  }
  return {
    enabled: r?.Enabled ?? false,
    ...(r?.DefaultAuthenticationMethod !== undefined && { method: r.DefaultAuthenticationMethod }),
    ...(r && 'HasTokenKey' in r && r.HasTokenKey !== undefined && { hasTokenKey: r.HasTokenKey }),
    ...(r?.HasCredential !== undefined && { hasCredential: r.HasCredential }),
    ...(r &&
      'HasFcmServiceCredentials' in r &&
      r.HasFcmServiceCredentials !== undefined && { hasFcmServiceCredentials: r.HasFcmServiceCredentials }),
  };
}

export type AppExistence = 'exists' | 'missing' | 'unknown';

export function appExistsCheck(
  app: PinpointAppArn,
  outcome: Outcome<unknown>,
  e: EndpointFacts,
  target: CliTarget,
): { check: DoctorCheck; existence: AppExistence } {
  if (outcome.ok)
    return {
      existence: 'exists',
      check: {
        name: 'Pinpoint app exists',
        verdict: 'pass',
        detail: `GetApp found the Pinpoint app ${app.appId}.`,
        uses: uses(GET_APP),
      },
    };
  if (!isNotFound(outcome.error))
    return { existence: 'unknown', check: cannotCheck('Pinpoint app exists', GET_APP, outcome.error) };
  return {
    existence: 'missing',
    check: {
      name: 'Pinpoint app exists',
      verdict: 'fail',
      detail: `There is no Pinpoint app ${app.appId} in ${app.region} of account ${app.accountId}: Chime deactivates the endpoint (INVALID_PINPOINT_ARN) on the first push.`,
      fix: {
        text: 'Create the Pinpoint app with the push channels, then register the endpoint again with its ARN (replace PINPOINT_APP_ARN with the Arn create-app prints).',
        commands: [
          createAppCommand({ ...target, region: app.region }),
          ...reRegisterCommands(e, target, { resourceArn: 'PINPOINT_APP_ARN' }),
        ],
      },
      uses: uses(GET_APP),
    },
  };
}

const otherEnvironment: Partial<Record<EndpointType, { type: EndpointType; kind: ChannelKind }>> = {
  APNS: { type: 'APNS_SANDBOX', kind: 'apns_sandbox' },
  APNS_SANDBOX: { type: 'APNS', kind: 'apns' },
};

export interface ChannelContext {
  readonly client: pp.PinpointClient;
  readonly app: PinpointAppArn;
  readonly endpoint: EndpointFacts;
  readonly target: CliTarget;
  readonly signal?: AbortSignal;
}

/**
 * The channel of the endpoint's type: exists and enabled; when it is not, and
 * the other APNs environment's channel is, the classic mismatch is named (a
 * development build's token registered as APNS, or a store build's as
 * APNS_SANDBOX). Then its authentication method. Calls: 1 (+1 when the channel
 * is missing or disabled on an APNs endpoint).
 */
export async function channelChecks(ctx: ChannelContext): Promise<DoctorCheck[]> {
  const { app, endpoint: e, target } = ctx;
  const kind = channelFor(e.type) ?? 'gcm';
  const call = getChannelCall(kind);
  const label = CHANNELS[kind].label;
  const got = await attempt(() => getChannel(ctx.client, kind, app.appId, ctx.signal));
  if (!got.ok)
    return [
      cannotCheck('Push channel', call, got.error),
      skipped('Channel authentication', `the ${label} could not be read.`),
    ];
  const channel = got.value;
  if (channel?.enabled)
    return [
      {
        name: 'Push channel',
        verdict: 'pass',
        detail: `The app's ${label} is enabled, as ${e.type} needs.`,
        uses: uses(call),
      },
      authCheck(kind, channel, app, target),
    ];

  const problem = channel ? `The app's ${label} is disabled` : `The app has no ${label}`;
  const enable = {
    text: `${channel ? 'Enable' : 'Create'} the ${label}.${channel || kind === 'gcm' ? '' : ` ${CREDENTIAL_WORDS.apns}`}${!channel && kind === 'gcm' ? ` ${CREDENTIAL_WORDS.gcm}` : ''}`,
    command: enableChannelCommand(kind, app.appId, target, !channel),
  };
  const other = otherEnvironment[e.type];
  let detail = `${problem}: pushes to this ${e.type} endpoint fail.`;
  const commands = [enable.command];
  let text = enable.text;
  const used = [call];
  if (other) {
    const otherCall = getChannelCall(other.kind);
    used.push(otherCall);
    const sibling = await attempt(() => getChannel(ctx.client, other.kind, app.appId, ctx.signal));
    if (sibling.ok && sibling.value?.enabled) {
      detail =
        e.type === 'APNS'
          ? `${problem}, but the APNs sandbox channel is enabled: the classic mismatch. A development build (run from Xcode) gets sandbox tokens, which must be registered as APNS_SANDBOX; a TestFlight or App Store build gets production tokens, which need the APNs (production) channel.`
          : `${problem}, but the APNs (production) channel is enabled: the classic mismatch. A TestFlight or App Store build gets production tokens, which must be registered as APNS; a development build (run from Xcode) gets sandbox tokens, which need the APNs sandbox channel.`;
      text = `If the device runs a ${e.type === 'APNS' ? 'development' : 'TestFlight or App Store'} build, register the endpoint again as ${other.type} (first two commands). Otherwise: ${enable.text}`;
      commands.unshift(...reRegisterCommands(e, target, { type: other.type }));
    }
  }
  return [
    { name: 'Push channel', verdict: 'fail', detail, fix: { text, commands }, uses: uses(...used) },
    skipped('Channel authentication', `the ${label} is ${channel ? 'disabled' : 'missing'}.`),
  ];
}

function authCheck(kind: ChannelKind, c: ChannelFacts, app: PinpointAppArn, target: CliTarget): DoctorCheck {
  const used = uses(getChannelCall(kind));
  if (kind === 'gcm') {
    if (c.hasFcmServiceCredentials) {
      return {
        name: 'Channel authentication',
        verdict: 'pass',
        detail: `The GCM channel authenticates with a Firebase service account (FCM HTTP v1; default method ${c.method ?? 'not set'}).`,
        uses: used,
      };
    }
    return {
      name: 'Channel authentication',
      verdict: 'fail',
      detail:
        'The GCM channel has only a legacy FCM server key (ApiKey). Google shut the legacy FCM API down in 2024, so pushes through it fail; the channel needs a service-account key (FCM HTTP v1).',
      fix: {
        text: `Give the channel a Firebase service account and make TOKEN its default method. ${CREDENTIAL_WORDS.gcm}`,
        commands: [fcmServiceJsonCommand(app.appId, target)],
      },
      uses: used,
    };
  }
  const method =
    c.method === 'CERTIFICATE'
      ? 'a certificate (.p12), which expires every year'
      : c.method === 'TOKEN' || c.method === 'KEY' || c.hasTokenKey
        ? 'a token key (.p8), which does not expire'
        : `${c.method ?? 'an unknown method'}`;
  return {
    name: 'Channel authentication',
    verdict: 'pass',
    detail: `The ${CHANNELS[kind].label} authenticates with ${method}.`,
    uses: used,
  };
}

/** VOIP pushes need the VoIP channel of the endpoint's environment; the docs do not say it is required, so a missing one is a Warning. Calls: 1. */
export async function voipChannelCheck(ctx: ChannelContext): Promise<DoctorCheck> {
  const kind = channelFor(ctx.endpoint.type, true);
  if (!kind) return skipped('VoIP push channel', 'GCM endpoints have no VoIP channel.');
  const call = getChannelCall(kind);
  const label = CHANNELS[kind].label;
  const got = await attempt(() => getChannel(ctx.client, kind, ctx.app.appId, ctx.signal));
  if (!got.ok) return cannotCheck('VoIP push channel', call, got.error);
  if (got.value?.enabled)
    return { name: 'VoIP push channel', verdict: 'pass', detail: `The app's ${label} is enabled.`, uses: uses(call) };
  return {
    name: 'VoIP push channel',
    verdict: 'warning',
    detail: `The app's ${label} is ${got.value ? 'disabled' : 'missing'}: VOIP pushes to this endpoint will most likely fail (the Chime docs do not say the channel is required).`,
    fix: {
      text: `${got.value ? 'Enable' : 'Create'} the ${label}.${got.value ? '' : ` ${CREDENTIAL_WORDS.apns}`}`,
      commands: [enableChannelCommand(kind, ctx.app.appId, ctx.target, !got.value)],
    },
    uses: uses(call),
  };
}
