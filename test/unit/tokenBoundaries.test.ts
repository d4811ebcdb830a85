/**
 * Issue 10: the device-token rules at their boundaries, everywhere they are
 * used: the shared rule (deviceTokens.ts), the IPC-visible prediction (the
 * form linter's cases are in src/renderer/…/registration/tokenBoundaries.test.ts), and the sandbox's EndpointState simulation through
 * the real SDK. A rule that accepted 63 or 65 hex characters for APNs passed
 * every test before.
 */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDeviceToken, isPlausibleDeviceToken, normalizeApnsToken, predictEndpointStatusReason } from '../../src/shared/chime/deviceTokens';
import { FCM_TOKEN, PINPOINT_ARN, startTestSandbox, type TestSandbox } from './sandbox/support';

const hex = (n: number) => 'a1b2c3d4e5f6'.repeat(Math.ceil(n / 12) + 1).slice(0, n);
const APNS_CASES: Array<[string, number, boolean]> = [
  ['empty', 0, false],
  ['one character', 1, false],
  ['62 (whole bytes, too short)', 62, false],
  ['63 (odd)', 63, false],
  ['64', 64, true],
  ['65 (odd)', 65, false],
  ['66 (whole bytes, too long)', 66, false],
  ['127 (odd)', 127, false],
  ['128 (whole bytes, too long)', 128, false],
];

describe('APNs token boundaries in the shared rule', () => {
  it.each(APNS_CASES)('%s hex characters: plausible = %s', (_name, n, ok) => {
    for (const type of ['APNS', 'APNS_SANDBOX'] as const) expect(isPlausibleDeviceToken(type, hex(n))).toBe(ok);
    expect(classifyDeviceToken(hex(n)) === 'apns').toBe(ok);
    expect(predictEndpointStatusReason({ type: 'APNS', resourceArn: PINPOINT_ARN, deviceToken: hex(n) })).toBe(ok ? undefined : 'INVALID_DEVICE_TOKEN');
    // The VoIP token follows the same rule.
    expect(predictEndpointStatusReason({ type: 'APNS', resourceArn: PINPOINT_ARN, deviceToken: hex(64), voipDeviceToken: hex(n) })).toBe(
      ok ? undefined : 'INVALID_DEVICE_TOKEN',
    );
  });

  it('keeps a 63-hex token invalid when pasted as an NSData description', () => {
    expect(isPlausibleDeviceToken('APNS', normalizeApnsToken(`{length = 32, bytes = 0x${hex(63)}}`))).toBe(false);
    expect(isPlausibleDeviceToken('APNS', normalizeApnsToken(`{length = 32, bytes = 0x${hex(64)}}`))).toBe(true);
  });

  it('refuses an empty or short GCM token', () => {
    expect(isPlausibleDeviceToken('GCM', '')).toBe(false);
    expect(isPlausibleDeviceToken('GCM', 'abc:def')).toBe(false);
    expect(isPlausibleDeviceToken('GCM', FCM_TOKEN)).toBe(true);
  });
});

describe('APNs token boundaries in the sandbox EndpointState simulation', () => {
  let t: TestSandbox;
  let clock = 1_700_000_000_000;
  let userArn = '';
  beforeAll(async () => {
    t = await startTestSandbox({ now: () => clock, validationDelayMs: 1000 });
    const { AppInstanceArn } = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Boundaries' }));
    userArn = (await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'b', Name: 'B' }))).AppInstanceUserArn ?? '';
  });
  afterAll(() => t?.close());

  it('turns every APNs token but 64 hex characters INACTIVE with INVALID_DEVICE_TOKEN', async () => {
    const ids = new Map<number, string>();
    for (const [, n] of APNS_CASES.filter(([, n]) => n > 0)) {
      const out = await t.client.send(
        new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: hex(n) } }),
      );
      ids.set(n, out.EndpointId ?? '');
    }
    clock += 1000;
    for (const [, n, ok] of APNS_CASES.filter(([, n]) => n > 0)) {
      const state = (await t.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: ids.get(n)! })))
        .AppInstanceUserEndpoint?.EndpointState;
      expect(state, `${n} hex`).toEqual(ok ? { Status: 'ACTIVE' } : { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
    }
  });

  it('refuses an empty device token as the model does (length 1 at least)', async () => {
    await expect(
      t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: '' } })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});
