import { describe, expect, it } from 'vitest';
import { classifyDeviceToken, isPlausibleDeviceToken } from '../../../src/shared/chime/deviceTokens';
import { DeviceRegistry, handleDevicesControl, type DeviceRecord } from '../../../src/main/sandbox/devices';
import { handleCaControl, SandboxCa } from '../../../src/main/sandbox/emulators/ca';

function setup(options: ConstructorParameters<typeof DeviceRegistry>[0] = {}) {
  let clock = Date.parse('2026-11-30T12:00:00Z');
  let changes = 0;
  const devices = new DeviceRegistry({ now: () => clock, onChange: () => (changes += 1), ...options });
  const call = (method: string, target: string, body: unknown = '') => handleDevicesControl(devices, method, target, typeof body === 'string' ? body : JSON.stringify(body));
  return { devices, call, tick: (ms: number) => (clock += ms), changes: () => changes };
}

describe('simulated devices', () => {
  it('creates APNs devices with 64-hex tokens (and a VoIP token when asked) that the app accepts for APNs only', () => {
    const { call } = setup();
    for (const Platform of ['APNS', 'APNS_SANDBOX'] as const) {
      const answer = call('POST', '/_sandbox/devices', { Platform, Name: 'iPhone', Voip: true, BundleId: 'com.example.app' });
      expect(answer?.status).toBe(200);
      const device = answer?.body as unknown as DeviceRecord;
      expect(device).toMatchObject({ DeviceId: expect.any(String), Platform, Name: 'iPhone', Voip: true, BundleId: 'com.example.app' });
      expect(device.DeviceToken).toMatch(/^[0-9a-f]{64}$/);
      expect(device.VoipDeviceToken).toMatch(/^[0-9a-f]{64}$/);
      expect(device.VoipDeviceToken).not.toBe(device.DeviceToken);
      expect(isPlausibleDeviceToken(Platform, device.DeviceToken)).toBe(true);
      expect(isPlausibleDeviceToken('GCM', device.DeviceToken)).toBe(false);
    }
  });

  it('creates FCM devices with tokens shaped like FCM registration tokens, without a VoIP token', () => {
    const { call } = setup();
    const device = call('POST', '/_sandbox/devices', { Platform: 'GCM', Name: 'Pixel', ProjectId: 'workbench-demo' })?.body as unknown as DeviceRecord;
    expect(device.DeviceToken).toMatch(/^[A-Za-z0-9_-]{22}:APA91b[A-Za-z0-9_-]{128}$/);
    expect(classifyDeviceToken(device.DeviceToken)).toBe('fcm');
    expect(isPlausibleDeviceToken('GCM', device.DeviceToken)).toBe(true);
    expect(isPlausibleDeviceToken('APNS', device.DeviceToken)).toBe(false);
    expect(device.VoipDeviceToken).toBeUndefined();
    expect(device.ProjectId).toBe('workbench-demo');
  });

  it('names a device when no Name is given (the CLI sends none)', () => {
    const { call } = setup();
    expect((call('POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX' })?.body as { Name: string }).Name).toBeTruthy();
  });

  it.each([
    ['no Platform', { Name: 'x' }],
    ['an unknown Platform', { Platform: 'WNS', Name: 'x' }],
    ['Voip on an FCM device', { Platform: 'GCM', Name: 'x', Voip: true }],
    ['ProjectId on an APNs device', { Platform: 'APNS', Name: 'x', ProjectId: 'workbench-demo' }],
    ['a bad bundle id', { Platform: 'APNS', Name: 'x', BundleId: 'com example' }],
    ['Voip as a string', { Platform: 'APNS', Name: 'x', Voip: 'yes' }],
    ['an unknown member', { Platform: 'APNS', Name: 'x', Token: 'abc' }],
    ['an empty name', { Platform: 'APNS', Name: '  ' }],
    ['invalid JSON', '{"Platform":'],
    ['a JSON array', '[]'],
  ])('answers 400 BadRequestException for %s', (_label, body) => {
    const { call, devices } = setup();
    const answer = call('POST', '/_sandbox/devices', body);
    expect(answer?.status).toBe(400);
    expect(answer?.headers?.['x-amzn-ErrorType']).toBe('BadRequestException');
    expect(answer?.body).toMatchObject({ Code: 'BadRequest', Message: expect.any(String) });
    expect(devices.list()).toEqual([]);
  });

  it('lists devices and finds them by either token, with platform and environment', () => {
    const { call, devices } = setup();
    const dev = call('POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: 'dev', Voip: true })?.body as unknown as DeviceRecord;
    const android = call('POST', '/_sandbox/devices', { Platform: 'GCM', Name: 'android' })?.body as unknown as DeviceRecord;
    expect((call('GET', '/_sandbox/devices')?.body as { Devices: DeviceRecord[] }).Devices.map((d) => d.DeviceId)).toEqual([dev.DeviceId, android.DeviceId]);
    expect(devices.findByToken(dev.DeviceToken.toUpperCase())).toMatchObject({ voip: false, device: { DeviceId: dev.DeviceId } });
    expect(devices.findByToken(dev.VoipDeviceToken ?? '')).toMatchObject({ voip: true });
    expect(devices.findApnsToken(dev.DeviceToken, 'sandbox')?.device.DeviceId).toBe(dev.DeviceId);
    expect(devices.findApnsToken(dev.DeviceToken, 'production')).toBeUndefined();
    expect(devices.findFcmToken(android.DeviceToken)?.device.DeviceId).toBe(android.DeviceId);
    expect(devices.findFcmToken(dev.DeviceToken)).toBeUndefined();
  });

  it('matches a Chime endpoint token only to a device of its platform and environment, VoIP tokens for VOIP only', () => {
    const { devices } = setup();
    const dev = devices.create({ Platform: 'APNS_SANDBOX', Name: 'dev', Voip: true });
    const android = devices.create({ Platform: 'GCM', Name: 'android' });
    expect(devices.findEndpointToken('APNS_SANDBOX', dev.DeviceToken)?.device.DeviceId).toBe(dev.DeviceId);
    expect(devices.findEndpointToken('APNS', dev.DeviceToken)).toBeUndefined();
    expect(devices.findEndpointToken('APNS_SANDBOX', dev.VoipDeviceToken ?? '', true)?.voip).toBe(true);
    expect(devices.findEndpointToken('APNS_SANDBOX', dev.DeviceToken, true)).toBeUndefined();
    expect(devices.findEndpointToken('APNS_SANDBOX', dev.VoipDeviceToken ?? '')).toBeUndefined();
    expect(devices.findEndpointToken('GCM', android.DeviceToken)?.device.DeviceId).toBe(android.DeviceId);
    expect(devices.findEndpointToken('APNS', android.DeviceToken)).toBeUndefined();
  });

  it('records a Chime push with the Pinpoint keys a device gets', () => {
    const { devices } = setup();
    const android = devices.create({ Platform: 'GCM', Name: 'android' });
    const match = devices.findEndpointToken('GCM', android.DeviceToken);
    if (!match) throw new Error('no match');
    const record = devices.recordChimeDelivery({ match, type: 'DEFAULT', title: 'T', body: 'B', messageId: 'm1', channelArn: 'arn:c' });
    expect(record).toMatchObject({ Via: 'CHIME', PushType: 'DEFAULT', Title: 'T', Body: 'B', DeviceToken: android.DeviceToken });
    const data = (record.Payload as { data: Record<string, string> }).data;
    expect(data['pinpoint.notification.title']).toBe('T');
    expect(JSON.parse(data['pinpoint.jsonBody'] ?? '{}')).toEqual({ 'chime.message_id': 'm1', 'chime.channel_arn': 'arn:c' });
  });

  it('uninstalls a device once (the first time is kept), and answers 404 for an unknown one', () => {
    const { call, tick } = setup();
    const dev = call('POST', '/_sandbox/devices', { Platform: 'APNS', Name: 'dev' })?.body as unknown as DeviceRecord;
    const first = call('POST', `/_sandbox/devices/${dev.DeviceId}/uninstall`);
    expect(first).toMatchObject({ status: 200, body: { DeviceId: dev.DeviceId, UninstalledAt: '2026-11-30T12:00:00.000Z' } });
    tick(5000);
    expect((call('POST', `/_sandbox/devices/${dev.DeviceId}/uninstall`)?.body as { UninstalledAt: string }).UninstalledAt).toBe('2026-11-30T12:00:00.000Z');
    const missing = call('POST', '/_sandbox/devices/device-nope/uninstall');
    expect(missing?.status).toBe(404);
    expect(missing?.headers?.['x-amzn-ErrorType']).toBe('NotFoundException');
  });

  it('keeps deliveries newest last, filters them, and drops the oldest beyond the bound', () => {
    const { call, devices, tick } = setup({ maxDeliveries: 3 });
    for (let i = 1; i <= 4; i += 1) {
      tick(1000);
      devices.recordDelivery({ DeviceId: i % 2 ? 'a' : 'b', DeviceToken: 't', Via: i === 4 ? 'FCM' : 'APNS', PushType: 'alert', Title: `n${i}`, Body: '', Payload: {} });
    }
    const all = (call('GET', '/_sandbox/deliveries')?.body as { Deliveries: { Title: string; Time: string; DeliveryId: string }[] }).Deliveries;
    expect(all.map((d) => d.Title)).toEqual(['n2', 'n3', 'n4']);
    expect(all[0]?.Time).toBe('2026-11-30T12:00:02.000Z');
    expect(new Set(all.map((d) => d.DeliveryId)).size).toBe(3);
    const titles = (target: string) => (call('GET', target)?.body as { Deliveries: { Title: string }[] }).Deliveries.map((d) => d.Title);
    expect(titles('/_sandbox/deliveries?DeviceId=a')).toEqual(['n3']);
    expect(titles('/_sandbox/deliveries?Title=n4')).toEqual(['n4']);
    expect(titles('/_sandbox/deliveries?Via=APNS')).toEqual(['n2', 'n3']);
    expect(call('GET', '/_sandbox/deliveries?Via=SMS')?.status).toBe(400);
  });

  it('keeps failures as EventBridge-shaped events', () => {
    const { call, devices } = setup();
    devices.recordFailureEvent({ account: '000000000000', region: 'us-east-1', resources: ['arn:aws:chime:us-east-1:000000000000:app-instance/x/user/u'], detail: { failureReason: 'x' } });
    const events = (call('GET', '/_sandbox/events')?.body as { Events: Record<string, unknown>[] }).Events;
    expect(events).toEqual([
      {
        version: '0',
        id: expect.any(String),
        'detail-type': 'Chime Messaging AppInstanceUserEndpoint Delivery Failure',
        source: 'aws.chime',
        account: '000000000000',
        time: '2026-11-30T12:00:00Z',
        region: 'us-east-1',
        resources: ['arn:aws:chime:us-east-1:000000000000:app-instance/x/user/u'],
        detail: { failureReason: 'x' },
      },
    ]);
  });

  it('round-trips through toJSON/fromJSON and refuses what is not a snapshot', () => {
    const { call, devices, changes } = setup();
    const dev = call('POST', '/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: 'dev', Voip: true })?.body as unknown as DeviceRecord;
    devices.recordDelivery({ DeviceId: dev.DeviceId, DeviceToken: dev.DeviceToken, Via: 'CHIME', PushType: 'DEFAULT', Title: 't', Body: 'b', Payload: { a: 1 } });
    devices.recordFailureEvent({ account: '000000000000', region: 'us-east-1', resources: [], detail: {} });
    expect(changes()).toBe(3);
    const restored = DeviceRegistry.fromJSON(JSON.parse(JSON.stringify(devices)));
    expect(restored.toJSON()).toEqual(devices.toJSON());
    expect(restored.findByToken(dev.VoipDeviceToken ?? '')?.voip).toBe(true);
    expect(() => DeviceRegistry.fromJSON({ version: 2 })).toThrow();
    expect(() => DeviceRegistry.fromJSON({ version: 1, devices: [{ DeviceId: 'x' }], deliveries: [], events: [] })).toThrow();
  });

  it('leaves other routes to the sandbox', () => {
    const { call } = setup();
    expect(call('GET', '/_sandbox/health')).toBeUndefined();
    expect(call('DELETE', '/_sandbox/devices')).toBeUndefined();
    expect(call('GET', '/_sandbox/devices/x/uninstall')).toBeUndefined();
  });
});

describe('sandbox CA', () => {
  it('serves its certificate at GET /_sandbox/ca.pem and survives toJSON/fromJSON with the same server certificate', () => {
    const ca = SandboxCa.create();
    const answer = handleCaControl(ca, 'GET', '/_sandbox/ca.pem');
    expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: ca.certPem });
    expect(ca.certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(handleCaControl(ca, 'POST', '/_sandbox/ca.pem')).toBeUndefined();
    const server = ca.serverCredentials();
    const restored = SandboxCa.fromJSON(JSON.parse(JSON.stringify(ca)));
    expect(restored.certPem).toBe(ca.certPem);
    expect(restored.serverCredentials()).toEqual(server);
    expect(restored.signed(server.cert)).toBe(true);
    expect(SandboxCa.create().signed(server.cert)).toBe(false);
  });
});
