import type { ClientHttp2Session } from 'node:http2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeviceRegistry, type DeviceRecord } from '../../../../src/main/sandbox/devices';
import { SandboxCa } from '../../../../src/main/sandbox/emulators/ca';
import { PushCredentials } from '../../../../src/main/sandbox/emulators/credentials';
import { handleApnsIssueControl, issueApnsCert, issueApnsKey, startApnsEmulator, type IssuedApnsKey, type RunningApnsEmulator } from '../../../../src/main/sandbox/emulators/apns';
import { connectApns, providerToken, send } from './apnsSupport';

const TEAM = 'TEAM123456';
const OTHER_TEAM = 'OTHER98765';
const BUNDLE = 'com.example.app';
const APNS_ID = '123e4567-e89b-12d3-a456-426614174000';

let clock = Date.parse('2026-11-30T12:00:00Z');
const now = () => clock;
const seconds = () => Math.floor(clock / 1000);

let ca: SandboxCa;
let devices: DeviceRegistry;
let credentials: PushCredentials;
let emulator: RunningApnsEmulator;
let teamKey: IssuedApnsKey;
let otherAppKey: IssuedApnsKey;
let otherTeamKey: IssuedApnsKey;
let devPhone: DeviceRecord;
let prodPhone: DeviceRecord;
let androidPhone: DeviceRecord;
const clients: ClientHttp2Session[] = [];

beforeAll(async () => {
  ca = SandboxCa.create();
  devices = new DeviceRegistry({ now });
  credentials = new PushCredentials();
  emulator = await startApnsEmulator({ ca, devices, credentials, now });
  teamKey = issueApnsKey(credentials, { TeamId: TEAM, BundleIds: [] });
  otherAppKey = issueApnsKey(credentials, { TeamId: TEAM, BundleIds: ['com.example.other'] });
  otherTeamKey = issueApnsKey(credentials, { TeamId: OTHER_TEAM, BundleIds: [] });
  devPhone = devices.create({ Platform: 'APNS_SANDBOX', Name: 'dev phone', Voip: true, BundleId: BUNDLE });
  prodPhone = devices.create({ Platform: 'APNS', Name: 'prod phone', Voip: false, BundleId: BUNDLE });
  androidPhone = devices.create({ Platform: 'GCM', Name: 'android' });
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await emulator.close();
});

async function client(env: 'sandbox' | 'production' = 'sandbox', tls: { pfx?: Buffer; passphrase?: string } = {}): Promise<ClientHttp2Session> {
  const c = await connectApns(emulator.urls[env], ca.certPem, tls);
  clients.push(c);
  return c;
}

async function bearer(key: IssuedApnsKey = teamKey, iat = seconds(), team = key.TeamId): Promise<string> {
  return `bearer ${await providerToken(key.P8, key.KeyId, team, iat)}`;
}

async function tokenHeaders(extra: Record<string, string> = {}, key?: IssuedApnsKey): Promise<Record<string, string>> {
  return { authorization: await bearer(key), 'apns-topic': BUNDLE, 'apns-push-type': 'alert', ...extra };
}

async function reasonOf(path: string, headers: Record<string, string>, body?: string | Buffer, env: 'sandbox' | 'production' = 'sandbox', method = 'POST') {
  const answer = await send(await client(env), path, headers, body, method);
  return { status: answer.status, reason: answer.body?.reason };
}

const devPath = () => `/3/device/${devPhone.DeviceToken}`;

describe('APNs emulator, token authentication', () => {
  it('accepts a push signed with an issued .p8 key, echoes apns-id and delivers to the device', async () => {
    const before = devices.listDeliveries().length;
    const answer = await send(await client(), devPath(), await tokenHeaders({ 'apns-id': APNS_ID, 'apns-priority': '10' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['apns-id']).toBe(APNS_ID);
    expect(answer.headers['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toBeUndefined();
    const delivered = devices.listDeliveries().slice(before);
    expect(delivered).toEqual([
      expect.objectContaining({ DeviceId: devPhone.DeviceId, DeviceToken: devPhone.DeviceToken, Via: 'APNS', PushType: 'alert', Title: 'Hi', Body: 'There', Payload: { aps: { alert: { title: 'Hi', body: 'There' } } } }),
    ]);
  });

  it('generates an apns-id when none is sent, and sends no apns-unique-id in production', async () => {
    const answer = await send(await client('production'), `/3/device/${prodPhone.DeviceToken}`, await tokenHeaders());
    expect(answer.status).toBe(200);
    expect(answer.headers['apns-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.headers['apns-unique-id']).toBeUndefined();
  });

  it('delivers a VoIP push to the VoIP token with the 5120-byte limit', async () => {
    const payload = JSON.stringify({ aps: {}, caller: 'x'.repeat(5000) });
    const headers = await tokenHeaders({ 'apns-topic': `${BUNDLE}.voip`, 'apns-push-type': 'voip' });
    const answer = await send(await client(), `/3/device/${devPhone.VoipDeviceToken}`, headers, payload);
    expect(answer.status).toBe(200);
    expect(devices.listDeliveries().at(-1)).toMatchObject({ DeviceToken: devPhone.VoipDeviceToken, PushType: 'voip' });
    expect(await reasonOf(`/3/device/${devPhone.VoipDeviceToken}`, headers, JSON.stringify({ aps: {}, c: 'x'.repeat(5120) }))).toEqual({ status: 413, reason: 'PayloadTooLarge' });
  });

  it('answers MissingProviderToken without authorization', async () => {
    expect(await reasonOf(devPath(), { 'apns-topic': BUNDLE })).toEqual({ status: 403, reason: 'MissingProviderToken' });
  });

  it('answers InvalidProviderToken for an unknown kid, a wrong issuer, a foreign signature or garbage', async () => {
    const foreign = issueApnsKey(new PushCredentials(), { TeamId: TEAM, BundleIds: [] });
    const unknownKid = `bearer ${await providerToken(foreign.P8, 'ZZZZZZZZZZ', TEAM, seconds())}`;
    const wrongIssuer = await bearer(teamKey, seconds(), OTHER_TEAM);
    // Right kid and team, but signed with a key the sandbox never issued under that kid.
    const forged = `bearer ${await providerToken(foreign.P8, teamKey.KeyId, TEAM, seconds())}`;
    for (const authorization of [unknownKid, wrongIssuer, forged, 'bearer not-a-jwt', 'Basic abc']) {
      expect(await reasonOf(devPath(), { authorization, 'apns-topic': BUNDLE })).toEqual({ status: 403, reason: 'InvalidProviderToken' });
    }
  });

  it('answers ExpiredProviderToken once the token is older than an hour (fake clock)', async () => {
    const authorization = await bearer();
    const c = await client();
    expect((await send(c, devPath(), { authorization, 'apns-topic': BUNDLE })).status).toBe(200);
    const start = clock;
    try {
      clock += 61 * 60 * 1000;
      expect((await send(c, devPath(), { authorization, 'apns-topic': BUNDLE })).body?.reason).toBe('ExpiredProviderToken');
      expect(await reasonOf(devPath(), { authorization, 'apns-topic': BUNDLE })).toEqual({ status: 403, reason: 'ExpiredProviderToken' });
    } finally {
      clock = start;
    }
  });

  it('answers TooManyProviderTokenUpdates for a new token on the same connection within 20 minutes, and accepts it later', async () => {
    const c = await client();
    expect((await send(c, devPath(), { authorization: await bearer(), 'apns-topic': BUNDLE })).status).toBe(200);
    const start = clock;
    try {
      clock += 5 * 60 * 1000;
      const refreshed = await bearer();
      const early = await send(c, devPath(), { authorization: refreshed, 'apns-topic': BUNDLE });
      expect({ status: early.status, reason: early.body?.reason }).toEqual({ status: 429, reason: 'TooManyProviderTokenUpdates' });
      clock += 20 * 60 * 1000;
      expect((await send(c, devPath(), { authorization: refreshed, 'apns-topic': BUNDLE })).status).toBe(200);
    } finally {
      clock = start;
    }
  });

  it("answers UnrelatedKeyIdInToken for another team's key on a connection bound to a team", async () => {
    const c = await client();
    expect((await send(c, devPath(), { authorization: await bearer(), 'apns-topic': BUNDLE })).status).toBe(200);
    const answer = await send(c, devPath(), { authorization: await bearer(otherTeamKey), 'apns-topic': BUNDLE });
    expect({ status: answer.status, reason: answer.body?.reason }).toEqual({ status: 403, reason: 'UnrelatedKeyIdInToken' });
  });

  it('answers BadEnvironmentKeyIdInToken for a sandbox-only key on production, and accepts it on sandbox', async () => {
    const sandboxKey = issueApnsKey(credentials, { TeamId: TEAM, BundleIds: [], Environment: 'sandbox' });
    expect(await reasonOf(`/3/device/${prodPhone.DeviceToken}`, await tokenHeaders({}, sandboxKey), undefined, 'production')).toEqual({ status: 403, reason: 'BadEnvironmentKeyIdInToken' });
    expect((await reasonOf(devPath(), await tokenHeaders({}, sandboxKey))).status).toBe(200);
  });

  it('answers DuplicateHeaders when an apns header is sent twice', async () => {
    const headers = { ...(await tokenHeaders()), 'apns-topic': [BUNDLE, BUNDLE] } as unknown as Record<string, string>;
    expect(await reasonOf(devPath(), headers)).toEqual({ status: 400, reason: 'DuplicateHeaders' });
  });

  it('answers TopicDisallowed for a topic-specific key pushing to another bundle', async () => {
    expect(await reasonOf(devPath(), await tokenHeaders({}, otherAppKey))).toEqual({ status: 400, reason: 'TopicDisallowed' });
  });

  it('answers BadDeviceToken for a token of the other environment, an FCM token, an unknown or a non-hex token', async () => {
    const h = await tokenHeaders();
    expect(await reasonOf(`/3/device/${prodPhone.DeviceToken}`, h, undefined, 'sandbox')).toEqual({ status: 400, reason: 'BadDeviceToken' });
    expect(await reasonOf(devPath(), h, undefined, 'production')).toEqual({ status: 400, reason: 'BadDeviceToken' });
    expect(await reasonOf(`/3/device/${'ab'.repeat(32)}`, h)).toEqual({ status: 400, reason: 'BadDeviceToken' });
    expect(await reasonOf(`/3/device/${encodeURIComponent(androidPhone.DeviceToken)}`, h)).toEqual({ status: 400, reason: 'BadDeviceToken' });
  });

  it('answers DeviceTokenNotForTopic for another bundle, a VoIP token on the app topic and an app token on the VoIP topic', async () => {
    expect(await reasonOf(devPath(), await tokenHeaders({ 'apns-topic': 'com.example.elsewhere' }))).toEqual({ status: 400, reason: 'DeviceTokenNotForTopic' });
    expect(await reasonOf(`/3/device/${devPhone.VoipDeviceToken}`, await tokenHeaders())).toEqual({ status: 400, reason: 'DeviceTokenNotForTopic' });
    const voip = await tokenHeaders({ 'apns-topic': `${BUNDLE}.voip`, 'apns-push-type': 'voip' });
    expect(await reasonOf(devPath(), voip)).toEqual({ status: 400, reason: 'DeviceTokenNotForTopic' });
  });

  it('answers 410 Unregistered with the uninstall time once the app is uninstalled', async () => {
    const phone = devices.create({ Platform: 'APNS_SANDBOX', Name: 'soon gone', BundleId: BUNDLE });
    const path = `/3/device/${phone.DeviceToken}`;
    expect((await reasonOf(path, await tokenHeaders())).status).toBe(200);
    devices.uninstall(phone.DeviceId);
    const answer = await send(await client(), path, await tokenHeaders());
    expect(answer.status).toBe(410);
    expect(answer.body).toEqual({ reason: 'Unregistered', timestamp: clock });
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it.each([
    ['MissingTopic', 400, { 'apns-topic': '' }],
    ['BadTopic', 400, { 'apns-topic': 'com example' }],
    ['BadCollapseId', 400, { 'apns-collapse-id': 'c'.repeat(65) }],
    ['BadPriority', 400, { 'apns-priority': '7' }],
    ['BadPriority', 400, { 'apns-push-type': 'background', 'apns-priority': '10' }],
    ['InvalidPushType', 400, { 'apns-push-type': 'banner' }],
    ['InvalidPushType', 400, { 'apns-push-type': 'voip' }],
    ['BadExpirationDate', 400, { 'apns-expiration': 'tomorrow' }],
    ['BadMessageId', 400, { 'apns-id': 'NOT-A-UUID' }],
  ] as [string, number, Record<string, string>][])('answers %s (%i) for a bad header', async (reason, status, extra) => {
    const headers = await tokenHeaders(extra);
    if (extra['apns-topic'] === '') delete headers['apns-topic'];
    expect(await reasonOf(devPath(), headers)).toEqual({ status, reason });
  });

  it('keeps the valid headers valid: collapse id of 64 bytes, priority 5 and 1, expiration 0, background with 5', async () => {
    for (const extra of [{ 'apns-collapse-id': 'c'.repeat(64) }, { 'apns-priority': '5' }, { 'apns-priority': '1' }, { 'apns-expiration': '0' }, { 'apns-push-type': 'background', 'apns-priority': '5' }] as Record<string, string>[]) {
      expect((await reasonOf(devPath(), await tokenHeaders(extra))).status).toBe(200);
    }
  });

  it('answers MethodNotAllowed, BadPath, MissingDeviceToken, PayloadEmpty and PayloadTooLarge', async () => {
    const h = await tokenHeaders();
    expect(await reasonOf(devPath(), h, undefined, 'sandbox', 'GET')).toEqual({ status: 405, reason: 'MethodNotAllowed' });
    expect(await reasonOf(`/3/devices/${devPhone.DeviceToken}`, h)).toEqual({ status: 404, reason: 'BadPath' });
    expect(await reasonOf('/3/device/', h)).toEqual({ status: 400, reason: 'MissingDeviceToken' });
    expect(await reasonOf(devPath(), h, '')).toEqual({ status: 400, reason: 'PayloadEmpty' });
    const big = JSON.stringify({ aps: { alert: 'x'.repeat(4096) } });
    expect(await reasonOf(devPath(), h, big)).toEqual({ status: 413, reason: 'PayloadTooLarge' });
    const atLimit = JSON.stringify({ aps: { alert: 'x'.repeat(4096 - 20) } });
    expect(Buffer.byteLength(atLimit)).toBe(4096);
    expect((await reasonOf(devPath(), h, atLimit)).status).toBe(200);
  });

  it('is TLS with a certificate from the sandbox CA: a client that does not trust the CA cannot connect', async () => {
    await expect(connectApns(emulator.urls.sandbox, SandboxCa.create().certPem)).rejects.toThrow(/certificate/i);
  });
});

describe('APNs emulator, certificate authentication', () => {
  it('pushes with an issued sandbox .p12 and no provider token, and refuses it on production (BadCertificateEnvironment)', async () => {
    const { P12, Passphrase } = issueApnsCert(credentials, ca, { TeamId: TEAM, BundleId: BUNDLE, Environment: 'sandbox' });
    const tls = { pfx: Buffer.from(P12, 'base64'), passphrase: Passphrase };
    const ok = await send(await client('sandbox', tls), devPath(), { 'apns-topic': BUNDLE, 'apns-id': APNS_ID, authorization: 'bearer ignored-on-certificate-connections' }, '{"aps":{"alert":"Cert push"}}');
    expect(ok.status).toBe(200);
    expect(devices.listDeliveries().at(-1)).toMatchObject({ DeviceId: devPhone.DeviceId, Via: 'APNS', Title: '', Body: 'Cert push' });
    const prod = await send(await client('production', tls), `/3/device/${prodPhone.DeviceToken}`, { 'apns-topic': BUNDLE });
    expect({ status: prod.status, reason: prod.body?.reason }).toEqual({ status: 403, reason: 'BadCertificateEnvironment' });
  });

  it('a production certificate works in both environments, covers the VoIP topic, and not another bundle (TopicDisallowed)', async () => {
    const { P12, Passphrase } = issueApnsCert(credentials, ca, { TeamId: TEAM, BundleId: BUNDLE, Environment: 'production' });
    const tls = { pfx: Buffer.from(P12, 'base64'), passphrase: Passphrase };
    expect((await send(await client('production', tls), `/3/device/${prodPhone.DeviceToken}`, { 'apns-topic': BUNDLE })).status).toBe(200);
    const sandbox = await client('sandbox', tls);
    expect((await send(sandbox, `/3/device/${devPhone.VoipDeviceToken}`, { 'apns-topic': `${BUNDLE}.voip`, 'apns-push-type': 'voip' }, '{"aps":{}}')).status).toBe(200);
    const other = await send(sandbox, devPath(), { 'apns-topic': 'com.example.other' });
    expect({ status: other.status, reason: other.body?.reason }).toEqual({ status: 400, reason: 'TopicDisallowed' });
    const missing = await send(sandbox, devPath(), {});
    expect({ status: missing.status, reason: missing.body?.reason }).toEqual({ status: 400, reason: 'MissingTopic' });
  });

  it('answers BadCertificate for a client certificate the sandbox did not issue (other CA, or never registered)', async () => {
    const otherCa = SandboxCa.create();
    const foreign = issueApnsCert(new PushCredentials(), otherCa, { TeamId: TEAM, BundleId: BUNDLE, Environment: 'production' });
    const fromOtherCa = await send(await client('sandbox', { pfx: Buffer.from(foreign.P12, 'base64'), passphrase: foreign.Passphrase }), devPath(), { 'apns-topic': BUNDLE });
    expect({ status: fromOtherCa.status, reason: fromOtherCa.body?.reason }).toEqual({ status: 403, reason: 'BadCertificate' });
    // Same CA, but not through the console: its fingerprint is not on file.
    const unregistered = issueApnsCert(new PushCredentials(), ca, { TeamId: TEAM, BundleId: BUNDLE, Environment: 'production' });
    const answer = await send(await client('sandbox', { pfx: Buffer.from(unregistered.P12, 'base64'), passphrase: unregistered.Passphrase }), devPath(), { 'apns-topic': BUNDLE });
    expect({ status: answer.status, reason: answer.body?.reason }).toEqual({ status: 403, reason: 'BadCertificate' });
  });
});

describe('APNs key and certificate issuing', () => {
  it('issues a 10-character key id and a PKCS#8 P-256 key through POST /_sandbox/apns-keys', async () => {
    const answer = handleApnsIssueControl({ credentials, ca }, 'POST', '/_sandbox/apns-keys', JSON.stringify({ TeamId: TEAM, BundleIds: [BUNDLE] }));
    expect(answer?.status).toBe(200);
    const body = answer?.body as { KeyId: string; TeamId: string; P8: string };
    expect(body.KeyId).toMatch(/^[A-Z0-9]{10}$/);
    expect(body.TeamId).toBe(TEAM);
    expect(body.P8).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const { createPrivateKey } = await import('node:crypto');
    expect(createPrivateKey(body.P8).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(credentials.apnsKeys.get(body.KeyId)).toMatchObject({ TeamId: TEAM, BundleIds: [BUNDLE] });
    // The private half is not kept.
    expect(JSON.stringify(credentials.toJSON())).not.toContain(body.P8.split('\n')[1]);
  });

  it('issues a base64 PKCS#12 with a passphrase through POST /_sandbox/apns-certs', () => {
    const answer = handleApnsIssueControl({ credentials, ca }, 'POST', '/_sandbox/apns-certs', JSON.stringify({ TeamId: TEAM, BundleId: BUNDLE, Environment: 'sandbox' }));
    expect(answer?.status).toBe(200);
    const body = answer?.body as { P12: string; Passphrase: string };
    expect(Buffer.from(body.P12, 'base64').length).toBeGreaterThan(1000);
    expect(body.Passphrase.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['/_sandbox/apns-keys', { TeamId: 'short', BundleIds: [] }],
    ['/_sandbox/apns-keys', { TeamId: TEAM }],
    ['/_sandbox/apns-keys', { TeamId: TEAM, BundleIds: ['not a bundle'] }],
    ['/_sandbox/apns-certs', { TeamId: TEAM, BundleId: BUNDLE, Environment: 'staging' }],
    ['/_sandbox/apns-certs', { TeamId: TEAM, BundleId: BUNDLE, Environment: 'sandbox', Extra: 1 }],
  ])('answers 400 BadRequestException for bad input to %s', (path, body) => {
    const answer = handleApnsIssueControl({ credentials, ca }, 'POST', path, JSON.stringify(body));
    expect(answer?.status).toBe(400);
    expect(answer?.headers?.['x-amzn-ErrorType']).toBe('BadRequestException');
    expect((answer?.body as { Code: string }).Code).toBe('BadRequest');
  });

  it('leaves other routes alone', () => {
    expect(handleApnsIssueControl({ credentials, ca }, 'GET', '/_sandbox/apns-keys', '')).toBeUndefined();
    expect(handleApnsIssueControl({ credentials, ca }, 'POST', '/_sandbox/devices', '{}')).toBeUndefined();
  });

  it('keeps issued keys, certificates and the CA across a restart (toJSON/fromJSON)', async () => {
    const restoredCa = SandboxCa.fromJSON(JSON.parse(JSON.stringify(ca)));
    const restoredCredentials = PushCredentials.fromJSON(JSON.parse(JSON.stringify(credentials)));
    const restoredDevices = DeviceRegistry.fromJSON(JSON.parse(JSON.stringify(devices)), { now });
    const restarted = await startApnsEmulator({ ca: restoredCa, devices: restoredDevices, credentials: restoredCredentials, now });
    try {
      expect(restoredCa.certPem).toBe(ca.certPem);
      const c = await connectApns(restarted.urls.sandbox, ca.certPem);
      clients.push(c);
      const answer = await send(c, devPath(), await tokenHeaders());
      expect(answer.status).toBe(200);
      expect(restoredDevices.listDeliveries().at(-1)?.DeviceId).toBe(devPhone.DeviceId);
    } finally {
      await restarted.close();
    }
  });
});
