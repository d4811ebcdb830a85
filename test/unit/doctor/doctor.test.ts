/**
 * The push-readiness doctor against the sandbox with the real SDK clients:
 * one test per check and verdict, the fixes' commands, access denied and
 * throttling as verdicts, and the doctor JSON document.
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as iam from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_NAMES, PUSH_ROLE_NAME, readinessSummary, runDoctor, toDoctorJson, type CheckName, type DoctorCheck, type DoctorInput, type DoctorReport } from './imports';
import { startServiceServer } from '../sandbox/serviceServer';
import { ACCOUNT, APNS_KEY, createPushRole, FCM_TOKEN, SANDBOX_TOKEN, setChannel, startBench, story, VOIP_TOKEN, type Bench, type Story } from './support';

let b: Bench;
const TARGET = { kind: 'sandbox' as const, region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' };

beforeAll(async () => {
  b = await startBench();
});
afterAll(async () => {
  await b.close();
});
beforeEach(async () => {
  b.faults('');
  await b.resetIam();
});

async function doctor(input: DoctorInput): Promise<DoctorReport> {
  const result = await runDoctor(input, { clients: b.clients, cliTarget: TARGET });
  if (!result.ok) throw new Error(`doctor failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The checks of the report's only endpoint, by name. */
async function checksOf(input: DoctorInput): Promise<Map<CheckName, DoctorCheck>> {
  const report = await doctor(input);
  expect(report.endpoints).toHaveLength(1);
  return new Map((report.endpoints[0]?.checks ?? []).map((c) => [c.name, c]));
}

const check = (checks: Map<CheckName, DoctorCheck>, name: CheckName): DoctorCheck => {
  const c = checks.get(name);
  if (!c) throw new Error(`no check ${name} in ${[...checks.keys()].join(', ')}`);
  return c;
};

describe('a healthy push path', () => {
  it('passes every check, in the report order, without fixes; the JSON document is exactly the DESIGN form', async () => {
    const s = await story(b);
    const endpointId = await s.register({ type: 'APNS', voipToken: VOIP_TOKEN });
    const report = await doctor({ userArn: s.userArn, endpointId, voip: true });
    const checks = report.endpoints[0]?.checks ?? [];
    expect(checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    for (const c of checks) expect({ name: c.name, verdict: c.verdict, detail: c.detail }).toMatchObject({ verdict: 'pass' });
    expect(checks.some((c) => c.fix)).toBe(false);
    expect(report.channel).toEqual({ arn: s.channelArn, how: 'tagged' });
    expect(readinessSummary(report)).toBe('1 of 1 endpoint ready');
    const json = JSON.parse(JSON.stringify(toDoctorJson(report))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['schemaVersion', 'endpoints']);
    expect(json['schemaVersion']).toBe(1);
    const [endpoint] = json['endpoints'] as { endpointId: string; checks: Record<string, unknown>[] }[];
    expect(endpoint?.endpointId).toBe(endpointId);
    expect(Object.keys(endpoint ?? {})).toEqual(['endpointId', 'checks']);
    for (const c of endpoint?.checks ?? []) expect(Object.keys(c)).toEqual(['name', 'verdict', 'detail']);
  });

  it('checks every endpoint of the user when none is named, sharing the per-user checks', async () => {
    const s = await story(b);
    const apns = await s.register({ type: 'APNS' });
    const gcm = await s.register({ type: 'GCM' });
    const muted = await s.register({ type: 'APNS_SANDBOX', allowMessages: 'NONE' });
    const report = await doctor({ userArn: s.userArn });
    expect(report.endpoints.map((e) => e.endpointId).sort()).toEqual([apns, gcm, muted].sort());
    expect(readinessSummary(report)).toBe('2 of 3 endpoints ready');
    const gcmChecks = report.endpoints.find((e) => e.endpointId === gcm)?.checks ?? [];
    expect(gcmChecks.find((c) => c.name === 'Channel authentication')?.detail).toMatch(/service account/);
    expect(gcmChecks.find((c) => c.name === 'Endpoint quota')?.detail).toBe('The user has 3 of 10 endpoints allowed.');
  });
});

describe('progress', () => {
  it('reports each check as it completes, once, with its endpoint id: the same checks the report holds', async () => {
    const s = await story(b);
    const first = await s.register({ type: 'APNS' });
    const second = await s.register({ type: 'GCM' });
    const seen: string[] = [];
    const result = await runDoctor({ userArn: s.userArn }, { clients: b.clients, cliTarget: TARGET, onCheck: (endpointId, c) => seen.push(`${endpointId} ${c.name} ${c.verdict}`) });
    if (!result.ok) throw new Error(result.error.message);
    const reported = result.value.endpoints.flatMap((e) => e.checks.map((c) => `${e.endpointId} ${c.name} ${c.verdict}`));
    expect([...seen].sort()).toEqual([...reported].sort());
    expect(new Set(result.value.endpoints.map((e) => e.endpointId))).toEqual(new Set([first, second]));
  });

  it('an IAM answer that is not IAM (no IAM behind the URL) is a one-line Warning, not a crash', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    // A server that answers every request 404 with plain text.
    const nothing = await startServiceServer([]);
    const stray = new iam.IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: nothing.url, maxAttempts: 1 });
    const result = await runDoctor({ userArn: s.userArn, endpointId }, { clients: { ...b.clients, iam: stray }, cliTarget: TARGET });
    stray.destroy();
    await nothing.close();
    if (!result.ok) throw new Error(result.error.message);
    const role = result.value.endpoints[0]?.checks.find((c) => c.name === 'Push role');
    expect(role?.verdict).toBe('warning');
    expect(role?.detail).toMatch(/^couldn't check: GetRole failed \([^\n]+\)\.$/);
  });
});

describe('endpoint', () => {
  it('INACTIVE: Fail with the reason in plain words and a re-register fix', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    b.sandbox.controls.setEndpointState(s.userArn, endpointId, { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Endpoint state');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/^Inactive: The push service rejected the device token.*\(INVALID_DEVICE_TOKEN\)\.$/);
    expect(c.fix?.commands[0]).toBe(`aws chime-sdk-identity deregister-app-instance-user-endpoint --app-instance-user-arn ${s.userArn} --endpoint-id ${endpointId} --region us-east-1 --endpoint-url http://127.0.0.1:4566`);
    expect(c.fix?.commands[1]).toContain(`--endpoint-attributes '{"DeviceToken":"NEW_DEVICE_TOKEN"}'`);
  });

  it('AllowMessages NONE: Fail, and the copied fix turns it to Pass', async () => {
    const s = await story(b);
    const endpointId = await s.register({ allowMessages: 'NONE' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Allow messages');
    expect(c.verdict).toBe('fail');
    expect(c.fix?.commands).toEqual([
      `aws chime-sdk-identity update-app-instance-user-endpoint --app-instance-user-arn ${s.userArn} --endpoint-id ${endpointId} --allow-messages ALL --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    ]);
    await b.clients.identity.send(new id.UpdateAppInstanceUserEndpointCommand({ AppInstanceUserArn: s.userArn, EndpointId: endpointId, AllowMessages: 'ALL' }));
    expect(check(await checksOf({ userArn: s.userArn, endpointId }), 'Allow messages').verdict).toBe('pass');
  });

  it('token shape: an FCM token on an APNS endpoint is named as such, with a re-register as GCM', async () => {
    const s = await story(b);
    const endpointId = await s.register({ type: 'APNS', token: FCM_TOKEN });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Device token');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/looks like an FCM registration token, so the endpoint should be GCM/);
    expect(c.fix?.commands[1]).toContain('--type GCM');
  });

  it('VoIP asked: no VoIP token is a Fail; VoIP not asked: no VoIP check at all', async () => {
    const s = await story(b);
    const endpointId = await s.register({ type: 'APNS' });
    const asked = await checksOf({ userArn: s.userArn, endpointId, voip: true });
    expect(check(asked, 'VoIP device token')).toMatchObject({ verdict: 'fail' });
    expect(check(asked, 'VoIP device token').fix?.commands[1]).toContain('"VoipDeviceToken":"VOIP_DEVICE_TOKEN"');
    const notAsked = await checksOf({ userArn: s.userArn, endpointId });
    expect(notAsked.has('VoIP device token')).toBe(false);
    expect(notAsked.has('VoIP push channel')).toBe(false);
  });

  it('quota: at 10 endpoints a Warning (the next registration would fail)', async () => {
    const s = await story(b);
    let endpointId = '';
    for (let i = 0; i < 10; i++) endpointId = await s.register({ token: `${i}`.padStart(2, '0').repeat(32) });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Endpoint quota');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/10 endpoints, the quota is 10/);
  });

  it('a missing endpoint: Fail on its state, every later check skipped, no crash', async () => {
    const s = await story(b);
    const checks = await checksOf({ userArn: s.userArn, endpointId: 'no-such-endpoint' });
    expect(check(checks, 'Endpoint state').verdict).toBe('fail');
    expect(check(checks, 'Push channel')).toMatchObject({ verdict: 'warning', skipped: true, detail: 'skipped: the endpoint could not be read.' });
  });
});

describe('Pinpoint app', () => {
  it('an SNS platform-application ARN is called out as such; the app checks are skipped', async () => {
    const s = await story(b);
    const sns = `arn:aws:sns:us-east-1:${ACCOUNT}:app/APNS/MyApp`;
    const endpointId = await s.register({ resourceArn: sns });
    const checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Pinpoint app ARN')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Pinpoint app ARN').detail).toMatch(/is an SNS platform-application ARN, not a Pinpoint app ARN/);
    expect(check(checks, 'Pinpoint app ARN').fix?.commands[0]).toBe(`aws pinpoint create-app --create-application-request '{"Name":"MY_APP_NAME"}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`);
    for (const name of ['Pinpoint app exists', 'Push channel', 'Pinpoint app region and account', 'Push role permission'] as const) expect(check(checks, name)).toMatchObject({ verdict: 'warning', skipped: true });
    // The role itself is still checked.
    expect(check(checks, 'Push role').verdict).toBe('pass');
  });

  it('an app in another region than the AppInstance: Fail naming both regions', async () => {
    const s = await story(b);
    const endpointId = await s.register({ resourceArn: s.appArn.replace(':us-east-1:', ':eu-central-1:') });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Pinpoint app region and account');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/the app is in eu-central-1, the AppInstance in us-east-1/);
  });

  it('GetApp NotFound: Fail with create-app; the channel checks are skipped', async () => {
    const s = await story(b);
    const endpointId = await s.register({ resourceArn: s.appArn.replace(/apps\/.*/, `apps/${'f'.repeat(32)}`) });
    const checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Pinpoint app exists')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Push channel')).toMatchObject({ verdict: 'warning', detail: 'skipped: the Pinpoint app does not exist.' });
  });

  it('deny=mobiletargeting:GetApp: a Warning "couldn\'t check", never a Fail', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    b.faults('deny=mobiletargeting:GetApp');
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Pinpoint app exists');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/^couldn't check: needs `mobiletargeting:GetApp` \(GetApp was refused: ForbiddenException/);
  });
});

describe('channel', () => {
  it('the classic mismatch: an APNS endpoint with only the sandbox channel is named, with both fixes', async () => {
    const s = await story(b, { channels: ['apns_sandbox'] });
    const endpointId = await s.register({ type: 'APNS' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push channel');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/no APNs \(production\) channel, but the APNs sandbox channel is enabled: the classic mismatch/);
    expect(c.fix?.commands[1]).toContain('--type APNS_SANDBOX');
    expect(c.fix?.commands[2]).toMatch(/^aws pinpoint update-apns-channel --application-id \w+ --apns-channel-request '\{"BundleId":"BUNDLE_ID",.*"Enabled":true\}'/);
  });

  it('the reverse mismatch: an APNS_SANDBOX endpoint with only the production channel', async () => {
    const s = await story(b, { channels: ['apns'] });
    const endpointId = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push channel');
    expect(c.detail).toMatch(/but the APNs \(production\) channel is enabled: the classic mismatch/);
    expect(c.fix?.commands[1]).toContain('--type APNS ');
  });

  it('a disabled channel: Fail, and enabling it (the copied command) turns it to Pass', async () => {
    const s = await story(b, { channels: ['gcm'] });
    await setChannel(b, s.appId, 'gcm', { Enabled: false });
    const endpointId = await s.register({ type: 'GCM' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push channel');
    expect(c).toMatchObject({ verdict: 'fail', detail: "The app's GCM (FCM) channel is disabled: pushes to this GCM endpoint fail." });
    expect(c.fix?.commands).toEqual([`aws pinpoint update-gcm-channel --application-id ${s.appId} --gcm-channel-request '{"Enabled":true}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`]);
    await setChannel(b, s.appId, 'gcm', { Enabled: true });
    expect(check(await checksOf({ userArn: s.userArn, endpointId }), 'Push channel').verdict).toBe('pass');
  });

  it('GCM with only a legacy server key (ApiKey): Fail', async () => {
    const s = await story(b, { channels: [] });
    await setChannel(b, s.appId, 'gcm', { ApiKey: 'AAAAlegacy', Enabled: true });
    const endpointId = await s.register({ type: 'GCM' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Channel authentication');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/only a legacy FCM server key \(ApiKey\)/);
    expect(c.fix?.commands[0]).toContain('"ServiceJson":"CONTENTS_OF_SERVICE_ACCOUNT_JSON"');
  });

  it('authentication method is shown: certificate vs token key', async () => {
    const s = await story(b, { channels: ['apns'] });
    await setChannel(b, s.appId, 'apns_sandbox', { Certificate: 'cert', PrivateKey: 'key', Enabled: true });
    const sandboxEndpoint = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN });
    expect(check(await checksOf({ userArn: s.userArn, endpointId: sandboxEndpoint }), 'Channel authentication').detail).toMatch(/a certificate \(\.p12\)/);
    const apnsEndpoint = await s.register({ type: 'APNS' });
    expect(check(await checksOf({ userArn: s.userArn, endpointId: apnsEndpoint }), 'Channel authentication').detail).toMatch(/a token key \(\.p8\)/);
  });

  it('VoIP asked and the VoIP channel of the environment missing: a Warning', async () => {
    const s = await story(b, { channels: ['apns_sandbox', 'apns_voip'] });
    const endpointId = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN, voipToken: VOIP_TOKEN });
    const c = check(await checksOf({ userArn: s.userArn, endpointId, voip: true }), 'VoIP push channel');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/APNs VoIP sandbox channel is missing/);
    expect(c.fix?.commands[0]).toContain('aws pinpoint update-apns-voip-sandbox-channel');
    void APNS_KEY;
  });
});

describe('push role', () => {
  it('missing: Fail with create-role and put-role-policy; applying them turns it to Pass', async () => {
    const s = await story(b, { role: false });
    const endpointId = await s.register({});
    const checks = await checksOf({ userArn: s.userArn, endpointId });
    const c = check(checks, 'Push role');
    expect(c.verdict).toBe('fail');
    expect(check(checks, 'Push role trust')).toMatchObject({ skipped: true, detail: 'skipped: the push role does not exist.' });
    expect(c.fix?.commands[0]).toBe(
      `aws iam create-role --role-name ${PUSH_ROLE_NAME} --assume-role-policy-document '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    expect(c.fix?.commands[1]).toContain(`--policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"${s.appArn}/messages"}]}'`);
    // The same calls the two commands make.
    const docs = (c.fix?.commands ?? []).map((cmd) => /--(?:assume-role-)?policy-document '([^']+)'/.exec(cmd)?.[1] ?? '');
    await b.clients.iam.send(new iam.CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: docs[0] }));
    await b.clients.iam.send(new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'AmazonChimePushNotificationPolicy', PolicyDocument: docs[1] }));
    const after = await checksOf({ userArn: s.userArn, endpointId });
    for (const name of ['Push role', 'Push role trust', 'Push role permission'] as const) expect(check(after, name).verdict).toBe('pass');
  });

  it('trusting another principal: the trust check fails with update-assume-role-policy', async () => {
    const s = await story(b, { role: false });
    await createPushRole(b, { trust: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
    const endpointId = await s.register({});
    const checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role').verdict).toBe('pass');
    expect(check(checks, 'Push role trust')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Push role trust').fix?.commands[0]).toMatch(/^aws iam update-assume-role-policy --role-name ServiceRoleForAmazonChimePushNotification --policy-document '/);
  });

  it('without mobiletargeting:SendMessages (simulated by IAM): Fail; an explicit Deny is named', async () => {
    const s = await story(b, { role: false });
    await createPushRole(b, { policy: null });
    const endpointId = await s.register({});
    expect(check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission').detail).toMatch(/no statement allows it/);
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'mobiletargeting:*', Resource: '*' },
        { Effect: 'Deny', Action: 'mobiletargeting:SendMessages', Resource: `${s.appArn}/messages` },
      ],
    });
    await b.clients.iam.send(new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'other', PolicyDocument: deny }));
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/a statement denies it/);
  });

  it('a policy for another app only: Fail (the resource is the endpoint\'s app)', async () => {
    const s = await story(b, { role: false });
    await createPushRole(b, { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/${'0'.repeat(32)}/messages` }] }) });
    const endpointId = await s.register({});
    expect(check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission').verdict).toBe('fail');
  });

  it('deny=iam:SimulatePrincipalPolicy and the policy reads too: a Warning "couldn\'t check" naming the permissions; deny=iam:GetRole: the role too', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    b.faults('deny=iam:SimulatePrincipalPolicy|iam:ListRolePolicies');
    let checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role').verdict).toBe('pass');
    const c = check(checks, 'Push role permission');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/^couldn't check: needs `iam:SimulatePrincipalPolicy` \(SimulatePrincipalPolicy was refused: AccessDenied: .*\); reading the role's policies instead was refused too \(AccessDenied: .*iam:ListRolePolicies.*\)\. Needs `iam:SimulatePrincipalPolicy`, or `iam:ListRolePolicies`, /);
    expect(c.fix).toBeUndefined();
    b.faults('deny=iam:SimulatePrincipalPolicy|iam:ListRolePolicies|iam:GetRole');
    checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role')).toMatchObject({ verdict: 'warning' });
    expect(check(checks, 'Push role').detail).toMatch(/needs `iam:GetRole`/);
    expect(check(checks, 'Push role trust').skipped).toBe(true);
  });

  it('deny=iam:SimulatePrincipalPolicy alone: the role\'s inline and attached policies are read instead', async () => {
    const s = await story(b, { role: false });
    await createPushRole(b, { policy: null });
    const endpointId = await s.register({});
    b.faults('deny=iam:SimulatePrincipalPolicy');
    const missing = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission');
    expect(missing.verdict).toBe('fail');
    expect(missing.detail).toMatch(/no statement allows it; read from the role's 0 policies, as IAM refused SimulatePrincipalPolicy/);
    // An attached managed policy with the permission (GetPolicy + GetPolicyVersion).
    const created = await b.clients.iam.send(new iam.CreatePolicyCommand({ PolicyName: 'push', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:Send*', Resource: 'arn:aws:mobiletargeting:*:*:apps/*' + '/messages' }] }) }));
    await b.clients.iam.send(new iam.AttachRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyArn: created.Policy?.Arn }));
    const attached = check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission');
    expect(attached).toMatchObject({ verdict: 'pass' });
    expect(attached.detail).toMatch(/read from the role's 1 policy, as IAM refused SimulatePrincipalPolicy/);
    // An inline Deny wins over the attached Allow.
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'mobiletargeting:GetApp', Resource: '*' }] });
    await b.clients.iam.send(new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'lockdown', PolicyDocument: deny }));
    expect(check(await checksOf({ userArn: s.userArn, endpointId }), 'Push role permission').detail).toMatch(/a statement denies it; read from the role's 2 policies/);
  });
});

describe('delivery preferences', () => {
  const prefs = (s: Story, PushNotifications: msg.PushNotificationPreferences) =>
    b.clients.messaging.send(new msg.PutChannelMembershipPreferencesCommand({ ChannelArn: s.channelArn, MemberArn: s.userArn, ChimeBearer: s.userArn, Preferences: { PushNotifications } }));

  it('NONE in the tagged test channel: Fail naming the channel, with put-channel-membership-preferences', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    await prefs(s, { AllowNotifications: 'NONE' });
    const c = check(await checksOf({ userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toContain(`the test channel ${s.channelArn} (tagged workbench:purpose=push-test)`);
    expect(c.fix?.commands[0]).toBe(
      `aws chime-sdk-messaging put-channel-membership-preferences --channel-arn ${s.channelArn} --member-arn ${s.userArn} --chime-bearer ${s.userArn} --preferences '{"PushNotifications":{"AllowNotifications":"ALL"}}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
  });

  it('FILTERED: the shared evaluator judges the given message attributes', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    await prefs(s, { AllowNotifications: 'FILTERED', FilterRule: JSON.stringify({ mention: ['phone-owner'] }) });
    const matching = check(await checksOf({ userArn: s.userArn, endpointId, messageAttributes: { mention: { StringValues: ['phone-owner'] } } }), 'Delivery preferences');
    expect(matching).toMatchObject({ verdict: 'pass' });
    expect(matching.detail).toMatch(/FilterRule matches the message attributes/);
    const other = check(await checksOf({ userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(other.verdict).toBe('fail');
    expect(other.detail).toMatch(/a message without attributes does not notify the user: FilterRule does not match/);
  });

  it('a given channel is used and named; no tagged channel and none given is a Warning', async () => {
    const s = await story(b, { tagged: false });
    const endpointId = await s.register({});
    const untagged = check(await checksOf({ userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(untagged.verdict).toBe('warning');
    expect(untagged.detail).toMatch(/member of no channel tagged workbench:purpose=push-test/);
    const report = await doctor({ userArn: s.userArn, endpointId, channelArn: s.channelArn });
    expect(report.channel).toEqual({ arn: s.channelArn, how: 'given' });
    expect(report.endpoints[0]?.checks.find((c) => c.name === 'Delivery preferences')).toMatchObject({ verdict: 'pass', detail: expect.stringContaining(`the channel ${s.channelArn}`) });
  });
});

describe('delivery preferences: membership', () => {
  it('a given channel the user is not a member of: Fail with create-channel-membership', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    const other = await b.clients.messaging.send(
      new msg.CreateChannelCommand({ AppInstanceArn: s.appInstanceArn, Name: 'Elsewhere', Mode: 'RESTRICTED', Privacy: 'PRIVATE', ChimeBearer: s.senderArn, ClientRequestToken: 'elsewhere-1' }),
    );
    const c = check(await checksOf({ userArn: s.userArn, endpointId, channelArn: other.ChannelArn }), 'Delivery preferences');
    expect(c).toMatchObject({ verdict: 'fail', detail: `The user is not a member of the channel ${other.ChannelArn}: pushes for messages sent there never reach them.` });
    expect(c.fix?.commands[0]).toBe(
      `aws chime-sdk-messaging create-channel-membership --channel-arn ${other.ChannelArn} --member-arn ${s.userArn} --type DEFAULT --chime-bearer MODERATOR_OR_ADMIN_ARN --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    // Applying it (as the channel's creator, a moderator) makes the check pass.
    await b.clients.messaging.send(new msg.CreateChannelMembershipCommand({ ChannelArn: other.ChannelArn, MemberArn: s.userArn, Type: 'DEFAULT', ChimeBearer: s.senderArn }));
    expect(check(await checksOf({ userArn: s.userArn, endpointId, channelArn: other.ChannelArn }), 'Delivery preferences').verdict).toBe('pass');
  });

  it('deny=chime:GetChannelMembershipPreferences on a channel the user is in: a Warning, not a Fail', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    b.faults('deny=chime:GetChannelMembershipPreferences');
    const c = check(await checksOf({ userArn: s.userArn, endpointId, channelArn: s.channelArn }), 'Delivery preferences');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/^couldn't check: needs `chime:GetChannelMembershipPreferences`/);
  });
});

describe('AWS errors are verdicts, never crashes', () => {
  it('throttling on every call (after the client\'s retries): Warnings saying so; the listing failure alone is a Result error', async () => {
    const s = await story(b);
    const endpointId = await s.register({});
    b.faults('throttle=1');
    const checks = await checksOf({ userArn: s.userArn, endpointId });
    expect(check(checks, 'Endpoint state')).toMatchObject({ verdict: 'warning' });
    expect(check(checks, 'Endpoint state').detail).toMatch(/^couldn't check: DescribeAppInstanceUserEndpoint failed \(ThrottledClientException: .*\); this may pass if you run the doctor again\.$/);
    expect(check(checks, 'Delivery preferences').verdict).toBe('warning');
    expect([...checks.values()].some((c) => c.verdict === 'fail')).toBe(false);
    const whole = await runDoctor({ userArn: s.userArn }, { clients: b.clients, cliTarget: TARGET });
    expect(whole).toMatchObject({ ok: false, error: { code: 'ThrottledClientException', retryable: true } });
  });
});
