/**
 * The push-readiness doctor (issue 14): for one endpoint, or every endpoint
 * of a user, every reason a Chime push can fail, checked and explained, with
 * the fix as AWS CLI commands. A main-process service with its clients passed
 * in (the app's client factory builds them; the command line and the tests
 * use the same function). It never throws for an AWS error and never changes
 * anything: it only reads.
 *
 * AWS calls (each bounded by its client's retry configuration, `maxAttempts`):
 * per user, once:      ListAppInstanceUserEndpoints (1 per 50 endpoints);
 *                      GetChannelMembershipPreferences (1), plus, without a
 *                      given channel, ListChannelMembershipsForAppInstanceUser
 *                      (1 per 50 channels) and ListTagsForResource (1 per
 *                      channel until the tagged one); with a given channel
 *                      that refuses the preferences, the user's memberships
 *                      (1 per 50 channels) to tell "not a member" apart;
 * per Pinpoint app:    GetApp (1); GetRole + SimulatePrincipalPolicy (2; when
 *                      IAM refuses the simulation, the role's policies are
 *                      read instead: 2 listings + 1 per inline policy + 2 per
 *                      attached policy, see policyReading.ts);
 * per endpoint:        DescribeAppInstanceUserEndpoint (1); Get<Type>Channel
 *                      (1, +1 for the other APNs environment when the channel
 *                      is missing or disabled); Get<VoIP>Channel (1 with
 *                      `voip` or a VoIP token).
 * So one endpoint alone costs at most 9 calls with a given channel when
 * every call is allowed (List, Describe, GetApp, 2 channels, VoIP channel,
 * GetRole, Simulate, preferences).
 * At most ENDPOINT_CONCURRENCY endpoints are checked at a time.
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import type * as msg from '@aws-sdk/client-chime-sdk-messaging';
import type * as iam from '@aws-sdk/client-iam';
import * as pp from '@aws-sdk/client-pinpoint';
import type { CliTarget } from '../../shared/aws/cli';
import type { EndpointStatus, EndpointStatusReason, EndpointType } from '../../shared/chime/shapes';
import {
  byCheckOrder,
  CHECK_NAMES,
  type DoctorCheck,
  type DoctorEndpointReport,
  type DoctorReport,
} from '../../shared/doctor/report';
import { fail, ok, type Result } from '../../shared/errors';
import type { MessageAttributes } from '../../shared/push/filterRule';
import { attempt, cannotCheck, isNotFound, skipped, uses, type Outcome } from './calls';
import { ENDPOINTS_PER_USER } from '../../shared/chime/quotas';
import {
  allowMessagesCheck,
  appInstanceWhere,
  appPlacementCheck,
  arnCheck,
  DESCRIBE_ENDPOINT,
  LIST_ENDPOINTS,
  quotaCheck,
  regionCheck,
  stateCheck,
  tokenCheck,
  voipTokenCheck,
  type EndpointRecord,
} from './endpointChecks';
import { appExistsCheck, channelChecks, voipChannelCheck, type AppExistence } from './pinpointChecks';
import { preferencesCheck, type ChannelChoice } from './preferenceChecks';
import { roleChecks } from './roleChecks';

export interface DoctorInput {
  readonly userArn: string;
  /** One endpoint; without it, every endpoint of the user. */
  readonly endpointId?: string;
  /** The channel whose membership preferences to check; without it, the user's channel tagged workbench:purpose=push-test. */
  readonly channelArn?: string;
  /** The developer asks about VOIP pushes: a VoIP token and channel are required. */
  readonly voip?: boolean;
  /** The message the preferences are judged for (FILTERED rules); none: a message without attributes. */
  readonly messageAttributes?: MessageAttributes;
}

export interface DoctorClients {
  readonly identity: id.ChimeSDKIdentityClient;
  readonly messaging: msg.ChimeSDKMessagingClient;
  readonly pinpoint: pp.PinpointClient;
  readonly iam: iam.IAMClient;
}

export interface DoctorOptions {
  readonly clients: DoctorClients;
  /** Where the fix commands point: `--profile`, `--region`, and `--endpoint-url` for the sandbox. */
  readonly cliTarget: CliTarget;
  /** The `x-amz-chime-bearer` for Messaging calls (default: the user under check, who may read their own memberships). */
  readonly bearerArn?: string;
  readonly endpointQuota?: number;
  readonly signal?: AbortSignal;
  /** Called as each check completes (the app shows checks as they arrive). */
  readonly onCheck?: (endpointId: string, check: DoctorCheck) => void;
}

const ENDPOINT_CONCURRENCY = 4;

export async function runDoctor(input: DoctorInput, options: DoctorOptions): Promise<Result<DoctorReport>> {
  const { clients, cliTarget: target, signal } = options;
  const where = appInstanceWhere(input.userArn);
  const listed = await listEndpointIds(clients.identity, input.userArn, signal);
  if (!listed.ok && !input.endpointId) return fail(listed.error);
  const ids = input.endpointId ? [input.endpointId] : listed.ok ? listed.value : [];

  // Per-user checks, started once and shared by every endpoint's list.
  const quota = listed.ok
    ? quotaCheck(listed.value.length, options.endpointQuota ?? ENDPOINTS_PER_USER)
    : cannotCheck('Endpoint quota', LIST_ENDPOINTS, listed.error);
  const region = regionCheck(where);
  const preferences = preferencesCheck({
    client: clients.messaging,
    userArn: input.userArn,
    bearerArn: options.bearerArn ?? input.userArn,
    ...(input.channelArn !== undefined && { channelArn: input.channelArn }),
    ...(input.messageAttributes !== undefined && { messageAttributes: input.messageAttributes }),
    target,
    ...(signal && { signal }),
  });
  const apps = new Map<string, Promise<Outcome<unknown>>>();
  const roles = new Map<string, Promise<DoctorCheck[]>>();
  const getApp = (appId: string) =>
    memo(apps, appId, () =>
      attempt(() => clients.pinpoint.send(new pp.GetAppCommand({ ApplicationId: appId }), { abortSignal: signal })),
    );
  const role = (messagesArn: string | undefined) =>
    memo(roles, messagesArn ?? '*', () =>
      roleChecks({
        client: clients.iam,
        ...(messagesArn && { messagesArn }),
        ...(where && { account: where.account }),
        target,
        ...(signal && { signal }),
      }),
    );

  const checkOne = async (endpointId: string): Promise<DoctorEndpointReport> => {
    const emit = (check: DoctorCheck) => {
      options.onCheck?.(endpointId, check);
      return check;
    };
    const shared = [emit(quota), emit(region), preferences.then((p) => emit(p.check))];
    const described = await attempt(() =>
      clients.identity.send(
        new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: input.userArn, EndpointId: endpointId }),
        { abortSignal: signal },
      ),
    );
    if (!described.ok) {
      const first: DoctorCheck = isNotFound(described.error)
        ? {
            name: 'Endpoint state',
            verdict: 'fail',
            detail: `The user has no endpoint ${endpointId} (${described.error.message}).`,
            uses: uses(DESCRIBE_ENDPOINT),
          }
        : cannotCheck('Endpoint state', DESCRIBE_ENDPOINT, described.error);
      const rest = CHECK_NAMES.filter(
        (n) =>
          ![
            'Endpoint state',
            'Endpoint quota',
            'Region',
            'Delivery preferences',
            'VoIP device token',
            'VoIP push channel',
          ].includes(n),
      ).map((n) => skipped(n, 'the endpoint could not be read.'));
      return { endpointId, checks: byCheckOrder([emit(first), ...rest.map(emit), ...(await Promise.all(shared))]) };
    }
    const e = toRecord(input.userArn, described.value.AppInstanceUserEndpoint, endpointId);
    const own: DoctorCheck[] = [stateCheck(e, target), allowMessagesCheck(e, target), tokenCheck(e, target)];
    const voip = voipTokenCheck(e, target, input.voip ?? false);
    if (voip) own.push(voip);
    const arn = arnCheck(e, target);
    own.push(arn.check, appPlacementCheck(arn.app, where, e, target));
    own.forEach(emit);

    const later: Promise<DoctorCheck[]>[] = [
      role(arn.app ? `${e.resourceArn}/messages` : undefined).then((c) => c.map(emit)),
    ];
    if (!arn.app) {
      const because = 'ResourceArn is not a Pinpoint app ARN.';
      own.push(
        ...[
          skipped('Pinpoint app exists', because),
          skipped('Push channel', because),
          skipped('Channel authentication', because),
        ].map(emit),
      );
    } else {
      const app = arn.app;
      later.push(
        (async () => {
          const exists = appExistsCheck(app, await getApp(app.appId), e, target);
          const out = [emit(exists.check)];
          const wantVoip = (input.voip ?? false) || (e.voipDeviceToken !== undefined && e.type !== 'GCM');
          out.push(
            ...(
              await pinpointChannels(
                exists.existence,
                { client: clients.pinpoint, app, endpoint: e, target, ...(signal && { signal }) },
                wantVoip,
              )
            ).map(emit),
          );
          return out;
        })(),
      );
    }
    const rest = (await Promise.all([...later, Promise.all(shared)])).flat();
    return { endpointId, ...(e.name && { name: e.name }), checks: byCheckOrder([...own, ...rest]) };
  };

  const endpoints = await pool(ids, ENDPOINT_CONCURRENCY, checkOne);
  const channel: ChannelChoice | undefined = (await preferences).channel;
  return ok({ userArn: input.userArn, ...(channel && { channel }), endpoints });
}

async function pinpointChannels(
  existence: AppExistence,
  ctx: Parameters<typeof channelChecks>[0],
  wantVoip: boolean,
): Promise<DoctorCheck[]> {
  if (existence === 'missing') {
    const because = 'the Pinpoint app does not exist.';
    return [
      skipped('Push channel', because),
      skipped('Channel authentication', because),
      ...(wantVoip && ctx.endpoint.type !== 'GCM' ? [skipped('VoIP push channel', because)] : []),
    ];
  }
  const [main, voip] = await Promise.all([
    channelChecks(ctx),
    wantVoip && ctx.endpoint.type !== 'GCM' ? voipChannelCheck(ctx) : undefined,
  ]);
  return [...main, ...(voip ? [voip] : [])];
}

async function listEndpointIds(
  client: id.ChimeSDKIdentityClient,
  userArn: string,
  signal: AbortSignal | undefined,
): Promise<Outcome<string[]>> {
  return attempt(async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new id.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn, MaxResults: 50, NextToken }),
        { abortSignal: signal },
      );
      ids.push(...(page.AppInstanceUserEndpoints ?? []).flatMap((e) => (e.EndpointId ? [e.EndpointId] : [])));
      NextToken = page.NextToken;
    } while (NextToken);
    return ids;
  });
}

function toRecord(userArn: string, e: id.AppInstanceUserEndpoint | undefined, endpointId: string): EndpointRecord {
  return {
    userArn,
    endpointId,
    ...(e?.Name !== undefined && { name: e.Name }),
    type: (e?.Type ?? 'APNS') as EndpointType,
    resourceArn: e?.ResourceArn ?? '',
    deviceToken: e?.EndpointAttributes?.DeviceToken ?? '',
    ...(e?.EndpointAttributes?.VoipDeviceToken !== undefined && {
      voipDeviceToken: e.EndpointAttributes.VoipDeviceToken,
    }),
    ...(e?.AllowMessages !== undefined && { allowMessages: e.AllowMessages }),
    ...(e?.EndpointState?.Status !== undefined && { status: e.EndpointState.Status as EndpointStatus }),
    ...(e?.EndpointState?.StatusReason !== undefined && {
      statusReason: e.EndpointState.StatusReason as EndpointStatusReason,
    }),
  };
}


function memo<T>(cache: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = run();
    cache.set(key, p);
  }
  return p;
}

/** Runs `work` over `items`, at most `limit` at a time, answering in the items' order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
