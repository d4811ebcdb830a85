/**
 * `--seed demo`, the push story (on top of identity/seed.ts): the demo
 * Pinpoint app (the ARN the demo endpoints name) with an APNs, APNs sandbox,
 * APNs VoIP sandbox and GCM channel, the sender user `workbench-push-sender`,
 * and the test channel "Workbench push tests" tagged
 * `workbench:purpose=push-test` with every demo user as a member.
 *
 * The channel credentials are placeholders until the APNs/FCM emulators
 * issue real keys (`POST /_sandbox/apns-keys`, `/_sandbox/fcm-projects`).
 */
import { randomBytes } from 'node:crypto';
import { userArn } from './identity/handlers/context';
import { newUser, type AppInstanceRecord, type SandboxState } from './identity/state';
import type { MessagingState } from './messaging/state';
import { newChannel } from './messaging/state';
import type { PinpointState } from './pinpoint/state';

export const DEMO_PINPOINT_APP_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const PUSH_SENDER_ID = 'workbench-push-sender';
export const PUSH_TEST_CHANNEL_NAME = 'Workbench push tests';
export const PUSH_TEST_TAG = { Key: 'workbench:purpose', Value: 'push-test' } as const;
export const DEMO_BUNDLE_ID = 'com.example.workbench';

export interface PushSeedTargets {
  readonly identity: SandboxState;
  readonly messaging: MessagingState;
  readonly pinpoint: PinpointState;
  readonly region: string;
  readonly account: string;
  readonly at: number;
}

export function seedPushStory(instance: AppInstanceRecord, t: PushSeedTargets): { channelArn: string; senderArn: string; pinpointAppArn: string } {
  const pinpointAppArn = `arn:aws:mobiletargeting:${t.region}:${t.account}:apps/${DEMO_PINPOINT_APP_ID}`;
  const channel = (kind: 'apns' | 'apns_sandbox' | 'apns_voip_sandbox' | 'gcm', credentials: Record<string, string>, method: string) => ({
    kind,
    enabled: true,
    defaultAuthenticationMethod: method,
    credentials,
    created: t.at,
    updated: t.at,
    version: 1,
  });
  const token = { BundleId: DEMO_BUNDLE_ID, TeamId: 'SANDBOXTM1', TokenKeyId: 'SANDBOXKY1', TokenKey: '(placeholder: the APNs emulator issues real keys)' };
  t.pinpoint.apps.set(DEMO_PINPOINT_APP_ID, {
    id: DEMO_PINPOINT_APP_ID,
    arn: pinpointAppArn,
    name: 'Workbench demo app',
    tags: {},
    created: t.at,
    channels: {
      apns: channel('apns', token, 'TOKEN'),
      apns_sandbox: channel('apns_sandbox', token, 'TOKEN'),
      apns_voip_sandbox: channel('apns_voip_sandbox', token, 'TOKEN'),
      gcm: channel('gcm', { ServiceJson: JSON.stringify({ type: 'service_account', project_id: 'workbench-demo', client_email: 'push@workbench-demo.iam.gserviceaccount.com', private_key: '(placeholder)' }) }, 'TOKEN'),
    },
  });

  const senderArn = userArn(instance.arn, PUSH_SENDER_ID);
  t.identity.addUser(instance, newUser({ arn: senderArn, appInstanceArn: instance.arn, userId: PUSH_SENDER_ID, name: 'Workbench push sender', created: t.at, updated: t.at }));
  const id = randomBytes(32).toString('hex');
  const test = newChannel({
    arn: `${instance.arn}/channel/${id}`,
    id,
    appInstanceArn: instance.arn,
    name: PUSH_TEST_CHANNEL_NAME,
    mode: 'RESTRICTED',
    privacy: 'PRIVATE',
    createdBy: senderArn,
    created: t.at,
    updated: t.at,
    tags: new Map([[PUSH_TEST_TAG.Key, PUSH_TEST_TAG.Value]]),
  });
  test.moderators.add(senderArn);
  t.messaging.addChannel(test);
  for (const user of instance.users.values()) {
    if (user.userId.startsWith('load-user-')) continue;
    t.messaging.addMembership(test, { memberArn: user.arn, type: 'DEFAULT', invitedBy: senderArn, created: t.at, updated: t.at });
  }
  return { channelArn: test.arn, senderArn, pinpointAppArn };
}
