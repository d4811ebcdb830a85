/**
 * Direct pushes through a proxy (proxy-chain, test/unit/support/connectProxy.ts):
 * APNs' HTTP/2 inside a CONNECT tunnel (http2-wrapper), FCM and its token
 * endpoint through the same proxy-agent as AWS calls; the sandbox's emulators
 * behind it. The emulators are on loopback, which the environment's proxy
 * never covers, so these tests give the service the proxy through
 * `proxyForUrl`, the seam the app fills with the OS proxy settings.
 */
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DirectPushService,
  sandboxDirectPushOptions,
  type DirectPushResult,
  type DirectPushServiceOptions,
} from '../../../../src/main/push/direct';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { mountPushCloud, type MountedCloud } from './pushCloudSupport';

const TEAM = 'TEAM123456';
const BUNDLE = 'com.example.proxied';

let m: MountedCloud;
let base: DirectPushServiceOptions;
let proxy: ConnectProxy;
let keyFile: string;
let keyId: string;
let accountFile: string;
let phone: { DeviceId: string; DeviceToken: string };
let pixel: { DeviceId: string; DeviceToken: string };
const services: DirectPushService[] = [];

beforeAll(async () => {
  m = await mountPushCloud();
  base = await sandboxDirectPushOptions(m.url);
  proxy = await startConnectProxy();
  const key = await m.call<{ KeyId: string; P8: string }>('POST', '/_sandbox/apns-keys', { TeamId: TEAM, BundleIds: [] });
  keyId = key.KeyId;
  keyFile = m.file(`AuthKey_${key.KeyId}.p8`, key.P8);
  phone = await m.call('POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: 'phone', BundleId: BUNDLE });
  const { ServiceAccount } = await m.call<{ ServiceAccount: unknown }>('POST', '/_sandbox/fcm-projects', {
    ProjectId: 'proxied-project',
  });
  accountFile = m.file('proxied-project.json', JSON.stringify(ServiceAccount));
  pixel = await m.call('POST', '/_sandbox/devices', { Platform: 'GCM', Name: 'pixel', ProjectId: 'proxied-project' });
});

beforeEach(() => {
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
  proxy.refuse = false;
  proxy.auth = undefined;
});

afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

afterAll(async () => {
  await proxy.close();
  await m.close();
});

function through(proxyUrl: string): DirectPushService {
  const s = new DirectPushService({ ...base, proxyForUrl: () => proxyUrl });
  services.push(s);
  return s;
}

const alert = (title = 'Through the proxy') => ({
  service: 'apns',
  token: phone.DeviceToken,
  auth: { kind: 'token', keyFile, keyId, teamId: TEAM },
  topic: BUNDLE,
  environment: 'sandbox',
  payload: { aps: { alert: { title, body: 'tunnelled' } } },
});

const fcm = () => ({
  service: 'fcm',
  token: pixel.DeviceToken,
  serviceAccountFile: accountFile,
  payload: { notification: { title: 'FCM through the proxy', body: 'forwarded' } },
});

const apnsPort = () => new URL(base.apns?.hosts?.sandbox ?? '').port;
const lastDelivery = () => m.cloud.devices.listDeliveries().at(-1);
const failure = (result: DirectPushResult) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('APNs through an HTTPS proxy', () => {
  it('carries HTTP/2 inside one CONNECT tunnel, reused for the next pushes; the device receives them', async () => {
    const s = through(proxy.url);
    const answers = await Promise.all([s.send(alert('one')), s.send(alert('two')), s.send(alert('three'))]);
    expect(answers.map((a) => (a.ok ? a.value.status : a.error.message))).toEqual([200, 200, 200]);
    expect(await s.send(alert('four'))).toMatchObject({ ok: true, value: { status: 200, proxy: proxy.url } });
    expect(proxy.tunnels).toEqual([`127.0.0.1:${apnsPort()}`]);
    expect(s.apns.connectionsOpened).toBe(1);
    expect(lastDelivery()).toMatchObject({ DeviceId: phone.DeviceId, Via: 'APNS', Title: 'four' });
  });

  it('sends the proxy credentials of the proxy URL (407 without them)', async () => {
    proxy.auth = 'alice:pw';
    expect(failure(await through(proxy.url).send(alert())).message).toContain('HTTP 407: it wants proxy credentials');
    const withCredentials = `http://alice:pw@127.0.0.1:${proxy.port}`;
    // The answer names the proxy for the window and the CLI, the password masked.
    expect(await through(withCredentials).send(alert())).toMatchObject({
      ok: true,
      value: { status: 200, proxy: `http://alice:***@127.0.0.1:${proxy.port}` },
    });
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('a refused tunnel names the proxy, without its password, and is not APNs’ answer', async () => {
    proxy.refuse = true;
    const error = failure(await through(`http://alice:s3cret@127.0.0.1:${proxy.port}`).send(alert()));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: false });
    expect(error.message).toMatch(
      new RegExp(`^The proxy http://alice:\\*\\*\\*@127\\.0\\.0\\.1:${proxy.port} refused to open a tunnel to 127\\.0\\.0\\.1:${apnsPort()} \\(HTTP 403\\)`),
    );
    expect(JSON.stringify(error)).not.toContain('s3cret');
    expect(error.reason).toBeUndefined();
  });

  it('a proxy that cannot be reached is named as such', async () => {
    const error = failure(await through('http://127.0.0.1:9').send(alert()));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(error.message).toMatch(/^Cannot reach the proxy http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('a SOCKS proxy, which cannot carry the tunnel, gets a message saying what to set instead', async () => {
    const error = failure(await through('socks5://127.0.0.1:1080').send(alert()));
    expect(error.message).toContain('HTTP/2 to APNs needs an HTTP or HTTPS proxy (CONNECT), not socks5');
    expect(error.message).toContain('NO_PROXY');
  });

  it('without a proxy for the host, connects directly', async () => {
    const s = through('');
    const answer = await s.send(alert());
    expect(answer).toMatchObject({ ok: true, value: { status: 200 } });
    expect(answer.ok && 'proxy' in answer.value).toBe(false);
    expect(proxy.tunnels).toHaveLength(0);
  });
});

describe('FCM through a proxy', () => {
  it('takes the access token and sends the message through the proxy; the device receives it', async () => {
    const s = through(proxy.url);
    const first = await s.send(fcm());
    expect(first.ok ? first.value : first.error).toMatchObject({ status: 200 });
    expect(await s.send(fcm())).toMatchObject({ ok: true, value: { status: 200, proxy: proxy.url } });
    expect(proxy.forwarded).toEqual([
      `POST ${m.url}/_fcm/token`,
      `POST ${m.url}/v1/projects/proxied-project/messages:send`,
      `POST ${m.url}/v1/projects/proxied-project/messages:send`,
    ]);
    expect(lastDelivery()).toMatchObject({ DeviceId: pixel.DeviceId, Via: 'FCM', Title: 'FCM through the proxy' });
  });

  it('a proxy that never answers fails the push within the timeout, naming no secret', async () => {
    const stuck = createTcpServer(() => {});
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    try {
      const s = new DirectPushService({
        ...base,
        fcm: { ...base.fcm, timeoutMs: 300 },
        proxyForUrl: () => `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`,
      });
      services.push(s);
      const error = failure(await s.send(fcm()));
      expect(error.code).toBe('FcmAuthFailed');
      expect(error.message).toMatch(/^Cannot get an access token for .* from 127\.0\.0\.1:\d+: .*timeout/i);
      expect(error.message).not.toContain('PRIVATE KEY');
    } finally {
      stuck.close();
    }
  });

  it('a proxy that cannot be reached is named as such, for the token request too', async () => {
    const error = failure(await through('http://127.0.0.1:9').send(fcm()));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(error.message).toMatch(/^Cannot reach the proxy http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });
});
