/**
 * `push chime|apns|fcm`, `doctor`, `devices`, `deliveries` and `smoke`
 * in-process against one demo sandbox: what reaches the simulated phones,
 * exit 4 when APNs or FCM refuses, the doctor's DESIGN document, and smoke's
 * clean-up on failure and on Ctrl-C.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { CHECK_NAMES } from '../../../src/shared/doctor/report';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { cli, demo } from './support';

let sandbox: RunningSandbox;
let d: ReturnType<typeof demo>;
let dir: string;
const BUNDLE = 'com.example.cli';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  d = demo(sandbox);
  dir = await mkdtemp(join(tmpdir(), 'cli-push-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const control = async <T>(path: string, body: unknown): Promise<T> =>
  (await (await fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as T;

interface Device {
  DeviceId: string;
  DeviceToken: string;
}
async function newDevice(...flags: string[]): Promise<Device> {
  const run = await cli(d.on('--json', 'devices', 'create', ...flags));
  expect(run.code, run.stderr).toBe(0);
  return run.json<{ device: Device }>().device;
}

describe('devices and deliveries', () => {
  test('devices create answers the phone (JSON and table); devices list shows it', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX', '--bundle-id', BUNDLE, '--name', 'CLI iPhone');
    expect(phone.DeviceToken).toMatch(/^[0-9a-f]{64}$/);
    const list = await cli(d.on('devices', 'list'));
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${phone.DeviceId}\\s+APNS_SANDBOX\\s+CLI iPhone\\s+${phone.DeviceToken}`));
    const json = await cli(d.on('--json', 'devices', 'list'));
    expect(json.json<{ devices: Device[] }>().devices.map((x) => x.DeviceId)).toContain(phone.DeviceId);
  });

  test('a device the sandbox refuses is bad input; devices without a sandbox is bad usage', async () => {
    const voipAndroid = await cli(d.on('devices', 'create', '--platform', 'GCM', '--voip'));
    expect(voipAndroid.code).toBe(2);
    expect(voipAndroid.stderr).toContain('Voip is for APNs devices only');
    const noSandbox = await cli(['devices', 'list']);
    expect(noSandbox.code).toBe(2);
    expect(noSandbox.stderr).toContain('works on a sandbox only: pass --endpoint-url');
  });

  test('deliveries --await times out with exit 1 when nothing matches', async () => {
    const run = await cli(d.on('deliveries', '--await', '--title', 'never sent', '--timeout', '300ms'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No delivery matched within 300ms');
  });
});

describe('push', () => {
  test('push chime sends through the test channel and the phone receives it (deliveries --await)', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX');
    const id = (
      await cli(
        d.on(
          'endpoints',
          'register',
          '--user',
          d.user('carol'),
          '--type',
          'APNS_SANDBOX',
          '--token',
          phone.DeviceToken,
          '--pinpoint-arn',
          d.pinpointArn,
        ),
      )
    ).stdout.trim();
    const sent = await cli(
      d.on('--json', 'push', 'chime', '--user', d.user('carol'), '--title', 'CLI chime', '--body', 'hello'),
    );
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.json()).toMatchObject({
      schemaVersion: 1,
      messageId: expect.any(String),
      channelArn: sandbox.demoPush?.channelArn,
    });
    const got = await cli(
      d.on(
        '--json',
        'deliveries',
        '--await',
        '--title',
        'CLI chime',
        '--device-id',
        phone.DeviceId,
        '--timeout',
        '10s',
      ),
    );
    expect(got.code).toBe(0);
    expect(got.json<{ deliveries: unknown[] }>().deliveries).toEqual([
      expect.objectContaining({ DeviceId: phone.DeviceId, Via: 'CHIME', Title: 'CLI chime', Body: 'hello' }),
    ]);
    await cli(d.on('endpoints', 'deregister', '--user', d.user('carol'), '--endpoint-id', id));
  });

  test('push chime checks the message before any call: a long title or a bad attribute is bad usage', async () => {
    const long = await cli(d.on('push', 'chime', '--user', d.user('carol'), '--title', 'x'.repeat(51), '--body', 'b'));
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('--title: Title is at most 50 characters');
    const attribute = await cli(
      d.on('push', 'chime', '--user', d.user('carol'), '--title', 't', '--body', 'b', '--attribute', 'novalue'),
    );
    expect(attribute.code).toBe(2);
    expect(attribute.stderr).toContain('"novalue" is not KEY=VALUE');
  });

  test('push apns with a .p8 key delivers; the wrong environment is refused by APNs (exit 4, with its reason and advice)', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX', '--bundle-id', BUNDLE);
    const key = await control<{ KeyId: string; TeamId: string; P8: string }>('/_sandbox/apns-keys', {
      TeamId: 'TEAMCLI123',
      BundleIds: [BUNDLE],
    });
    const keyFile = join(dir, 'AuthKey.p8');
    await writeFile(keyFile, key.P8);
    const payloadFile = join(dir, 'payload.json');
    await writeFile(payloadFile, JSON.stringify({ aps: { alert: { title: 'CLI apns', body: 'direct' } } }));
    const apns = (environment: string) =>
      d.on(
        '--json',
        'push',
        'apns',
        '--token',
        phone.DeviceToken,
        '--topic',
        BUNDLE,
        '--environment',
        environment,
        '--key-file',
        keyFile,
        '--key-id',
        key.KeyId,
        '--team-id',
        key.TeamId,
        '--payload',
        payloadFile,
      );
    const ok = await cli(apns('sandbox'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ schemaVersion: 1, service: 'apns', ok: true, status: 200 });
    expect(ok.stdout).not.toContain(key.P8.split('\n')[1] ?? '-');
    expect(sandbox.pushCloud.devices.listDeliveries({ DeviceId: phone.DeviceId })).toEqual([
      expect.objectContaining({ Via: 'APNS', Title: 'CLI apns' }),
    ]);

    const refused = await cli(apns('production'));
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('APNs refused the push (400 BadDeviceToken)');
    expect(refused.json()).toMatchObject({ schemaVersion: 1, error: { exitCode: 4, code: 'BadDeviceToken' } });
  });

  test('push apns with a .p12 reads its passphrase from the variable --cert-passphrase-env names, and never prints it', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX', '--bundle-id', BUNDLE);
    const cert = await control<{ P12: string; Passphrase: string }>('/_sandbox/apns-certs', {
      TeamId: 'TEAMCLI123',
      BundleId: BUNDLE,
      Environment: 'sandbox',
    });
    const certFile = join(dir, 'cert.p12');
    await writeFile(certFile, Buffer.from(cert.P12, 'base64'));
    const args = d.on(
      'push',
      'apns',
      '--token',
      phone.DeviceToken,
      '--environment',
      'sandbox',
      '--cert-file',
      certFile,
      '--cert-passphrase-env',
      'CLI_P12_PASS',
      '--payload',
      '{"aps":{"alert":"p12"}}',
    );
    const sent = await cli(args, { env: { CLI_P12_PASS: cert.Passphrase } });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout + sent.stderr).not.toContain(cert.Passphrase);
    const unset = await cli(args);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('--cert-passphrase-env names CLI_P12_PASS, which is not set');
    const wrong = await cli(args, { env: { CLI_P12_PASS: 'not-the-passphrase' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-passphrase');
  });

  test('push apns flags: neither or both authentications, a bad payload or a missing key file are bad usage', async () => {
    const base = d.on('push', 'apns', '--token', 'ab'.repeat(32), '--topic', BUNDLE, '--environment', 'sandbox');
    expect((await cli([...base, '--payload', '{}'])).code).toBe(2);
    expect(
      (
        await cli([
          ...base,
          '--key-file',
          'k.p8',
          '--key-id',
          'ABCDE12345',
          '--team-id',
          'ABCDE12345',
          '--cert-file',
          'c.p12',
          '--payload',
          '{}',
        ])
      ).code,
    ).toBe(2);
    const badJson = await cli([
      ...base,
      '--key-file',
      'k.p8',
      '--key-id',
      'ABCDE12345',
      '--team-id',
      'ABCDE12345',
      '--payload',
      '{"aps":',
    ]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('--payload: The payload is not valid JSON');
    const noKey = await cli([
      ...base,
      '--key-file',
      join(dir, 'missing.p8'),
      '--key-id',
      'ABCDE12345',
      '--team-id',
      'ABCDE12345',
      '--payload',
      '{"aps":{}}',
    ]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('does not exist');
  });

  test('push fcm delivers with a service account; a token FCM does not know is refused (exit 4)', async () => {
    const phone = await newDevice('--platform', 'GCM', '--project-id', 'cli-tests');
    const { ServiceAccount } = await control<{ ServiceAccount: unknown }>('/_sandbox/fcm-projects', {
      ProjectId: 'cli-tests',
    });
    const accountFile = join(dir, 'service-account.json');
    await writeFile(accountFile, JSON.stringify(ServiceAccount));
    const fcm = (token: string) =>
      d.on(
        '--json',
        'push',
        'fcm',
        '--token',
        token,
        '--service-account',
        accountFile,
        '--payload',
        '{"notification":{"title":"CLI fcm","body":"direct"}}',
      );
    const ok = await cli(fcm(phone.DeviceToken));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ service: 'fcm', ok: true, projectId: 'cli-tests' });
    const refused = await cli(fcm(`${phone.DeviceToken.slice(0, -4)}zzzz`));
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/FCM refused the push \(\d+ \w+\)/);
  });
});

const doctorDocument = z.strictObject({
  schemaVersion: z.literal(1),
  endpoints: z.array(
    z.strictObject({
      endpointId: z.string(),
      checks: z.array(
        z.strictObject({
          name: z.enum(CHECK_NAMES),
          verdict: z.enum(['pass', 'warning', 'fail']),
          detail: z.string(),
          fix: z.string().optional(),
        }),
      ),
    }),
  ),
});

describe('doctor', () => {
  test('--json is exactly the DESIGN document; a ready user exits 0', async () => {
    const run = await cli(d.on('--json', 'doctor', '--user', d.user('alice')));
    expect(run.code, run.stderr).toBe(0);
    const doc = doctorDocument.parse(run.json());
    expect(doc.endpoints).toHaveLength(2);
    expect(doc.endpoints.flatMap((e) => e.checks).every((c) => c.verdict === 'pass')).toBe(true);
  });

  test('a failing check exits 1, with the fix in the text and in the JSON', async () => {
    const text = await cli(d.on('doctor', '--user', d.user('dave')));
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Fail\s+Device token: /);
    const json = await cli(d.on('--json', 'doctor', '--user', d.user('dave')));
    expect(json.code).toBe(1);
    const failed = doctorDocument.parse(json.json()).endpoints[0]?.checks.find((c) => c.name === 'Device token');
    expect(failed).toMatchObject({ verdict: 'fail', fix: expect.any(String) });
  });

  test('--attribute names the message the preferences are judged for; a malformed one is bad usage (exit 2)', async () => {
    const bad = await cli(d.on('doctor', '--user', d.user('alice'), '--attribute', 'mention'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--attribute: "mention" is not KEY=VALUE');
    const good = await cli(d.on('doctor', '--user', d.user('alice'), '--attribute', 'mention=Bob'));
    expect(good.code, good.stderr).toBe(0);
  });

  test('--fail-on warning also fails on a warning (a user at the endpoint quota)', async () => {
    const user = d.user('carol');
    const [first] = [...(sandbox.state.user(user)?.endpoints.values() ?? [])].map((e) => e.id);
    const added: string[] = [];
    for (let i = 0; i < 9; i++) {
      const token = `${i}`.repeat(64);
      const run = await cli(
        d.on(
          'endpoints',
          'register',
          '--user',
          user,
          '--type',
          'APNS',
          '--token',
          token,
          '--pinpoint-arn',
          d.pinpointArn,
        ),
      );
      expect(run.code, run.stderr).toBe(0);
      added.push(run.stdout.trim());
    }
    try {
      const onFail = await cli(d.on('--json', 'doctor', '--user', user, '--endpoint-id', first ?? ''));
      const checks = doctorDocument.parse(onFail.json()).endpoints[0]?.checks ?? [];
      expect(checks.filter((c) => c.verdict !== 'pass').map((c) => [c.name, c.verdict])).toEqual([
        ['Endpoint quota', 'warning'],
      ]);
      expect(onFail.code).toBe(0);
      expect(
        (await cli(d.on('--json', 'doctor', '--user', user, '--endpoint-id', first ?? '', '--fail-on', 'warning')))
          .code,
      ).toBe(1);
    } finally {
      for (const id of added) await cli(d.on('endpoints', 'deregister', '--user', user, '--endpoint-id', id));
    }
  });
});

describe('smoke', () => {
  const endpointsOf = (userId: string) =>
    [...(sandbox.state.user(d.user(userId))?.endpoints.values() ?? [])].map((e) => e.id);

  test('register, push, delivery, deregister: exit 0 and nothing left behind', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX');
    const before = endpointsOf('bob');
    const run = await cli(
      d.on(
        '--json',
        'smoke',
        '--user',
        d.user('bob'),
        '--pinpoint-arn',
        d.pinpointArn,
        '--type',
        'APNS_SANDBOX',
        '--token',
        phone.DeviceToken,
        '--title',
        'CLI smoke',
      ),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({
      schemaVersion: 1,
      endpointId: expect.any(String),
      delivery: { kind: 'delivered', deviceId: phone.DeviceId, via: 'CHIME' },
      deregistered: true,
    });
    expect(run.stderr).toMatch(/1\/4 Registered[\s\S]*2\/4 Sent[\s\S]*3\/4 Delivered[\s\S]*4\/4 Deregistered/);
    expect(endpointsOf('bob')).toEqual(before);
  });

  test('a VOIP smoke reaches the VoIP token, given in any case (it is normalised before it is compared)', async () => {
    const run = await cli(d.on('--json', 'devices', 'create', '--platform', 'APNS_SANDBOX', '--voip'));
    const phone = run.json<{ device: Device & { VoipDeviceToken: string } }>().device;
    const smoke = await cli(
      d.on(
        '--json',
        'smoke',
        '--user',
        d.user('bob'),
        '--pinpoint-arn',
        d.pinpointArn,
        '--type',
        'APNS_SANDBOX',
        '--token',
        phone.DeviceToken,
        '--voip-token',
        phone.VoipDeviceToken.toUpperCase(),
        '--push-type',
        'VOIP',
      ),
    );
    expect(smoke.code, smoke.stderr).toBe(0);
    expect(smoke.json()).toMatchObject({ delivery: { kind: 'delivered', deviceId: phone.DeviceId, pushType: 'VOIP' } });
  });

  test('a failed delivery exits 1 with the reason and still deregisters', async () => {
    const before = endpointsOf('bob');
    // Hex of the right length, but no simulated phone has it: the endpoint turns INACTIVE INVALID_DEVICE_TOKEN.
    const run = await cli(
      d.on(
        'smoke',
        '--user',
        d.user('bob'),
        '--pinpoint-arn',
        d.pinpointArn,
        '--type',
        'APNS_SANDBOX',
        '--token',
        '9'.repeat(64),
        '--timeout',
        '10s',
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: The push to \w+ failed: .*INVALID_DEVICE_TOKEN/);
    expect(run.stderr).toContain('4/4 Deregistered');
    expect(endpointsOf('bob')).toEqual(before);
  });

  test('on AWS (a profile, here one whose endpoint_url is the sandbox) smoke checks that the endpoint stays ACTIVE after the push', async () => {
    const config = join(dir, 'aws-config');
    await writeFile(
      config,
      `[profile sandboxed]\naws_access_key_id = AKIDSANDBOXED\naws_secret_access_key = sandboxed-secret\nregion = ${sandbox.region}\nendpoint_url = ${sandbox.url}\n`,
    );
    const env = { AWS_CONFIG_FILE: config };
    const phone = await newDevice('--platform', 'APNS_SANDBOX');
    const before = endpointsOf('bob');
    const smoke = (token: string) => [
      '--json',
      '--profile',
      'sandboxed',
      'smoke',
      '--user',
      d.user('bob'),
      '--pinpoint-arn',
      d.pinpointArn,
      '--type',
      'APNS_SANDBOX',
      '--token',
      token,
      '--settle',
      '1s',
    ];
    const ok = await cli(smoke(phone.DeviceToken), { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('stays ACTIVE for 1s');
    expect(ok.json()).toMatchObject({ state: 'ACTIVE', deregistered: true });
    const bad = await cli(smoke('8'.repeat(64)), { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/turned INACTIVE \(INVALID_DEVICE_TOKEN\) after the push/);
    expect(endpointsOf('bob')).toEqual(before);
    expect(bad.stdout + bad.stderr).not.toContain('sandboxed-secret');
  });

  test('Ctrl-C while waiting stops the wait, deregisters and exits 130', async () => {
    const phone = await newDevice('--platform', 'APNS_SANDBOX');
    const before = endpointsOf('bob');
    const controller = new AbortController();
    // A VOIP push reaches VoIP tokens only, so this phone (without one) never gets it: the wait runs until Ctrl-C.
    const running = cli(
      d.on(
        'smoke',
        '--user',
        d.user('bob'),
        '--pinpoint-arn',
        d.pinpointArn,
        '--type',
        'APNS_SANDBOX',
        '--token',
        phone.DeviceToken,
        '--push-type',
        'VOIP',
        '--timeout',
        '20s',
      ),
      { signal: controller.signal },
    );
    const started = Date.now();
    while (!sandbox.state.user(d.user('bob'))?.endpoints.size || endpointsOf('bob').length === before.length) {
      if (Date.now() - started > 10_000) throw new Error('smoke never registered');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const run = await running;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('4/4 Deregistered');
    expect(endpointsOf('bob')).toEqual(before);
  });
});
