/**
 * `--seed demo`: one AppInstance, "Demo push app", whose users have endpoints
 * in every state the app shows, so a first launch has something real to look
 * at. Seeded records are dated a day back, so their validation is already over
 * and the INACTIVE ones are INACTIVE from the start. `--seed-users N` adds N
 * users with one APNS endpoint each, for scale tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_REGION } from '../../../shared/aws/regions';
import { predictEndpointStatusReason } from '../../../shared/chime/deviceTokens';
import type { AllowMessagesValue, EndpointType } from '../../../shared/chime/shapes';
import { appInstanceArn, SANDBOX_ACCOUNT_ID, userArn } from './handlers/context';
import { newAppInstance, newUser, type AppInstanceRecord, type SandboxState, type UserRecord } from './state';

export const DEMO_APP_INSTANCE_NAME = 'Demo push app';
const DAY_MS = 86_400_000;

const hex64 = (seed: string) => seed.repeat(64).slice(0, 64);
const FCM_TOKEN = `cZ1xY2mTQ3u:APA91b${'F7kq9Lr2Xw-_'.repeat(12)}`;

interface DemoEndpoint {
  name: string;
  type: EndpointType;
  deviceToken: string;
  voipDeviceToken?: string;
  allowMessages?: AllowMessagesValue;
  resourceArn?: string;
}

interface DemoUser {
  id: string;
  name: string;
  endpoints: DemoEndpoint[];
}

const demoUsers = (): DemoUser[] => [
  {
    id: 'alice',
    name: 'Alice Appleseed',
    endpoints: [
      { name: "Alice's iPhone", type: 'APNS', deviceToken: hex64('a1c3') },
      { name: "Alice's Pixel", type: 'GCM', deviceToken: `dA1${FCM_TOKEN}` },
    ],
  },
  {
    id: 'bob',
    name: 'Bob Builder',
    endpoints: [{ name: "Bob's dev iPad (VoIP)", type: 'APNS_SANDBOX', deviceToken: hex64('b0b5'), voipDeviceToken: hex64('0f1e') }],
  },
  { id: 'carol', name: 'Carol Danvers', endpoints: [{ name: "Carol's Galaxy", type: 'GCM', deviceToken: FCM_TOKEN }] },
  // A token pasted from an Xcode log, spaces and brackets included: APNs refuses it.
  { id: 'dave', name: 'Dave Lister', endpoints: [{ name: "Dave's iPhone (bad token)", type: 'APNS', deviceToken: '<d4ve 1234 5678 9abc>' }] },
  {
    id: 'erin',
    name: 'Erin Hannon',
    endpoints: [{ name: "Erin's iPhone (SNS ARN)", type: 'APNS', deviceToken: hex64('e21d'), resourceArn: `arn:aws:sns:${DEFAULT_REGION}:${SANDBOX_ACCOUNT_ID}:app/APNS/demo` }],
  },
  { id: 'frank', name: 'Frank Castle', endpoints: [{ name: "Frank's iPhone (muted)", type: 'APNS', deviceToken: hex64('f2a9'), allowMessages: 'NONE' }] },
];

export function pinpointAppArn(region: string): string {
  return `arn:aws:mobiletargeting:${region}:${SANDBOX_ACCOUNT_ID}:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90`;
}

function addEndpoint(user: UserRecord, e: DemoEndpoint, resourceArn: string, at: number): void {
  const id = randomBytes(16).toString('hex');
  const fields = { type: e.type, resourceArn: e.resourceArn ?? resourceArn, deviceToken: e.deviceToken, voipDeviceToken: e.voipDeviceToken };
  user.endpoints.set(id, {
    id,
    userArn: user.arn,
    name: e.name,
    ...fields,
    allowMessages: e.allowMessages ?? 'ALL',
    created: at,
    updated: at,
    verdict: predictEndpointStatusReason(fields),
  });
}

function addUser(state: SandboxState, instance: AppInstanceRecord, id: string, name: string, at: number): UserRecord {
  const user = newUser({ arn: userArn(instance.arn, id), appInstanceArn: instance.arn, userId: id, name, created: at, updated: at });
  state.addUser(instance, user);
  return user;
}

/** Adds the demo AppInstance and returns it. */
export function seedDemo(state: SandboxState, options: { region: string; now: number; extraUsers?: number }): AppInstanceRecord {
  const at = options.now - DAY_MS;
  const id = randomUUID();
  const instance = newAppInstance({
    id,
    arn: appInstanceArn(options.region, id),
    name: DEMO_APP_INSTANCE_NAME,
    metadata: 'Seeded by the sandbox: endpoints in every state',
    created: at,
    updated: at,
  });
  state.addAppInstance(instance);
  const pinpoint = pinpointAppArn(options.region);
  for (const demo of demoUsers()) {
    const user = addUser(state, instance, demo.id, demo.name, at);
    for (const e of demo.endpoints) addEndpoint(user, e, pinpoint, at);
  }
  instance.admins.set(userArn(instance.arn, 'alice'), { arn: userArn(instance.arn, 'alice'), created: at });
  seedUsers(state, instance, options.extraUsers ?? 0, at);
  return instance;
}

/** N users `load-user-000001`… (zero-padded, so they sort and append in order), one APNS endpoint each. */
export function seedUsers(state: SandboxState, instance: AppInstanceRecord, count: number, at: number): void {
  const pinpoint = pinpointAppArn(instance.arn.split(':')[3] ?? DEFAULT_REGION);
  const width = Math.max(6, String(count).length);
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(width, '0');
    const user = addUser(state, instance, `load-user-${n}`, `Load test user ${i}`, at);
    addEndpoint(user, { name: `Device ${i}`, type: 'APNS', deviceToken: i.toString(16).padStart(64, '0') }, pinpoint, at);
  }
}
