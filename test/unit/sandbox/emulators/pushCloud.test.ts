/**
 * The push cloud mounted the way the sandbox core will mount it: control
 * routes and FCM on one plain-HTTP port, APNs on its own TLS ports. Driven
 * only over the wire, as the app, the CLI and a user's backend would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPKCS8, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startPushCloud, type PushCloud, type ServiceAccountJson } from '../../../../src/main/sandbox/emulators';
import { connectApns, providerToken, send } from './apnsSupport';

interface Mounted {
  cloud: PushCloud;
  url: string;
  close(): Promise<void>;
}

const running: Mounted[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.close();
});

async function mount(snapshot?: unknown): Promise<Mounted> {
  let url = '';
  const cloud = await startPushCloud({ baseUrl: () => url, snapshot });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const control = req.url?.startsWith('/_sandbox/') ? cloud.handleControl(req.method ?? 'GET', req.url, body) : undefined;
      if (control) {
        const text = typeof control.body === 'string' ? control.body : JSON.stringify(control.body);
        return void res.writeHead(control.status, { 'content-type': 'application/json', ...control.headers }).end(text);
      }
      cloud.handleHttp({ method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body }).then(
        (answer) => (answer ? res.writeHead(answer.status, answer.headers).end(answer.body) : res.writeHead(404).end('{}')),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mounted = {
    cloud,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cloud.close();
    },
  };
  running.push(mounted);
  return mounted;
}

async function call<T>(m: Mounted, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${m.url}${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  expect(res.status, `${method} ${path}`).toBe(200);
  return (res.headers.get('content-type')?.includes('json') ? res.json() : res.text()) as Promise<T>;
}

describe('the push cloud over the wire', () => {
  it('creates devices, issues keys, delivers through APNs and FCM, reports deliveries, and survives a restart', async () => {
    const m = await mount();
    const iphone = await call<{ DeviceId: string; DeviceToken: string }>(m, 'POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: 'iPhone', BundleId: 'com.example.app' });
    const pixel = await call<{ DeviceId: string; DeviceToken: string }>(m, 'POST', '/_sandbox/devices', { Platform: 'GCM', Name: 'Pixel' });
    const key = await call<{ KeyId: string; TeamId: string; P8: string }>(m, 'POST', '/_sandbox/apns-keys', { TeamId: 'TEAM123456', BundleIds: ['com.example.app'] });
    const caPem = await call<string>(m, 'GET', '/_sandbox/ca.pem');
    const health = m.cloud.health();
    expect(health.fcm).toBe(m.url);

    const apns = await connectApns(health.apns.sandbox, caPem);
    const jwt = await providerToken(key.P8, key.KeyId, key.TeamId, Math.floor(Date.now() / 1000));
    const pushed = await send(apns, `/3/device/${iphone.DeviceToken}`, { authorization: `bearer ${jwt}`, 'apns-topic': 'com.example.app', 'apns-push-type': 'alert' }, '{"aps":{"alert":{"title":"Via APNs","body":"b"}}}');
    expect(pushed.status).toBe(200);

    const { ServiceAccount: sa } = await call<{ ServiceAccount: ServiceAccountJson }>(m, 'POST', '/_sandbox/fcm-projects', { ProjectId: 'workbench-demo' });
    expect(sa.token_uri).toBe(`${m.url}/_fcm/token`);
    const iat = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: 'https://www.googleapis.com/auth/firebase.messaging' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: sa.private_key_id })
      .setIssuer(sa.client_email)
      .setAudience(sa.token_uri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(await importPKCS8(sa.private_key, 'RS256'));
    const tokenRes = await fetch(sa.token_uri, { method: 'POST', body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const fcmRes = await fetch(`${m.url}/v1/projects/${sa.project_id}/messages:send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { token: pixel.DeviceToken, notification: { title: 'Via FCM', body: 'b' } } }),
    });
    expect(fcmRes.status).toBe(200);

    const { Deliveries } = await call<{ Deliveries: { DeviceId: string; Via: string; Title: string }[] }>(m, 'GET', '/_sandbox/deliveries');
    expect(Deliveries.map((d) => [d.DeviceId, d.Via, d.Title])).toEqual([
      [iphone.DeviceId, 'APNS', 'Via APNs'],
      [pixel.DeviceId, 'FCM', 'Via FCM'],
    ]);

    await call(m, 'POST', `/_sandbox/devices/${iphone.DeviceId}/uninstall`);
    const gone = await send(apns, `/3/device/${iphone.DeviceToken}`, { authorization: `bearer ${jwt}`, 'apns-topic': 'com.example.app' });
    expect(gone.status).toBe(410);
    expect(gone.body?.reason).toBe('Unregistered');
    apns.destroy();

    // Restart from the snapshot: the same CA, the issued key still signs, the devices and deliveries are back.
    const snapshot = JSON.parse(JSON.stringify(m.cloud.toJSON())) as unknown;
    const restarted = await mount(snapshot);
    expect(await call<string>(restarted, 'GET', '/_sandbox/ca.pem')).toBe(caPem);
    const again = await connectApns(restarted.cloud.health().apns.sandbox, caPem);
    const newPhone = await call<{ DeviceToken: string }>(restarted, 'POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX', BundleId: 'com.example.app' });
    const answer = await send(again, `/3/device/${newPhone.DeviceToken}`, { authorization: `bearer ${jwt}`, 'apns-topic': 'com.example.app' });
    expect(answer.status).toBe(200);
    again.destroy();
    const restored = await call<{ Deliveries: unknown[] }>(restarted, 'GET', '/_sandbox/deliveries');
    expect(restored.Deliveries).toHaveLength(3);
  });

  it('refuses a snapshot that is not one', async () => {
    await expect(startPushCloud({ baseUrl: 'http://127.0.0.1:1', snapshot: { version: 1 } })).rejects.toThrow();
  });
});
