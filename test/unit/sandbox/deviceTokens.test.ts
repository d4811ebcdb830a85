import { describe, expect, test } from 'vitest';
import {
  classifyDeviceToken,
  isPinpointAppArn,
  isSnsPlatformApplicationArn,
  isTruncatedXcodeDescription,
  isPlausibleDeviceToken,
  normalizeApnsToken,
  parsePinpointAppArn,
  predictEndpointStatusReason,
} from '../../../src/shared/chime/deviceTokens';
import { APNS_TOKEN, FCM_TOKEN, PINPOINT_ARN } from './support';

describe('device tokens', () => {
  test('normalizeApnsToken accepts what Xcode prints', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(normalizeApnsToken(`<${hex.match(/.{8}/g)?.join(' ')}>`)).toBe(hex);
    expect(normalizeApnsToken(`{length = 32, bytes = 0x${hex.toUpperCase()}}`)).toBe(hex);
    // A truncated description cannot become a token.
    expect(classifyDeviceToken('{length = 32, bytes = 0x01234567 89abcdef ... 01234567 89abcdef }')).toBe('unknown');
  });

  test('classify and plausibility by type', () => {
    expect(classifyDeviceToken(APNS_TOKEN)).toBe('apns');
    expect(classifyDeviceToken(FCM_TOKEN)).toBe('fcm');
    expect(classifyDeviceToken('hello')).toBe('unknown');
    expect(isPlausibleDeviceToken('APNS', APNS_TOKEN)).toBe(true);
    expect(isPlausibleDeviceToken('APNS_SANDBOX', APNS_TOKEN.slice(2))).toBe(false);
    expect(isPlausibleDeviceToken('APNS', `<${APNS_TOKEN}>`)).toBe(false);
    expect(isPlausibleDeviceToken('GCM', FCM_TOKEN)).toBe(true);
    expect(isPlausibleDeviceToken('GCM', APNS_TOKEN)).toBe(false);
  });

  test("Xcode's truncated NSData description is recognised as such", () => {
    expect(isTruncatedXcodeDescription('{length = 32, bytes = 0x01234567 89abcdef ... 01234567 89abcdef }')).toBe(true);
    expect(isTruncatedXcodeDescription('{length = 32, bytes = 0x0123…cdef}')).toBe(true);
    expect(isTruncatedXcodeDescription(`{length = 32, bytes = 0x${'ab'.repeat(32)}}`)).toBe(false);
  });

  test('Pinpoint app ARNs', () => {
    expect(isPinpointAppArn(PINPOINT_ARN)).toBe(true);
    expect(parsePinpointAppArn(PINPOINT_ARN)).toEqual({ partition: 'aws', region: 'us-east-1', accountId: '000000000000', appId: '0123456789abcdef0123456789abcdef' });
    expect(isPinpointAppArn('arn:aws:sns:us-east-1:000000000000:app/APNS/x')).toBe(false);
    expect(isSnsPlatformApplicationArn('arn:aws:sns:us-east-1:000000000000:app/APNS/x')).toBe(true);
    expect(isSnsPlatformApplicationArn(PINPOINT_ARN)).toBe(false);
    expect(isPinpointAppArn('arn:aws:mobiletargeting:us-east-1:000000000000:apps/short')).toBe(false);
  });

  test('predictEndpointStatusReason checks the ARN first, then the tokens', () => {
    const base = { type: 'APNS' as const, resourceArn: PINPOINT_ARN, deviceToken: APNS_TOKEN };
    expect(predictEndpointStatusReason(base)).toBeUndefined();
    expect(predictEndpointStatusReason({ ...base, resourceArn: 'arn:aws:x:y:z:w', deviceToken: 'bad' })).toBe('INVALID_PINPOINT_ARN');
    expect(predictEndpointStatusReason({ ...base, voipDeviceToken: 'bad' })).toBe('INVALID_DEVICE_TOKEN');
  });
});
