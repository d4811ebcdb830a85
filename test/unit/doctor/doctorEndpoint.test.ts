/** The doctor against the sandbox with the real SDK clients: a healthy path, progress, the endpoint and Pinpoint app checks. */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as iam from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES, readinessSummary, runDoctor, toDoctorJson } from './imports';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { check, checksOf, doctor, TARGET, useBench } from './harness';
import { ACCOUNT, FCM_TOKEN, story, VOIP_TOKEN } from './support';

const bench = useBench();

describe('a healthy push path', () => {
  it('passes every check, in the report order, without fixes; the JSON document is exactly the DESIGN form', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ type: 'APNS', voipToken: VOIP_TOKEN });
    const report = await doctor(bench(), { userArn: s.userArn, endpointId, voip: true });
    const checks = report.endpoints[0]?.checks ?? [];
    expect(checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    for (const c of checks)
      expect({ name: c.name, verdict: c.verdict, detail: c.detail }).toMatchObject({ verdict: 'pass' });
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
    const s = await story(bench());
    const apns = await s.register({ type: 'APNS' });
    const gcm = await s.register({ type: 'GCM' });
    const muted = await s.register({ type: 'APNS_SANDBOX', allowMessages: 'NONE' });
    const report = await doctor(bench(), { userArn: s.userArn });
    expect(report.endpoints.map((e) => e.endpointId).sort()).toEqual([apns, gcm, muted].sort());
    expect(readinessSummary(report)).toBe('2 of 3 endpoints ready');
    const gcmChecks = report.endpoints.find((e) => e.endpointId === gcm)?.checks ?? [];
    expect(gcmChecks.find((c) => c.name === 'Channel authentication')?.detail).toMatch(/service account/);
    expect(gcmChecks.find((c) => c.name === 'Endpoint quota')?.detail).toBe('The user has 3 of 10 endpoints allowed.');
  });
});

describe('progress', () => {
  it('reports each check as it completes, once, with its endpoint id: the same checks the report holds', async () => {
    const s = await story(bench());
    const first = await s.register({ type: 'APNS' });
    const second = await s.register({ type: 'GCM' });
    const seen: string[] = [];
    const result = await runDoctor(
      { userArn: s.userArn },
      {
        clients: bench().clients,
        cliTarget: TARGET,
        onCheck: (endpointId, c) => seen.push(`${endpointId} ${c.name} ${c.verdict}`),
      },
    );
    if (!result.ok) throw new Error(result.error.message);
    const reported = result.value.endpoints.flatMap((e) =>
      e.checks.map((c) => `${e.endpointId} ${c.name} ${c.verdict}`),
    );
    expect([...seen].sort()).toEqual([...reported].sort());
    expect(new Set(result.value.endpoints.map((e) => e.endpointId))).toEqual(new Set([first, second]));
  });

  it('an IAM answer that is not IAM (no IAM behind the URL) is a one-line Warning, not a crash', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    // A server that answers every request 404 with plain text.
    const nothing = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('no route'));
    await new Promise<void>((resolve) => nothing.listen(0, '127.0.0.1', resolve));
    const stray = new iam.IAMClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      endpoint: `http://127.0.0.1:${(nothing.address() as AddressInfo).port}`,
      maxAttempts: 1,
    });
    const result = await runDoctor(
      { userArn: s.userArn, endpointId },
      { clients: { ...bench().clients, iam: stray }, cliTarget: TARGET },
    );
    stray.destroy();
    await new Promise<void>((resolve) => nothing.close(() => resolve()));
    if (!result.ok) throw new Error(result.error.message);
    const role = result.value.endpoints[0]?.checks.find((c) => c.name === 'Push role');
    expect(role?.verdict).toBe('warning');
    expect(role?.detail).toMatch(/^couldn't check: GetRole failed \([^\n]+\)\.$/);
  });
});

describe('endpoint', () => {
  it('INACTIVE: Fail with the reason in plain words and a re-register fix', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    bench().sandbox.controls.setEndpointState(s.userArn, endpointId, {
      Status: 'INACTIVE',
      StatusReason: 'INVALID_DEVICE_TOKEN',
    });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Endpoint state');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/^Inactive: The push service rejected the device token.*\(INVALID_DEVICE_TOKEN\)\.$/);
    expect(c.fix?.commands[0]).toBe(
      `aws chime-sdk-identity deregister-app-instance-user-endpoint --app-instance-user-arn ${s.userArn} --endpoint-id ${endpointId} --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    expect(c.fix?.commands[1]).toContain('--endpoint-attributes DeviceToken=NEW_DEVICE_TOKEN');
  });

  it('AllowMessages NONE: Fail, and the copied fix turns it to Pass', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ allowMessages: 'NONE' });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Allow messages');
    expect(c.verdict).toBe('fail');
    expect(c.fix?.commands).toEqual([
      `aws chime-sdk-identity update-app-instance-user-endpoint --app-instance-user-arn ${s.userArn} --endpoint-id ${endpointId} --allow-messages ALL --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    ]);
    await bench().clients.identity.send(
      new id.UpdateAppInstanceUserEndpointCommand({
        AppInstanceUserArn: s.userArn,
        EndpointId: endpointId,
        AllowMessages: 'ALL',
      }),
    );
    expect(check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Allow messages').verdict).toBe('pass');
  });

  it('token shape: an FCM token on an APNS endpoint is named as such, with a re-register as GCM', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ type: 'APNS', token: FCM_TOKEN });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Device token');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/looks like an FCM registration token, so the endpoint should be GCM/);
    expect(c.fix?.commands[1]).toContain('--type GCM');
  });

  it('VoIP asked: no VoIP token is a Fail; VoIP not asked: no VoIP check at all', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ type: 'APNS' });
    const asked = await checksOf(bench(), { userArn: s.userArn, endpointId, voip: true });
    expect(check(asked, 'VoIP device token')).toMatchObject({ verdict: 'fail' });
    expect(check(asked, 'VoIP device token').fix?.commands[1]).toContain('VoipDeviceToken=VOIP_DEVICE_TOKEN');
    const notAsked = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(notAsked.has('VoIP device token')).toBe(false);
    expect(notAsked.has('VoIP push channel')).toBe(false);
  });

  it('quota: at 10 endpoints a Warning (the next registration would fail)', async () => {
    const s = await story(bench());
    let endpointId = '';
    for (let i = 0; i < 10; i++) endpointId = await s.register({ token: `${i}`.padStart(2, '0').repeat(32) });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Endpoint quota');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/10 endpoints, the quota is 10/);
  });

  it('a missing endpoint: Fail on its state, every later check skipped, no crash', async () => {
    const s = await story(bench());
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId: 'no-such-endpoint' });
    expect(check(checks, 'Endpoint state').verdict).toBe('fail');
    expect(check(checks, 'Push channel')).toMatchObject({
      verdict: 'warning',
      skipped: true,
      detail: 'skipped: the endpoint could not be read.',
    });
  });
});

describe('Pinpoint app', () => {
  it('an SNS platform-application ARN is called out as such; the app checks are skipped', async () => {
    const s = await story(bench());
    const sns = `arn:aws:sns:us-east-1:${ACCOUNT}:app/APNS/MyApp`;
    const endpointId = await s.register({ resourceArn: sns });
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Pinpoint app ARN')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Pinpoint app ARN').detail).toMatch(
      /is an SNS platform-application ARN, not a Pinpoint app ARN/,
    );
    expect(check(checks, 'Pinpoint app ARN').fix?.commands[0]).toBe(
      `aws pinpoint create-app --create-application-request Name=MY_APP_NAME --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    for (const name of [
      'Pinpoint app exists',
      'Push channel',
      'Pinpoint app region and account',
      'Push role permission',
    ] as const)
      expect(check(checks, name)).toMatchObject({ verdict: 'warning', skipped: true });
    // The role itself is still checked.
    expect(check(checks, 'Push role').verdict).toBe('pass');
  });

  it('an app in another region than the AppInstance: Fail naming both regions', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ resourceArn: s.appArn.replace(':us-east-1:', ':eu-central-1:') });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Pinpoint app region and account');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toMatch(/the app is in eu-central-1, the AppInstance in us-east-1/);
  });

  it('GetApp NotFound: Fail with create-app; the channel checks are skipped', async () => {
    const s = await story(bench());
    const endpointId = await s.register({ resourceArn: s.appArn.replace(/apps\/.*/, `apps/${'f'.repeat(32)}`) });
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Pinpoint app exists')).toMatchObject({ verdict: 'fail' });
    expect(check(checks, 'Push channel')).toMatchObject({
      verdict: 'warning',
      detail: 'skipped: the Pinpoint app does not exist.',
    });
  });

  it('deny=mobiletargeting:GetApp: a Warning "couldn\'t check", never a Fail', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    bench().faults('deny=mobiletargeting:GetApp');
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Pinpoint app exists');
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(
      /^couldn't check: needs `mobiletargeting:GetApp` \(GetApp was refused: ForbiddenException/,
    );
  });
});
