/** The doctor against the sandbox with the real SDK clients: the push channel and the push role (IAM from the sandbox core, deny= faults). */
import * as iam from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { PUSH_ROLE_NAME } from './imports';
import { check, checksOf, useBench } from './harness';
import { ACCOUNT, APNS_KEY, createPushRole, SANDBOX_TOKEN, setChannel, story, VOIP_TOKEN } from './support';

const bench = useBench();

describe('channel', () => {
  it('the classic mismatch: an APNS endpoint with only the sandbox channel is named, with both fixes', async () => {
    const s = await story(bench(), { channels: ['apns_sandbox'] });
    const endpointId = await s.register({ type: 'APNS' });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push channel');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(
      /no APNs \(production\) channel, but the APNs sandbox channel is enabled: the classic mismatch/,
    );
    expect(c.fix?.commands[1]).toContain('--type APNS_SANDBOX');
    expect(c.fix?.commands[2]).toMatch(
      /^aws pinpoint update-apns-channel --application-id \w+ --apns-channel-request '\{"BundleId":"BUNDLE_ID",.*"Enabled":true\}'/,
    );
  });

  it('the reverse mismatch: an APNS_SANDBOX endpoint with only the production channel', async () => {
    const s = await story(bench(), { channels: ['apns'] });
    const endpointId = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push channel');
    expect(c.detail).toMatch(/but the APNs \(production\) channel is enabled: the classic mismatch/);
    expect(c.fix?.commands[1]).toContain('--type APNS ');
  });

  it('a disabled channel: Fail, and enabling it (the copied command) turns it to Pass', async () => {
    const s = await story(bench(), { channels: ['gcm'] });
    await setChannel(bench(), s.appId, 'gcm', { Enabled: false });
    const endpointId = await s.register({ type: 'GCM' });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push channel');
    expect(c).toMatchObject({
      verdict: 'fail',
      detail: "The app's GCM (FCM) channel is disabled: pushes to this GCM endpoint fail.",
    });
    expect(c.fix?.commands).toEqual([
      `aws pinpoint update-gcm-channel --application-id ${s.appId} --gcm-channel-request '{"Enabled":true}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    ]);
    await setChannel(bench(), s.appId, 'gcm', { Enabled: true });
    expect(check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push channel').verdict).toBe('pass');
  });

  it('GCM with only a legacy server key (ApiKey): Fail', async () => {
    const s = await story(bench(), { channels: [] });
    await setChannel(bench(), s.appId, 'gcm', { ApiKey: 'AAAAlegacy', Enabled: true });
    const endpointId = await s.register({ type: 'GCM' });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Channel authentication');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/only a legacy FCM server key \(ApiKey\)/);
    expect(c.fix?.commands[0]).toContain('"ServiceJson":"CONTENTS_OF_SERVICE_ACCOUNT_JSON"');
  });

  it('authentication method is shown: certificate vs token key', async () => {
    const s = await story(bench(), { channels: ['apns'] });
    await setChannel(bench(), s.appId, 'apns_sandbox', { Certificate: 'cert', PrivateKey: 'key', Enabled: true });
    const sandboxEndpoint = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN });
    expect(
      check(await checksOf(bench(), { userArn: s.userArn, endpointId: sandboxEndpoint }), 'Channel authentication')
        .detail,
    ).toMatch(/a certificate \(\.p12\)/);
    const apnsEndpoint = await s.register({ type: 'APNS' });
    expect(
      check(await checksOf(bench(), { userArn: s.userArn, endpointId: apnsEndpoint }), 'Channel authentication').detail,
    ).toMatch(/a token key \(\.p8\)/);
  });

  it('VoIP asked and the VoIP channel of the environment missing: a Warning', async () => {
    const s = await story(bench(), { channels: ['apns_sandbox', 'apns_voip'] });
    const endpointId = await s.register({ type: 'APNS_SANDBOX', token: SANDBOX_TOKEN, voipToken: VOIP_TOKEN });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId, voip: true }), 'VoIP push channel');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/APNs VoIP sandbox channel is missing/);
    expect(c.fix?.commands[0]).toContain('aws pinpoint update-apns-voip-sandbox-channel');
    void APNS_KEY;
  });
});

describe('push role', () => {
  it('missing: Fail with create-role and put-role-policy; applying them turns it to Pass', async () => {
    const s = await story(bench(), { role: false });
    const endpointId = await s.register({});
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    const c = check(checks, 'Push role');
    expect(c.verdict).toBe('fail');
    expect(check(checks, 'Push role trust')).toMatchObject({
      skipped: true,
      detail: 'skipped: the push role does not exist.',
    });
    expect(c.fix?.commands[0]).toBe(
      `aws iam create-role --role-name ${PUSH_ROLE_NAME} --assume-role-policy-document '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    expect(c.fix?.commands[1]).toContain(
      `--policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"${s.appArn}/messages"}]}'`,
    );
    // The same calls the two commands make.
    const docs = (c.fix?.commands ?? []).map(
      (cmd) => /--(?:assume-role-)?policy-document '([^']+)'/.exec(cmd)?.[1] ?? '',
    );
    await bench().clients.iam.send(
      new iam.CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: docs[0] }),
    );
    await bench().clients.iam.send(
      new iam.PutRolePolicyCommand({
        RoleName: PUSH_ROLE_NAME,
        PolicyName: 'AmazonChimePushNotificationPolicy',
        PolicyDocument: docs[1],
      }),
    );
    const after = await checksOf(bench(), { userArn: s.userArn, endpointId });
    for (const name of ['Push role', 'Push role trust', 'Push role permission'] as const)
      expect(check(after, name).verdict).toBe('pass');
  });

  it('trusting another principal: the trust check fails with update-assume-role-policy', async () => {
    const s = await story(bench(), { role: false });
    await createPushRole(bench(), {
      trust: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    const endpointId = await s.register({});
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role').verdict).toBe('pass');
    expect(check(checks, 'Push role trust')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Push role trust').fix?.commands[0]).toMatch(
      /^aws iam update-assume-role-policy --role-name ServiceRoleForAmazonChimePushNotification --policy-document '/,
    );
  });

  it('without mobiletargeting:SendMessages (simulated by IAM): Fail; an explicit Deny is named', async () => {
    const s = await story(bench(), { role: false });
    await createPushRole(bench(), { policy: null });
    const endpointId = await s.register({});
    expect(check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission').detail).toMatch(
      /no statement allows it/,
    );
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'mobiletargeting:*', Resource: '*' },
        { Effect: 'Deny', Action: 'mobiletargeting:SendMessages', Resource: `${s.appArn}/messages` },
      ],
    });
    await bench().clients.iam.send(
      new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'other', PolicyDocument: deny }),
    );
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/a statement denies it/);
  });

  it("a policy for another app only: Fail (the resource is the endpoint's app)", async () => {
    const s = await story(bench(), { role: false });
    await createPushRole(bench(), {
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'mobiletargeting:SendMessages',
            Resource: `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/${'0'.repeat(32)}/messages`,
          },
        ],
      }),
    });
    const endpointId = await s.register({});
    expect(check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission').verdict).toBe(
      'fail',
    );
  });

  it('deny=iam:SimulatePrincipalPolicy and the policy reads too: a Warning "couldn\'t check" naming the permissions; deny=iam:GetRole: the role too', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    bench().faults('deny=iam:SimulatePrincipalPolicy|iam:ListRolePolicies');
    let checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role').verdict).toBe('pass');
    const c = check(checks, 'Push role permission');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(
      /^couldn't check: needs `iam:SimulatePrincipalPolicy` \(SimulatePrincipalPolicy was refused: AccessDenied: .*\); reading the role's policies instead was refused too \(AccessDenied: .*iam:ListRolePolicies.*\)\. Needs `iam:SimulatePrincipalPolicy`, or `iam:ListRolePolicies`, /,
    );
    expect(c.fix).toBeUndefined();
    bench().faults('deny=iam:SimulatePrincipalPolicy|iam:ListRolePolicies|iam:GetRole');
    checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Push role')).toMatchObject({ verdict: 'warning' });
    expect(check(checks, 'Push role').detail).toMatch(/needs `iam:GetRole`/);
    expect(check(checks, 'Push role trust').skipped).toBe(true);
  });

  it("deny=iam:SimulatePrincipalPolicy alone: the role's inline and attached policies are read instead", async () => {
    const s = await story(bench(), { role: false });
    await createPushRole(bench(), { policy: null });
    const endpointId = await s.register({});
    bench().faults('deny=iam:SimulatePrincipalPolicy');
    const missing = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission');
    expect(missing.verdict).toBe('fail');
    expect(missing.detail).toMatch(
      /no statement allows it; read from the role's 0 policies, as IAM refused SimulatePrincipalPolicy/,
    );
    // An attached managed policy with the permission (GetPolicy + GetPolicyVersion).
    const created = await bench().clients.iam.send(
      new iam.CreatePolicyCommand({
        PolicyName: 'push',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'mobiletargeting:Send*',
              Resource: 'arn:aws:mobiletargeting:*:*:apps/*' + '/messages',
            },
          ],
        }),
      }),
    );
    await bench().clients.iam.send(
      new iam.AttachRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyArn: created.Policy?.Arn }),
    );
    const attached = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission');
    expect(attached).toMatchObject({ verdict: 'pass' });
    expect(attached.detail).toMatch(/read from the role's 1 policy, as IAM refused SimulatePrincipalPolicy/);
    // An inline Deny wins over the attached Allow.
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', NotAction: 'mobiletargeting:GetApp', Resource: '*' }],
    });
    await bench().clients.iam.send(
      new iam.PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'lockdown', PolicyDocument: deny }),
    );
    expect(check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Push role permission').detail).toMatch(
      /a statement denies it; read from the role's 2 policies/,
    );
  });
});
