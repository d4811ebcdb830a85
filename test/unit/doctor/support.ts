/**
 * The doctor's test bench: the real sandbox (Identity, Messaging, Pinpoint,
 * IAM on one port, faults included), driven by the real AWS SDK clients. Each `story()` sets up
 * a fresh, healthy push path through those clients: an AppInstance, a user, a
 * Pinpoint app with channels, the push role and the tagged test channel.
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as iam from '@aws-sdk/client-iam';
import * as pp from '@aws-sdk/client-pinpoint';
import { randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import type { DoctorClients } from '../../../src/main/doctor';
import { pushPermissionPolicy, PUSH_POLICY_NAME, PUSH_ROLE_NAME, PUSH_TRUST_POLICY } from '../../../src/main/doctor';

export const APNS_TOKEN = 'ab'.repeat(32);
export const SANDBOX_TOKEN = 'cd'.repeat(32);
export const VOIP_TOKEN = 'ef'.repeat(32);
export const FCM_TOKEN = `fcmInstance1:APA91b${'x'.repeat(140)}`;
export const ACCOUNT = '000000000000';
export const APNS_KEY = {
  BundleId: 'com.example.app',
  TeamId: 'TEAM123456',
  TokenKeyId: 'KEY1234567',
  TokenKey: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
};
export const SERVICE_JSON = JSON.stringify({
  type: 'service_account',
  project_id: 'p',
  private_key: 'k',
  client_email: 'push@p.iam.gserviceaccount.com',
});

export interface Bench {
  readonly sandbox: RunningSandbox;
  readonly clients: DoctorClients;
  /** Sets the sandbox's fault spec (`deny=iam:SimulatePrincipalPolicy`, `throttle=1`, …; '' for none). */
  faults(spec: string): void;
  /** Removes the push role (its inline and attached policies first), so each test starts without one. */
  resetIam(): Promise<void>;
  close(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  // Endpoints keep the state the test gives them (the validation delay is longer than any test).
  const sandbox = await startSandbox({ port: 0, validationDelayMs: 600_000 });
  const config = { region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1, endpoint: sandbox.url };
  const clients: DoctorClients = {
    identity: new id.ChimeSDKIdentityClient(config),
    messaging: new msg.ChimeSDKMessagingClient(config),
    pinpoint: new pp.PinpointClient(config),
    iam: new iam.IAMClient(config),
  };
  const i = clients.iam;
  return {
    sandbox,
    clients,
    faults: (spec) => void sandbox.controls.setFaults(spec),
    resetIam: async () => {
      const RoleName = PUSH_ROLE_NAME;
      try {
        await i.send(new iam.GetRoleCommand({ RoleName }));
      } catch {
        return;
      }
      for (const PolicyName of (await i.send(new iam.ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? [])
        await i.send(new iam.DeleteRolePolicyCommand({ RoleName, PolicyName }));
      for (const { PolicyArn } of (await i.send(new iam.ListAttachedRolePoliciesCommand({ RoleName })))
        .AttachedPolicies ?? []) {
        await i.send(new iam.DetachRolePolicyCommand({ RoleName, PolicyArn }));
        await i.send(new iam.DeletePolicyCommand({ PolicyArn }));
      }
      await i.send(new iam.DeleteRoleCommand({ RoleName }));
    },
    close: async () => {
      for (const c of Object.values(clients)) (c as { destroy(): void }).destroy();
      await sandbox.close();
    },
  };
}

export interface Story {
  readonly appInstanceArn: string;
  readonly userArn: string;
  readonly senderArn: string;
  readonly appId: string;
  readonly appArn: string;
  readonly channelArn: string;
  register(input: {
    type?: 'APNS' | 'APNS_SANDBOX' | 'GCM';
    token?: string;
    voipToken?: string;
    resourceArn?: string;
    allowMessages?: 'ALL' | 'NONE';
  }): Promise<string>;
}

export type ChannelKind = 'apns' | 'apns_sandbox' | 'apns_voip' | 'apns_voip_sandbox' | 'gcm';

export async function setChannel(
  b: Bench,
  appId: string,
  kind: ChannelKind,
  request: Record<string, unknown>,
): Promise<void> {
  const ApplicationId = appId;
  const p = b.clients.pinpoint;
  if (kind === 'apns') await p.send(new pp.UpdateApnsChannelCommand({ ApplicationId, APNSChannelRequest: request }));
  if (kind === 'apns_sandbox')
    await p.send(new pp.UpdateApnsSandboxChannelCommand({ ApplicationId, APNSSandboxChannelRequest: request }));
  if (kind === 'apns_voip')
    await p.send(new pp.UpdateApnsVoipChannelCommand({ ApplicationId, APNSVoipChannelRequest: request }));
  if (kind === 'apns_voip_sandbox')
    await p.send(new pp.UpdateApnsVoipSandboxChannelCommand({ ApplicationId, APNSVoipSandboxChannelRequest: request }));
  if (kind === 'gcm') await p.send(new pp.UpdateGcmChannelCommand({ ApplicationId, GCMChannelRequest: request }));
}

export async function createPushRole(
  b: Bench,
  options: { trust?: string; policy?: string | null } = {},
): Promise<void> {
  await b.clients.iam.send(
    new iam.CreateRoleCommand({
      RoleName: PUSH_ROLE_NAME,
      AssumeRolePolicyDocument: options.trust ?? PUSH_TRUST_POLICY,
    }),
  );
  if (options.policy === null) return;
  const policy = options.policy ?? pushPermissionPolicy(`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/messages`);
  await b.clients.iam.send(
    new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: PUSH_POLICY_NAME, PolicyDocument: policy }),
  );
}

/**
 * A healthy push path: every channel of the app enabled with a token key
 * (GCM with a service account), the role as the guide writes it, the user a
 * member of the tagged test channel with no preferences set.
 */
export async function story(
  b: Bench,
  options: { channels?: readonly ChannelKind[]; role?: boolean; tagged?: boolean } = {},
): Promise<Story> {
  const { identity, messaging, pinpoint } = b.clients;
  const instance = await identity.send(
    new id.CreateAppInstanceCommand({ Name: `doctor-${randomUUID().slice(0, 8)}`, ClientRequestToken: randomUUID() }),
  );
  const appInstanceArn = instance.AppInstanceArn ?? '';
  const user = async (userId: string) =>
    (
      await identity.send(
        new id.CreateAppInstanceUserCommand({
          AppInstanceArn: appInstanceArn,
          AppInstanceUserId: userId,
          Name: userId,
          ClientRequestToken: randomUUID(),
        }),
      )
    ).AppInstanceUserArn ?? '';
  const userArn = await user('phone-owner');
  const senderArn = await user('workbench-push-sender');
  const app = (await pinpoint.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: 'Doctor app' } })))
    .ApplicationResponse;
  const appId = app?.Id ?? '';
  for (const kind of options.channels ?? (['apns', 'apns_sandbox', 'apns_voip', 'apns_voip_sandbox', 'gcm'] as const)) {
    await setChannel(
      b,
      appId,
      kind,
      kind === 'gcm' ? { ServiceJson: SERVICE_JSON, Enabled: true } : { ...APNS_KEY, Enabled: true },
    );
  }
  if (options.role ?? true) await createPushRole(b);
  const channel = await messaging.send(
    new msg.CreateChannelCommand({
      AppInstanceArn: appInstanceArn,
      Name: 'Workbench push tests',
      Mode: 'RESTRICTED',
      Privacy: 'PRIVATE',
      ChimeBearer: senderArn,
      ClientRequestToken: randomUUID(),
      ...((options.tagged ?? true) && { Tags: [{ Key: 'workbench:purpose', Value: 'push-test' }] }),
    }),
  );
  const channelArn = channel.ChannelArn ?? '';
  await messaging.send(
    new msg.CreateChannelMembershipCommand({
      ChannelArn: channelArn,
      MemberArn: userArn,
      Type: 'DEFAULT',
      ChimeBearer: senderArn,
    }),
  );
  const appArn = app?.Arn ?? '';
  return {
    appInstanceArn,
    userArn,
    senderArn,
    appId,
    appArn,
    channelArn,
    register: async (r) => {
      const type = r.type ?? 'APNS';
      const out = await identity.send(
        new id.RegisterAppInstanceUserEndpointCommand({
          AppInstanceUserArn: userArn,
          Name: `${type} phone`,
          Type: type,
          ResourceArn: r.resourceArn ?? appArn,
          EndpointAttributes: {
            DeviceToken: r.token ?? (type === 'GCM' ? FCM_TOKEN : type === 'APNS' ? APNS_TOKEN : SANDBOX_TOKEN),
            ...(r.voipToken && { VoipDeviceToken: r.voipToken }),
          },
          AllowMessages: r.allowMessages ?? 'ALL',
          ClientRequestToken: randomUUID(),
        }),
      );
      return out.EndpointId ?? '';
    },
  };
}
