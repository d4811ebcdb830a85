/**
 * The doctor on `--seed demo`: each seeded misconfiguration the AWS APIs can
 * reveal is found on its own user, and the healthy demo users are ready.
 * (Gina's sandbox token registered as APNS and Judy's token of another app
 * look like any APNs token to the AWS APIs; only a push reveals them.)
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as iam from '@aws-sdk/client-iam';
import * as pp from '@aws-sdk/client-pinpoint';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { DEMO_MISCONFIGURATIONS } from '../../../src/main/sandbox/seedPush';
import { isReady, runDoctor, type CheckName, type DoctorClients, type DoctorReport } from './imports';

let sandbox: RunningSandbox;
let clients: DoctorClients;
const users = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  const config = { region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1, endpoint: sandbox.url };
  clients = {
    identity: new id.ChimeSDKIdentityClient(config),
    messaging: new msg.ChimeSDKMessagingClient(config),
    pinpoint: new pp.PinpointClient(config),
    iam: new iam.IAMClient(config),
  };
  const listed = await clients.identity.send(
    new id.ListAppInstanceUsersCommand({ AppInstanceArn: sandbox.demoAppInstanceArn, MaxResults: 50 }),
  );
  for (const u of listed.AppInstanceUsers ?? [])
    users.set(u.AppInstanceUserArn?.split('/').pop() ?? '', u.AppInstanceUserArn ?? '');
});
afterAll(async () => {
  for (const c of Object.values(clients)) (c as { destroy(): void }).destroy();
  await sandbox.close();
});

async function doctorFor(user: string, voip = false): Promise<DoctorReport> {
  const userArn = users.get(user);
  if (!userArn) throw new Error(`no demo user ${user}`);
  const result = await runDoctor(
    { userArn, voip },
    { clients, cliTarget: { kind: 'sandbox', endpointUrl: sandbox.url } },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const verdictOf = (report: DoctorReport, name: CheckName) =>
  report.endpoints[0]?.checks.find((c) => c.name === name)?.verdict;

it('finds each visible misconfiguration on its demo user', async () => {
  const expected: Record<string, [CheckName, 'fail' | 'warning', boolean?]> = {
    dave: ['Device token', 'fail'],
    erin: ['Pinpoint app ARN', 'fail'],
    frank: ['Allow messages', 'fail'],
    hank: ['Delivery preferences', 'fail'],
    ivan: ['VoIP push channel', 'warning', true],
    kim: ['Pinpoint app exists', 'fail'],
  };
  for (const { user } of DEMO_MISCONFIGURATIONS) {
    const want = expected[user];
    if (!want) continue;
    const report = await doctorFor(user, want[2]);
    expect({ user, verdict: verdictOf(report, want[0]) }).toEqual({ user, verdict: want[1] });
  }
  expect(Object.keys(expected).every((u) => DEMO_MISCONFIGURATIONS.some((m) => m.user === u))).toBe(true);
});

it('the healthy demo users are ready, every check a Pass', async () => {
  for (const user of ['alice', 'bob', 'carol']) {
    const report = await doctorFor(user);
    expect(report.endpoints.length).toBeGreaterThan(0);
    for (const e of report.endpoints) {
      expect(isReady(e)).toBe(true);
      expect(e.checks.filter((c) => c.verdict !== 'pass').map((c) => `${user} ${c.name}: ${c.detail}`)).toEqual([]);
    }
  }
});
