/**
 * The checks that need nothing but the endpoint as DescribeAppInstanceUserEndpoint
 * answers it (and the user's endpoint count): pure functions, one per check.
 */
import type { CliTarget } from '../../shared/aws/cli';
import { isSupportedRegion, SUPPORTED_REGIONS } from '../../shared/aws/regions';
import {
  classifyDeviceToken,
  isPlausibleDeviceToken,
  parsePinpointAppArn,
  type PinpointAppArn,
} from '../../shared/chime/deviceTokens';
import type { EndpointStatus, EndpointStatusReason } from '../../shared/chime/shapes';
import { ENDPOINTS_PER_USER } from '../../shared/chime/quotas';
import type { DoctorCheck } from '../../shared/doctor/report';
import { describeEndpointState } from '../../shared/workspace/endpointStateText';
import { skipped, uses, type CallName } from './calls';
import { allowMessagesCommand, createAppCommand, reRegisterCommands, type EndpointFacts } from './fixes';


export const DESCRIBE_ENDPOINT: CallName = {
  operation: 'DescribeAppInstanceUserEndpoint',
  permission: 'chime:DescribeAppInstanceUserEndpoint',
};
export const LIST_ENDPOINTS: CallName = {
  operation: 'ListAppInstanceUserEndpoints',
  permission: 'chime:ListAppInstanceUserEndpoints',
};

export interface EndpointRecord extends EndpointFacts {
  readonly allowMessages?: string;
  readonly status?: EndpointStatus;
  readonly statusReason?: EndpointStatusReason;
}

const described = uses(DESCRIBE_ENDPOINT);

export function stateCheck(e: EndpointRecord, target: CliTarget): DoctorCheck {
  const words = describeEndpointState(e.status, e.statusReason);
  if (e.status === 'ACTIVE') return { name: 'Endpoint state', verdict: 'pass', detail: words, uses: described };
  const reason =
    e.statusReason === 'INVALID_PINPOINT_ARN'
      ? 'Fix the Pinpoint app (see the Pinpoint checks below), then register the endpoint again: an INACTIVE endpoint does not come back by itself.'
      : 'Get a fresh token from the device (the app may have been reinstalled, or the token belongs to another environment), then register the endpoint again: an INACTIVE endpoint does not come back by itself.';
  return {
    name: 'Endpoint state',
    verdict: 'fail',
    detail: `${words}${e.statusReason ? ` (${e.statusReason})` : ''}.`,
    fix: {
      text: reason,
      commands: reRegisterCommands(
        e,
        target,
        e.statusReason === 'INVALID_PINPOINT_ARN' ? {} : { deviceToken: 'NEW_DEVICE_TOKEN' },
      ),
    },
    uses: described,
  };
}

export function allowMessagesCheck(e: EndpointRecord, target: CliTarget): DoctorCheck {
  if (e.allowMessages === 'ALL')
    return {
      name: 'Allow messages',
      verdict: 'pass',
      detail: 'AllowMessages is ALL: the endpoint accepts pushes.',
      uses: described,
    };
  return {
    name: 'Allow messages',
    verdict: 'fail',
    detail: `AllowMessages is ${e.allowMessages ?? 'not set'}: Chime sends no push to this endpoint.`,
    fix: { text: 'Turn messages on for the endpoint.', commands: [allowMessagesCommand(e, target)] },
    uses: described,
  };
}

export function tokenCheck(e: EndpointRecord, target: CliTarget): DoctorCheck {
  if (isPlausibleDeviceToken(e.type, e.deviceToken)) {
    const shape = e.type === 'GCM' ? 'an FCM registration token' : 'an APNs token (64 hex characters)';
    return {
      name: 'Device token',
      verdict: 'pass',
      detail: `The device token has the shape of ${shape}, as ${e.type} needs.`,
      uses: described,
    };
  }
  const kind = classifyDeviceToken(e.deviceToken);
  let detail = `The device token cannot be a token for ${e.type}`;
  let changes: Partial<EndpointFacts> = { deviceToken: 'NEW_DEVICE_TOKEN' };
  if (e.type !== 'GCM' && kind === 'fcm') {
    detail += ': it looks like an FCM registration token, so the endpoint should be GCM';
    changes = { type: 'GCM' };
  } else if (e.type === 'GCM' && kind === 'apns') {
    detail += ': it looks like an APNs token, so the endpoint should be APNS or APNS_SANDBOX';
    changes = { type: 'APNS_SANDBOX' };
  } else if (e.type !== 'GCM' && kind === 'apns') {
    detail += ': it is an APNs token but not as APNs wants it (lower- or upper-case hex only, no spaces or <>)';
  } else {
    detail +=
      e.type === 'GCM'
        ? ' (an FCM registration token is `<instance id>:<long base64url text>`)'
        : ' (APNs wants the 32 bytes as 64 hex characters)';
  }
  return {
    name: 'Device token',
    verdict: 'fail',
    detail: `${detail}.`,
    fix: {
      text: 'Register the endpoint again with the right type and the token exactly as the device printed it (replace NEW_DEVICE_TOKEN where shown).',
      commands: reRegisterCommands(e, target, changes),
    },
    uses: described,
  };
}

const APNS_HEX = /^[0-9a-fA-F]{64}$/;

/** Only when the developer asks about VoIP pushes, or the endpoint has a VoIP token. */
export function voipTokenCheck(e: EndpointRecord, target: CliTarget, asked: boolean): DoctorCheck | undefined {
  if (!asked && e.voipDeviceToken === undefined) return undefined;
  const verdictIfMissing = asked ? 'fail' : 'pass';
  if (e.type === 'GCM') {
    // Not a fault of the endpoint: VOIP pushes simply never go to GCM (Android apps use high-priority data messages).
    return {
      name: 'VoIP device token',
      verdict: 'warning',
      detail: 'VoIP pushes are APNs (PushKit) pushes: this GCM endpoint will not receive VOIP pushes.',
      uses: described,
    };
  }
  if (e.voipDeviceToken === undefined) {
    return {
      name: 'VoIP device token',
      verdict: verdictIfMissing,
      detail: 'The endpoint has no VoIP device token: a VOIP push has nowhere to go.',
      fix: {
        text: 'Register the endpoint again with the PushKit token the app receives (replace VOIP_DEVICE_TOKEN).',
        commands: reRegisterCommands(e, target, { voipDeviceToken: 'VOIP_DEVICE_TOKEN' }),
      },
      uses: described,
    };
  }
  if (!APNS_HEX.test(e.voipDeviceToken)) {
    return {
      name: 'VoIP device token',
      verdict: 'fail',
      detail: 'The VoIP device token is not an APNs token (64 hex characters).',
      fix: {
        text: 'Register the endpoint again with the PushKit token exactly as the app printed it.',
        commands: reRegisterCommands(e, target, { voipDeviceToken: 'VOIP_DEVICE_TOKEN' }),
      },
      uses: described,
    };
  }
  return {
    name: 'VoIP device token',
    verdict: 'pass',
    detail: 'The endpoint has a VoIP device token of the APNs shape.',
    uses: described,
  };
}

export function quotaCheck(count: number, quota = ENDPOINTS_PER_USER): DoctorCheck {
  const used = uses(LIST_ENDPOINTS);
  if (count < quota)
    return {
      name: 'Endpoint quota',
      verdict: 'pass',
      detail: `The user has ${count} of ${quota} endpoints allowed.`,
      uses: used,
    };
  return {
    name: 'Endpoint quota',
    verdict: 'warning',
    detail: `The user has ${count} endpoints, the quota is ${quota}: registering another one fails with ResourceLimitExceededException until one is deregistered (stale endpoints of reinstalled apps are the usual cause).`,
    uses: used,
  };
}

export interface AppInstanceWhere {
  readonly region: string;
  readonly account: string;
}

/** Region and account of an AppInstanceUser ARN (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/UID`). */
export function appInstanceWhere(userArn: string): AppInstanceWhere | undefined {
  const m = /^arn:aws[a-z-]*:chime:([a-z0-9-]+):(\d{12}):app-instance\/[^/]+\/user\/.+$/.exec(userArn);
  return m ? { region: m[1] ?? '', account: m[2] ?? '' } : undefined;
}

export function regionCheck(where: AppInstanceWhere | undefined): DoctorCheck {
  if (!where)
    return {
      name: 'Region',
      verdict: 'fail',
      detail: 'The user ARN is not an AppInstanceUser ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/USER_ID).',
      uses: [],
    };
  if (isSupportedRegion(where.region)) {
    return {
      name: 'Region',
      verdict: 'pass',
      detail: `The AppInstance is in ${where.region}, where Amazon Chime SDK messaging runs.`,
      uses: [],
    };
  }
  return {
    name: 'Region',
    verdict: 'fail',
    detail: `The AppInstance is in ${where.region}; Amazon Chime SDK messaging runs in ${SUPPORTED_REGIONS.join(' and ')} only.`,
    fix: { text: `Create the AppInstance and its users in ${SUPPORTED_REGIONS.join(' or ')}.`, commands: [] },
    uses: [],
  };
}

const SNS_PLATFORM_APP =
  /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:app\/(APNS|APNS_SANDBOX|APNS_VOIP|APNS_VOIP_SANDBOX|GCM|ADM|BAIDU|MPNS|WNS)\/.+$/;

export function arnCheck(e: EndpointRecord, target: CliTarget): { check: DoctorCheck; app?: PinpointAppArn } {
  const app = parsePinpointAppArn(e.resourceArn);
  if (app)
    return {
      app,
      check: {
        name: 'Pinpoint app ARN',
        verdict: 'pass',
        detail: `ResourceArn is a Pinpoint app ARN (app ${app.appId}).`,
        uses: described,
      },
    };
  const sns = SNS_PLATFORM_APP.test(e.resourceArn);
  const detail = sns
    ? `ResourceArn ${e.resourceArn} is an SNS platform-application ARN, not a Pinpoint app ARN: Chime pushes through Amazon Pinpoint (AWS End User Messaging Push), never through SNS. The endpoint turns INACTIVE (INVALID_PINPOINT_ARN).`
    : `ResourceArn ${e.resourceArn} is not a Pinpoint app ARN (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID): the endpoint turns INACTIVE (INVALID_PINPOINT_ARN).`;
  return {
    check: {
      name: 'Pinpoint app ARN',
      verdict: 'fail',
      detail,
      fix: {
        text: `Create a Pinpoint app (or use an existing one) with the push channels, then register the endpoint again with its ARN (replace PINPOINT_APP_ARN with the Arn create-app prints).`,
        commands: [createAppCommand(target), ...reRegisterCommands(e, target, { resourceArn: 'PINPOINT_APP_ARN' })],
      },
      uses: described,
    },
  };
}

export function appPlacementCheck(
  app: PinpointAppArn | undefined,
  where: AppInstanceWhere | undefined,
  e: EndpointRecord,
  target: CliTarget,
): DoctorCheck {
  if (!app) return skipped('Pinpoint app region and account', 'ResourceArn is not a Pinpoint app ARN.');
  if (!where) return skipped('Pinpoint app region and account', 'the user ARN does not name a region and account.');
  const problems = [
    ...(app.region !== where.region ? [`the app is in ${app.region}, the AppInstance in ${where.region}`] : []),
    ...(app.accountId !== where.account
      ? [`the app is in account ${app.accountId}, the AppInstance in ${where.account}`]
      : []),
  ];
  if (problems.length === 0) {
    return {
      name: 'Pinpoint app region and account',
      verdict: 'pass',
      detail: `The app is in the AppInstance's region (${where.region}) and account.`,
      uses: [],
    };
  }
  return {
    name: 'Pinpoint app region and account',
    verdict: 'fail',
    detail: `${problems.join('; ')}. Chime looks the app up in the AppInstance's own region and account.`,
    fix: {
      text: `Create a Pinpoint app in ${where.region} of account ${where.account} with the push channels, then register the endpoint again with its ARN.`,
      commands: [
        createAppCommand({ ...target, region: where.region }),
        ...reRegisterCommands(e, target, { resourceArn: 'PINPOINT_APP_ARN' }),
      ],
    },
    uses: [],
  };
}
