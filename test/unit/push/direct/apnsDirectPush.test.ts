/**
 * Direct push to APNs against the sandbox's APNs emulator (HTTP/2 over TLS
 * with the sandbox CA), with keys and certificates issued by its control
 * routes and written to files, as a developer downloads them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectPushService,
  sandboxDirectPushOptions,
  type DirectPushAnswer,
  type DirectPushServiceOptions,
} from '../../../../src/main/push/direct';
import { mountPushCloud, type MountedCloud } from './pushCloudSupport';

const TEAM = 'TEAM123456';
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const BUNDLE = 'com.example.app';

let offset = 0;
const now = () => Date.now() + offset;

let m: MountedCloud;
let base: DirectPushServiceOptions;
let keyFile: string;
let keyId: string;
let otherAppKeyFile: string;
let otherAppKeyId: string;
let devPhone: { DeviceId: string; DeviceToken: string; VoipDeviceToken: string };
let prodPhone: { DeviceId: string; DeviceToken: string };
const services: DirectPushService[] = [];

beforeAll(async () => {
  m = await mountPushCloud(now);
  base = await sandboxDirectPushOptions(m.url);
  const key = await m.call<{ KeyId: string; P8: string }>('POST', '/_sandbox/apns-keys', {
    TeamId: TEAM,
    BundleIds: [],
  });
  keyId = key.KeyId;
  keyFile = m.file(`AuthKey_${key.KeyId}.p8`, key.P8);
  const other = await m.call<{ KeyId: string; P8: string }>('POST', '/_sandbox/apns-keys', {
    TeamId: TEAM,
    BundleIds: ['com.example.other'],
  });
  otherAppKeyId = other.KeyId;
  otherAppKeyFile = m.file(`AuthKey_${other.KeyId}.p8`, other.P8);
  devPhone = await m.call('POST', '/_sandbox/devices', {
    Platform: 'APNS_SANDBOX',
    Name: 'dev phone',
    Voip: true,
    BundleId: BUNDLE,
  });
  prodPhone = await m.call('POST', '/_sandbox/devices', { Platform: 'APNS', Name: 'prod phone', BundleId: BUNDLE });
});

afterEach(() => {
  offset = 0;
  for (const s of services.splice(0)) s.close();
});

afterAll(async () => {
  await m.close();
});

function service(options: DirectPushServiceOptions = base, clock: () => number = now): DirectPushService {
  const s = new DirectPushService({ ...options, apns: { ...options.apns, now: clock } });
  services.push(s);
  return s;
}

const tokenAuth = (file = keyFile, id = keyId) => ({ kind: 'token' as const, keyFile: file, keyId: id, teamId: TEAM });

function alert(extra: Record<string, unknown> = {}) {
  return {
    service: 'apns',
    token: devPhone.DeviceToken,
    auth: tokenAuth(),
    topic: BUNDLE,
    environment: 'sandbox',
    payload: { aps: { alert: { title: 'Direct', body: 'hello' } } },
    ...extra,
  };
}

async function sent(s: DirectPushService, input: unknown): Promise<DirectPushAnswer> {
  const result = await s.send(input);
  if (!result.ok) throw new Error(`expected an answer, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const deliveries = () => m.cloud.devices.listDeliveries();

describe('direct push to APNs, token authentication', () => {
  it('sends an alert with a .p8 key and answers status, apns-id and apns-unique-id; the device receives it', async () => {
    const before = deliveries().length;
    const answer = await sent(service(), alert());
    expect(answer).toMatchObject({
      service: 'apns',
      ok: true,
      status: 200,
      topic: BUNDLE,
      pushType: 'alert',
      host: base.apns?.hosts?.sandbox,
      credentialLabel: `AuthKey_${keyId}.p8 · Team ${TEAM}`,
    });
    if (answer.service !== 'apns') throw new Error('apns answer expected');
    expect(answer.apnsId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.apnsUniqueId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.advice).toBeUndefined();
    expect(deliveries().slice(before)).toEqual([
      expect.objectContaining({
        DeviceId: devPhone.DeviceId,
        Via: 'APNS',
        PushType: 'alert',
        Title: 'Direct',
        Body: 'hello',
      }),
    ]);
    // Nothing of the key comes back.
    expect(JSON.stringify(answer)).not.toContain(readFileSync(keyFile, 'utf8').split('\n')[1]);
  });

  it('adds the topic suffix the push type needs and sends a 5000-byte VoIP push to the VoIP token', async () => {
    const payload = { aps: {}, caller: 'x'.repeat(5000) };
    const answer = await sent(service(), alert({ token: devPhone.VoipDeviceToken, pushType: 'voip', payload }));
    expect(answer).toMatchObject({ ok: true, status: 200, topic: `${BUNDLE}.voip`, pushType: 'voip' });
    expect(deliveries().at(-1)).toMatchObject({ DeviceToken: devPhone.VoipDeviceToken, PushType: 'voip' });
  });

  it('reuses one provider token, renews it after 50 minutes, and never signs two within 20 minutes', async () => {
    const s = service();
    expect((await sent(s, alert())).status).toBe(200);
    expect((await sent(s, alert())).status).toBe(200);
    expect(s.apns.providerTokensMinted).toBe(1);

    offset = 51 * 60 * 1000;
    expect((await sent(s, alert())).status).toBe(200);
    expect(s.apns.providerTokensMinted).toBe(2);

    // 61 minutes after the first token: the emulator would answer ExpiredProviderToken had it been kept.
    offset = 61 * 60 * 1000;
    expect((await sent(s, alert())).status).toBe(200);
    expect(s.apns.providerTokensMinted).toBe(2);
    expect(s.apns.connectionsOpened).toBe(1);
  });

  it('when APNs calls a fresh token expired (a clock an hour behind), answers the reason instead of signing again within 20 minutes', async () => {
    let behind = -61 * 60 * 1000;
    const s = service(base, () => Date.now() + behind);
    const answer = await sent(s, alert());
    expect(answer).toMatchObject({ ok: false, status: 403, reason: 'ExpiredProviderToken' });
    expect(answer.advice?.fix).toMatch(/clock/);
    expect(s.apns.providerTokensMinted).toBe(1);
    // 21 minutes later by the client's clock: the cached token is reused, APNs calls it expired again,
    // and now one renewal is allowed (signed 40 minutes "ago" by the emulator's clock: accepted).
    behind = -40 * 60 * 1000;
    const later = await sent(s, alert());
    expect(s.apns.providerTokensMinted).toBe(2);
    expect(later.status).toBe(200);
  });

  it('multiplexes pushes on one connection per host and credentials', async () => {
    const s = service();
    const answers = await Promise.all([1, 2, 3].map(() => sent(s, alert())));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await sent(s, alert())).status).toBe(200);
    expect(s.apns.connectionsOpened).toBe(1);
    // Another environment is another host: a second connection.
    expect((await sent(s, alert({ token: prodPhone.DeviceToken, environment: 'production' }))).status).toBe(200);
    expect(s.apns.connectionsOpened).toBe(2);
  });
});

describe('direct push to APNs, answers and advice', () => {
  it('BadDeviceToken on Production for a development token: advice says to use Sandbox / APNS_SANDBOX', async () => {
    const answer = await sent(service(), alert({ environment: 'production' }));
    expect(answer).toMatchObject({ ok: false, status: 400, reason: 'BadDeviceToken' });
    expect(answer.advice?.fix).toMatch(/development build’s token: use Sandbox/);
    expect(answer.advice?.fix).toMatch(/APNS_SANDBOX/);
    const reverse = await sent(service(), alert({ token: prodPhone.DeviceToken, environment: 'sandbox' }));
    expect(reverse).toMatchObject({ reason: 'BadDeviceToken' });
    expect(reverse.advice?.fix).toMatch(/use Production/);
  });

  it('DeviceTokenNotForTopic when the topic is not the app’s bundle id', async () => {
    const answer = await sent(service(), alert({ topic: 'com.example.elsewhere' }));
    expect(answer).toMatchObject({ ok: false, status: 400, reason: 'DeviceTokenNotForTopic' });
    expect(answer.advice?.fix).toMatch(/bundle id/);
  });

  it('TopicDisallowed for a key limited to another app', async () => {
    const answer = await sent(service(), alert({ auth: tokenAuth(otherAppKeyFile, otherAppKeyId) }));
    expect(answer).toMatchObject({ ok: false, status: 400, reason: 'TopicDisallowed' });
    expect(answer.advice?.explanation).toMatch(/not allowed to push to this topic/);
  });

  it('410 Unregistered with the uninstall timestamp for an uninstalled app', async () => {
    const phone = await m.call<{ DeviceId: string; DeviceToken: string }>('POST', '/_sandbox/devices', {
      Platform: 'APNS_SANDBOX',
      Name: 'gone',
      BundleId: BUNDLE,
    });
    await m.call('POST', `/_sandbox/devices/${phone.DeviceId}/uninstall`);
    const answer = await sent(service(), alert({ token: phone.DeviceToken }));
    expect(answer).toMatchObject({ ok: false, status: 410, reason: 'Unregistered' });
    if (answer.service !== 'apns') throw new Error('apns answer expected');
    expect(answer.timestamp).toBe(Date.parse(m.cloud.devices.get(phone.DeviceId)?.UninstalledAt ?? ''));
    expect(answer.advice?.fix).toMatch(/remove the endpoint/);
  });

  it('refuses a background push with priority 10 before sending (BadPriority), and sends it with 5 by default', async () => {
    const s = service();
    const before = deliveries().length;
    const result = await s.send(
      alert({ pushType: 'background', priority: 10, payload: { aps: { 'content-available': 1 } } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'InvalidInput',
      reason: 'BadPriority',
      issues: [expect.objectContaining({ member: 'priority' })],
    });
    expect(result.error.advice?.fix).toMatch(/5 for background/);
    expect(s.apns.connectionsOpened).toBe(0);
    expect(deliveries().length).toBe(before);
    const voip10 = await s.send(alert({ token: devPhone.VoipDeviceToken, pushType: 'voip', priority: 5 }));
    expect(voip10.ok ? undefined : voip10.error.reason).toBe('BadPriority');
    expect(
      await sent(s, alert({ pushType: 'background', payload: { aps: { 'content-available': 1 } } })),
    ).toMatchObject({ ok: true, status: 200 });
  });

  it('refuses a payload over 4096 bytes (5120 for VoIP) before sending (PayloadTooLarge)', async () => {
    const s = service();
    const payload = { aps: { alert: 'x'.repeat(4096 - 20 + 1) } };
    expect(JSON.stringify(payload).length).toBe(4097);
    const result = await s.send(alert({ payload }));
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'InvalidInput',
      reason: 'PayloadTooLarge',
      message: expect.stringMatching(/4097 bytes.*4096/),
    });
    const voip = await s.send(
      alert({ token: devPhone.VoipDeviceToken, pushType: 'voip', payload: { aps: {}, c: 'x'.repeat(5120) } }),
    );
    expect(voip.ok ? undefined : voip.error.reason).toBe('PayloadTooLarge');
    expect(s.apns.connectionsOpened).toBe(0);
    expect((await sent(s, alert({ payload: { aps: { alert: 'x'.repeat(4096 - 20) } } }))).status).toBe(200);
  });

  it('names the field of every invalid input without sending', async () => {
    const s = service();
    for (const [input, member] of [
      [alert({ token: 'not hex!' }), 'token'],
      [alert({ auth: { ...tokenAuth(), keyId: 'short' } }), 'auth.keyId'],
      [alert({ auth: { ...tokenAuth(), teamId: 'team123456' } }), 'auth.teamId'],
      [alert({ topic: undefined }), 'topic'],
      [alert({ environment: 'staging' }), 'environment'],
      [alert({ pushType: 'banner' }), 'pushType'],
      [alert({ collapseId: 'c'.repeat(65) }), 'collapseId'],
      [alert({ expiration: -1 }), 'expiration'],
      [alert({ payload: [1, 2] }), 'payload'],
    ] as [unknown, string][]) {
      const result = await s.send(input);
      expect(result.ok, member).toBe(false);
      if (!result.ok)
        expect(
          result.error.issues?.map((i) => i.member),
          member,
        ).toContain(member);
    }
    expect(s.apns.connectionsOpened).toBe(0);
  });

  it('says clearly when the key file is missing or not a .p8, without quoting it', async () => {
    const missing = await service().send(alert({ auth: tokenAuth(`${m.dir}/AuthKey_NOPE.p8`) }));
    expect(missing.ok ? undefined : missing.error).toMatchObject({
      code: 'InvalidCredentials',
      message: 'The key file (.p8) AuthKey_NOPE.p8 cannot be opened: it does not exist.',
    });
    const notAKey = m.file('AuthKey_BAD.p8', 'SECRET-LOOKING-CONTENT-123');
    const bad = await service().send(alert({ auth: tokenAuth(notAKey) }));
    expect(bad.ok ? undefined : bad.error.message).toMatch(/AuthKey_BAD.p8 is not an APNs key/);
    expect(JSON.stringify(bad)).not.toContain('SECRET-LOOKING');
  });
});

describe('direct push to APNs, certificate authentication', () => {
  it('sends with a .p12 and its passphrase, taking the topic from the certificate subject', async () => {
    const { P12, Passphrase } = await m.call<{ P12: string; Passphrase: string }>('POST', '/_sandbox/apns-certs', {
      TeamId: TEAM,
      BundleId: BUNDLE,
      Environment: 'sandbox',
    });
    const certFile = m.file('push.p12', Buffer.from(P12, 'base64'));
    const s = service();
    const auth = { kind: 'certificate', certFile, passphrase: Passphrase };
    const answer = await sent(s, alert({ auth, topic: undefined }));
    expect(answer).toMatchObject({
      ok: true,
      status: 200,
      topic: BUNDLE,
      credentialLabel: expect.stringContaining(`push.p12 · Apple Development IOS Push Services: ${BUNDLE}`),
    });
    expect(deliveries().at(-1)).toMatchObject({ DeviceId: devPhone.DeviceId, Title: 'Direct' });
    // A sandbox certificate on production: Apple's BadCertificateEnvironment, with advice.
    const prod = await sent(
      s,
      alert({ auth, topic: undefined, token: prodPhone.DeviceToken, environment: 'production' }),
    );
    expect(prod).toMatchObject({ ok: false, status: 403, reason: 'BadCertificateEnvironment' });
    // Token-only push types are refused client-side for certificates.
    const live = await s.send(alert({ auth, pushType: 'liveactivity' }));
    expect(live.ok ? undefined : live.error.issues?.[0]?.member).toBe('pushType');
    // A wrong passphrase is named as such.
    const wrong = await s.send(alert({ auth: { ...auth, passphrase: 'wrong' } }));
    expect(wrong.ok ? undefined : wrong.error).toMatchObject({
      code: 'InvalidCredentials',
      message: 'The passphrase for push.p12 is wrong.',
    });
  });

  it.skipIf(!hasOpenssl)('explains how to re-export a legacy (RC2) .p12 that current OpenSSL cannot open', async () => {
    const key = join(m.dir, 'legacy-key.pem');
    const cert = join(m.dir, 'legacy-cert.pem');
    const out = join(m.dir, 'legacy.p12');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        `/UID=${BUNDLE}/CN=Apple Push Services: ${BUNDLE}`,
      ],
      { stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-legacy', '-in', cert, '-inkey', key, '-out', out, '-passout', 'pass:pw'],
      { stdio: 'ignore' },
    );
    const result = await service().send(alert({ auth: { kind: 'certificate', certFile: out, passphrase: 'pw' } }));
    expect(result.ok ? result.value : result.error).toMatchObject({
      code: 'InvalidCredentials',
      message: expect.stringMatching(/^legacy\.p12 uses legacy encryption \(RC2\).*Re-export it/),
    });
  });
});
