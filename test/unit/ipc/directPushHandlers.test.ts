/**
 * The direct-push channels over the real main services and a sandbox with
 * its APNs and FCM emulators: key files come through the file chooser and
 * stay in main (the renderer gets a handle and a name), pushes reach the
 * simulated phones, settings and keys survive a restart (the keys sealed),
 * and a path the renderer makes up is never read.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { DirectPushServices, type FileChooserRequest } from '../../../src/main/ipc/handlers/directPushHandlers';
import type { ConnectionManager } from '../../../src/main/aws/connections';
import type { ChosenKeyFile, DirectPushOutcome, DirectPushSettings } from '../../../src/shared/ipc/directPushContract';
import { startTestServices, type TestServices } from '../support/mainServices';
import { testEncryptor } from '../store/helpers';
import { startConnectProxy } from '../support/connectProxy';

const TEAM = 'TEAM123456';
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const BUNDLE = 'com.example.direct';

let sandbox: RunningSandbox;
let keysDir: string;
let userDataDir: string;
let t: TestServices;
let workspaceId: string;
let keyId: string;
let keyPem: string;
let accountJson: string;
/** What the next chooser call answers; the requests it got. */
let nextPick: string | undefined;
const requests: FileChooserRequest[] = [];
let phone: { DeviceToken: string };
let devPhone: { DeviceToken: string };
let android: { DeviceToken: string };

async function control<T>(route: string, body: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/_sandbox/${route}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function start(): Promise<TestServices> {
  const services = await startTestServices('cew-directpush-', {
    userDataDir,
    sandboxUrl: sandbox.url,
    encryptor: testEncryptor,
    chooseFile: async (request) => {
      requests.push(request);
      return nextPick;
    },
  });
  const { workspace } = await services.call<{ workspace: { id: string } }>('workspace:restore');
  workspaceId = workspace.id;
  await services.call('connection:select', { connection: { kind: 'sandbox' }, region: sandbox.region });
  return services;
}

const apnsPush = (keyFile: string, token: string, environment: 'sandbox' | 'production') => ({
  service: 'apns',
  token,
  auth: { kind: 'token', keyFile, keyId, teamId: TEAM },
  topic: BUNDLE,
  environment,
  pushType: 'alert',
  priority: 10,
  payload: { aps: { alert: { title: 'Direct', body: 'from the handler test' } } },
});

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  keysDir = await mkdtemp(path.join(tmpdir(), 'cew-directpush-keys-'));
  userDataDir = await mkdtemp(path.join(tmpdir(), 'cew-directpush-data-'));
  const key = await control<{ KeyId: string; P8: string }>('apns-keys', { TeamId: TEAM, BundleIds: [BUNDLE] });
  keyId = key.KeyId;
  keyPem = key.P8;
  writeFileSync(path.join(keysDir, `AuthKey_${keyId}.p8`), keyPem);
  const project = await control<{ ServiceAccount: Record<string, unknown> }>('fcm-projects', { ProjectId: 'direct-test' });
  accountJson = JSON.stringify(project.ServiceAccount);
  writeFileSync(path.join(keysDir, 'service-account.json'), accountJson);
  phone = await control('devices', { Platform: 'APNS', Name: 'Prod phone', Voip: false, BundleId: BUNDLE });
  devPhone = await control('devices', { Platform: 'APNS_SANDBOX', Name: 'Dev phone', Voip: false, BundleId: BUNDLE });
  android = await control('devices', { Platform: 'GCM', Name: 'Pixel', Voip: false, ProjectId: 'direct-test' });
  t = await start();
}, 60_000);

afterAll(async () => {
  await t?.services.dispose();
  await sandbox?.close();
  await rm(keysDir, { recursive: true, force: true });
  await rm(userDataDir, { recursive: true, force: true });
});

describe('direct push channels', () => {
  let chosen: ChosenKeyFile;

  it('reads the chosen key file in main and answers a handle and its name only', async () => {
    nextPick = path.join(keysDir, `AuthKey_${keyId}.p8`);
    chosen = await t.call<ChosenKeyFile>('directPush:chooseKeyFile', { kind: 'apnsKey' });
    expect(chosen).toEqual({ handle: expect.any(String), kind: 'apnsKey', fileName: `AuthKey_${keyId}.p8` });
    expect(requests.at(-1)).toMatchObject({ kind: 'apnsKey', extensions: ['p8'] });
    expect(JSON.stringify(chosen)).not.toContain('PRIVATE KEY');
  });

  it('answers null when the chooser is cancelled', async () => {
    nextPick = undefined;
    expect(await t.call('directPush:chooseKeyFile', { kind: 'serviceAccount' })).toBeNull();
  });

  it('refuses a chosen file too large to be a key, naming it without quoting it', async () => {
    nextPick = path.join(keysDir, 'huge.p8');
    writeFileSync(nextPick, 'x'.repeat(100_000));
    const result = await t.services.dispatcher.dispatch('directPush:chooseKeyFile', { kind: 'apnsKey' }, true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/^huge\.p8 is 100000 bytes: that is not a key file/);
  });

  it('sends to the simulated phone through the APNs emulator: 200 and an apns-id, delivered', async () => {
    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: apnsPush(chosen.handle, phone.DeviceToken, 'production'),
    });
    expect(answer).toMatchObject({ service: 'apns', ok: true, status: 200, topic: BUNDLE });
    expect(answer.apnsId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.credentialLabel).toBe(`AuthKey_${keyId}.p8 · Team ${TEAM}`);
    const { Deliveries } = (await (await fetch(`${sandbox.url}/_sandbox/deliveries`)).json()) as {
      Deliveries: { Via: string; DeviceToken: string; Title?: string }[];
    };
    expect(Deliveries.filter((d) => d.Via === 'APNS' && d.DeviceToken === phone.DeviceToken)).toHaveLength(1);
  });

  it('answers BadDeviceToken with its advice for a development token sent to Production', async () => {
    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: apnsPush(chosen.handle, devPhone.DeviceToken, 'production'),
    });
    expect(answer).toMatchObject({ ok: false, status: 400, reason: 'BadDeviceToken' });
    expect(answer.advice?.fix).toMatch(/use Sandbox/);
  });

  it('never reads a path the renderer names instead of a handle', async () => {
    const result = await t.services.dispatcher.dispatch(
      'directPush:send',
      { workspaceId, push: apnsPush(path.join(keysDir, `AuthKey_${keyId}.p8`), phone.DeviceToken, 'production') },
      true,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'InvalidCredentials', message: expect.stringMatching(/Choose the key file again/) });
  });

  it('sends FCM HTTP v1 with a chosen service account', async () => {
    nextPick = path.join(keysDir, 'service-account.json');
    const account = await t.call<ChosenKeyFile>('directPush:chooseKeyFile', { kind: 'serviceAccount' });
    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: { service: 'fcm', token: android.DeviceToken, serviceAccountFile: account.handle, payload: { notification: { title: 'Hi', body: 'FCM' } } },
    });
    expect(answer).toMatchObject({ service: 'fcm', ok: true, status: 200, projectId: 'direct-test' });
    expect(answer.messageName).toMatch(/^projects\/direct-test\/messages\//);
  });

  it('keeps settings and payloads per workspace, and refuses an unknown workspace', async () => {
    const payload = { name: 'Silent', service: 'apns', pushType: 'background', payload: { aps: { 'content-available': 1 } } };
    expect(await t.call('directPush:savePayload', { workspaceId, payload })).toEqual([payload]);
    const big = { ...payload, name: 'Big', payload: { aps: {}, blob: 'x'.repeat(5000) } };
    const refused = await t.services.dispatcher.dispatch('directPush:savePayload', { workspaceId, payload: big }, true);
    expect(!refused.ok && refused.error.code).toBe('InvalidInput');
    const unknown = await t.services.dispatcher.dispatch('directPush:settings', { workspaceId: 'nope' }, true);
    expect(!unknown.ok && unknown.error.code).toBe('NotFound');
  });

  it('restores the settings and the key after a restart: sealed on disk, never sent to the renderer', async () => {
    await t.services.dispose();
    const onDisk = readdirSync(userDataDir)
      .filter((f) => f.startsWith('direct-push'))
      .map((f) => readFileSync(path.join(userDataDir, f), 'utf8'))
      .join('');
    expect(onDisk).toContain(`AuthKey_${keyId}.p8`);
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(onDisk).not.toContain('private_key');

    t = await start();
    const settings = await t.call<DirectPushSettings>('directPush:settings', { workspaceId });
    expect(settings.apns).toEqual({ keyId, teamId: TEAM, topic: BUNDLE, environment: 'production', pushType: 'alert', priority: 10, auth: 'token' });
    expect(settings.apnsKey?.fileName).toBe(`AuthKey_${keyId}.p8`);
    expect(settings.serviceAccount?.fileName).toBe('service-account.json');
    expect(settings.payloads.map((p) => p.name)).toEqual(['Silent']);
    expect(settings).toMatchObject({ keysEncrypted: true, unreadableKeys: [] });
    expect(JSON.stringify(settings)).not.toMatch(/PRIVATE KEY|private_key/);

    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: apnsPush(settings.apnsKey!.handle, devPhone.DeviceToken, 'sandbox'),
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    expect(await t.call('directPush:deletePayload', { workspaceId, name: 'Silent' })).toEqual([]);
  });
});

describe('direct push with a certificate (.p12)', () => {
  let p12: { P12: string; Passphrase: string };
  const certPush = (certFile: string, extra: Record<string, unknown> = {}) => ({
    service: 'apns',
    token: devPhone.DeviceToken,
    auth: { kind: 'certificate', certFile, ...extra },
    environment: 'sandbox',
    pushType: 'alert',
    priority: 10,
    payload: { aps: { alert: { title: 'Cert', body: 'from the handler test' } } },
  });
  const refusal = async (channel: 'directPush:send' | 'directPush:unlockCertificate', input: unknown) => {
    const result = await t.services.dispatcher.dispatch(channel, input, true);
    return result.ok ? undefined : result.error;
  };

  beforeAll(async () => {
    p12 = await control('apns-certs', { TeamId: TEAM, BundleId: BUNDLE, Environment: 'sandbox' });
    writeFileSync(path.join(keysDir, 'push.p12'), Buffer.from(p12.P12, 'base64'));
  });

  it('holds a chosen .p12 locked until its passphrase is sent once; then pushes with it', async () => {
    nextPick = path.join(keysDir, 'push.p12');
    const chosen = await t.call<ChosenKeyFile>('directPush:chooseKeyFile', { kind: 'apnsCert' });
    expect(chosen).toEqual({ handle: expect.any(String), kind: 'apnsCert', fileName: 'push.p12', locked: true });
    expect(requests.at(-1)).toMatchObject({ kind: 'apnsCert', extensions: ['p12'] });

    // Locked: a push says what is missing; a wrong passphrase is named as such and keeps it locked.
    expect(await refusal('directPush:send', { workspaceId, push: certPush(chosen.handle) })).toMatchObject({
      code: 'InvalidCredentials',
      message: 'Enter the certificate passphrase for push.p12.',
    });
    expect(await refusal('directPush:unlockCertificate', { handle: chosen.handle, passphrase: 'wrong' })).toMatchObject({
      message: 'The passphrase for push.p12 is wrong.',
    });

    const unlocked = await t.call<ChosenKeyFile>('directPush:unlockCertificate', {
      handle: chosen.handle,
      passphrase: p12.Passphrase,
    });
    expect(unlocked).toEqual({ handle: chosen.handle, kind: 'apnsCert', fileName: 'push.p12' });
    expect(JSON.stringify(unlocked)).not.toContain(p12.Passphrase);

    // The topic comes from the certificate's subject.
    const answer = await t.call<DirectPushOutcome>('directPush:send', { workspaceId, push: certPush(chosen.handle) });
    expect(answer).toMatchObject({ ok: true, status: 200, topic: BUNDLE });
    expect(answer.credentialLabel).toContain('push.p12 · Apple Development IOS Push Services');
    expect(JSON.stringify(answer)).not.toContain(p12.Passphrase);

    // The app never takes a passphrase with a push.
    expect(
      await refusal('directPush:send', { workspaceId, push: certPush(chosen.handle, { passphrase: p12.Passphrase }) }),
    ).toMatchObject({ code: 'InvalidInput' });
  });

  it('keeps the .p12 sealed across a restart and asks for the passphrase again; the passphrase is never saved', async () => {
    await t.services.dispose();
    const onDisk = readdirSync(userDataDir)
      .filter((f) => f.startsWith('direct-push'))
      .map((f) => readFileSync(path.join(userDataDir, f), 'utf8'))
      .join('');
    expect(onDisk).toContain('push.p12');
    expect(onDisk).not.toContain(p12.Passphrase);
    expect(onDisk).not.toContain(p12.P12.slice(0, 40));

    t = await start();
    const settings = await t.call<DirectPushSettings>('directPush:settings', { workspaceId });
    expect(settings.apns).toMatchObject({ auth: 'certificate', keyId, teamId: TEAM, environment: 'sandbox' });
    expect(settings.apnsCert).toMatchObject({ fileName: 'push.p12', locked: true });
    expect(settings.unreadableKeys).toEqual([]);
    // The bytes came back whole (binary, not mangled as text): the passphrase opens them and the push goes.
    await t.call('directPush:unlockCertificate', { handle: settings.apnsCert!.handle, passphrase: p12.Passphrase });
    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: certPush(settings.apnsCert!.handle),
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
  });

  it.skipIf(!hasOpenssl)('explains how to re-export a legacy (RC2) .p12 when it is unlocked', async () => {
    const key = path.join(keysDir, 'legacy-key.pem');
    const cert = path.join(keysDir, 'legacy-cert.pem');
    const out = path.join(keysDir, 'legacy.p12');
    const subject = `/UID=${BUNDLE}/CN=Apple Push Services: ${BUNDLE}`;
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', subject], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-in', cert, '-inkey', key, '-out', out, '-passout', 'pass:pw'], { stdio: 'ignore' });
    nextPick = out;
    const chosen = await t.call<ChosenKeyFile>('directPush:chooseKeyFile', { kind: 'apnsCert' });
    expect(chosen.locked).toBe(true);
    expect(await refusal('directPush:unlockCertificate', { handle: chosen.handle, passphrase: 'pw' })).toMatchObject({
      code: 'InvalidCredentials',
      message: expect.stringMatching(/^legacy\.p12 uses legacy encryption \(RC2\).*Re-export it/),
    });
  });
});

describe('host overrides (a corporate relay)', () => {
  it('are checked, used on real connections, saved with the settings, and left aside on the Local sandbox', async () => {
    const bad = await t.services.dispatcher.dispatch(
      'directPush:send',
      { workspaceId, push: apnsPush('no-handle', phone.DeviceToken, 'production'), hosts: { apns: 'http://relay.example.com' } },
      true,
    );
    expect(!bad.ok && bad.error).toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('https://') });
    const withPath = await t.services.dispatcher.dispatch(
      'directPush:send',
      { workspaceId, push: apnsPush('no-handle', phone.DeviceToken, 'production'), hosts: { fcm: 'https://relay.example.com/v1' } },
      true,
    );
    expect(!withPath.ok && withPath.error.message).toContain('no path or query');

    // On the sandbox connection the emulators answer whatever the override says; the override is remembered.
    nextPick = path.join(keysDir, `AuthKey_${keyId}.p8`);
    const key = await t.call<ChosenKeyFile>('directPush:chooseKeyFile', { kind: 'apnsKey' });
    const hosts = { apns: 'https://apns-relay.example.com:8443/', fcm: 'https://fcm-relay.example.com' };
    const answer = await t.call<DirectPushOutcome>('directPush:send', {
      workspaceId,
      push: apnsPush(key.handle, phone.DeviceToken, 'production'),
      hosts,
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    const settings = await t.call<DirectPushSettings>('directPush:settings', { workspaceId });
    expect(settings.hosts).toEqual({ apns: 'https://apns-relay.example.com:8443', fcm: 'https://fcm-relay.example.com' });
    // Emptied fields clear them.
    await t.call('directPush:send', { workspaceId, push: apnsPush(key.handle, phone.DeviceToken, 'production'), hosts: {} });
    expect((await t.call<DirectPushSettings>('directPush:settings', { workspaceId })).hosts).toBeUndefined();
  });

  it('replace Apple’s and Google’s hosts on a real connection', async () => {
    const real = new DirectPushServices({ current: () => ({ kind: 'profile' }) } as unknown as ConnectionManager);
    const plain = await real.forCurrentConnection();
    expect(plain.apns.hostFor('production')).toBe('https://api.push.apple.com');
    expect(plain.fcm.host).toBe('https://fcm.googleapis.com');
    const relay = await real.forCurrentConnection({ apns: 'https://relay.example.com:8443' });
    expect(relay.apns.hostFor('production')).toBe('https://relay.example.com:8443');
    expect(relay.apns.hostFor('sandbox')).toBe('https://relay.example.com:8443');
    expect(relay.fcm.host).toBe('https://fcm.googleapis.com');
    expect(await real.forCurrentConnection({ apns: 'https://relay.example.com:8443' })).toBe(relay);
    expect(await real.forCurrentConnection()).toBe(plain);
    real.close();
  });

  it('on a real connection, go through the proxy the app resolves (the OS settings in the installed app)', async () => {
    const proxy = await startConnectProxy();
    const asked: string[] = [];
    const real = new DirectPushServices({ current: () => ({ kind: 'profile' }) } as unknown as ConnectionManager, (url) => {
      asked.push(url);
      return proxy.url;
    });
    try {
      const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as { apns: { production: string } };
      const port = new URL(health.apns.production).port;
      const service = await real.forCurrentConnection({ apns: `https://apns-relay.example.com:${port}` });
      const result = await service.send(apnsPush(path.join(keysDir, `AuthKey_${keyId}.p8`), phone.DeviceToken, 'production'));
      expect(asked).toEqual([`https://apns-relay.example.com:${port}`]);
      expect(proxy.tunnels).toEqual([`apns-relay.example.com:${port}`]);
      // The tunnel reached the emulator, whose certificate a real connection rightly does not trust.
      expect(!result.ok && result.error.message).toMatch(/^The APNs server's certificate is not trusted/);
    } finally {
      real.close();
      await proxy.close();
    }
  });
});
