import { describe, expect, it } from 'vitest';
import {
  comparableToken,
  hasErrors,
  lintDeviceToken,
  lintEndpointName,
  lintPinpointArn,
  lintRegistration,
  type RegistrationForm,
} from './tokenLinter';

const HEX64 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e9f0e';
const FCM = `dQw4w9WgXcQ:APA91bH${'x'.repeat(140)}`;
const APP_ARN = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef';

describe('lintDeviceToken (APNs types)', () => {
  it('accepts a 64-character hex token as it is', () => {
    expect(lintDeviceToken('APNS', HEX64)).toEqual({ value: HEX64 });
  });

  it('normalises spaces, angle brackets and upper case, and says what it sends', () => {
    const spaced = `<${HEX64.toUpperCase().match(/.{8}/g)?.join(' ')}>`;
    const lint = lintDeviceToken('APNS_SANDBOX', spaced);
    expect(lint.value).toBe(HEX64);
    expect(lint.error).toBeUndefined();
    expect(lint.hint).toBe(`Normalised to ${HEX64}`);
  });

  it('normalises the iOS 13 {length=32,bytes=0x…} description', () => {
    const lint = lintDeviceToken('APNS', `{length = 32, bytes = 0x${HEX64}}`);
    expect(lint.value).toBe(HEX64);
    expect(lint.error).toBeUndefined();
  });

  it('refuses a truncated description instead of guessing the missing bytes', () => {
    expect(lintDeviceToken('APNS', '{length = 32, bytes = 0xa1b2c3d4 ... 9f0e1234 }').error).toMatch(/truncated/);
  });

  it('calls out an FCM token on an APNs endpoint', () => {
    expect(lintDeviceToken('APNS', FCM).error).toBe('This looks like an FCM registration token; choose GCM.');
  });

  it('refuses non-hex characters and odd lengths, and only warns about an unusual even length', () => {
    expect(lintDeviceToken('APNS', 'not-a-token').error).toMatch(/hexadecimal/);
    expect(lintDeviceToken('APNS', 'abc').error).toMatch(/even number/);
    const short = lintDeviceToken('APNS', HEX64.slice(0, 32));
    expect(short.error).toBeUndefined();
    expect(short.warning).toMatch(/normally 64 hex characters .* this one has 32/);
  });

  it('requires a device token but not a VoIP token', () => {
    expect(lintDeviceToken('APNS', '  ').error).toBe('Enter the device token.');
    expect(lintDeviceToken('APNS', '', { voip: true })).toEqual({ value: '' });
  });
});

describe('lintDeviceToken (GCM)', () => {
  it('accepts an FCM registration token', () => {
    expect(lintDeviceToken('GCM', FCM)).toEqual({ value: FCM });
  });

  it('calls out an APNs token on a GCM endpoint, in any pasted form', () => {
    expect(lintDeviceToken('GCM', HEX64).error).toBe('This looks like an APNs token; choose APNS or APNS_SANDBOX.');
    expect(lintDeviceToken('GCM', `<${HEX64}>`).error).toBe(
      'This looks like an APNs token; choose APNS or APNS_SANDBOX.',
    );
  });

  it('refuses something that is neither', () => {
    expect(lintDeviceToken('GCM', 'short:token').error).toMatch(/FCM registration token looks like/);
  });
});

describe('lintPinpointArn', () => {
  const context = { region: 'us-east-1', account: '000000000000' };

  it('accepts an app ARN in the connection region and account', () => {
    expect(lintPinpointArn(` ${APP_ARN} `, context)).toEqual({ value: APP_ARN });
  });

  it('tells an ARN of another service from something that is not an ARN', () => {
    expect(lintPinpointArn('arn:aws:sns:us-east-1:000000000000:topic', context).error).toMatch(
      /^This is not a Pinpoint app ARN/,
    );
    expect(lintPinpointArn('hello', context).error).toMatch(/^This is not an ARN/);
    expect(lintPinpointArn('', context).error).toMatch(/^Enter the Pinpoint app ARN/);
  });

  it('refuses an app in another region or account', () => {
    expect(lintPinpointArn(APP_ARN.replace('us-east-1', 'eu-west-1'), context).error).toBe(
      'This Pinpoint app is in eu-west-1, but the connection uses us-east-1.',
    );
    expect(lintPinpointArn(APP_ARN.replace('000000000000', '111111111111'), context).error).toMatch(
      /account 111111111111/,
    );
  });

  it('skips the account check while the account is unknown', () => {
    expect(
      lintPinpointArn(APP_ARN.replace('000000000000', '111111111111'), { region: 'us-east-1' }).error,
    ).toBeUndefined();
  });
});

describe('lintEndpointName', () => {
  it('allows an empty name and uses the model length limit', () => {
    expect(lintEndpointName('  ').error).toBeUndefined();
    expect(lintEndpointName('x'.repeat(1600)).error).toBeUndefined();
    expect(lintEndpointName('x'.repeat(1601)).error).toMatch(/less than or equal to 1600/);
  });
});

describe('lintRegistration', () => {
  const form: RegistrationForm = {
    name: 'iPhone',
    type: 'APNS',
    deviceToken: HEX64,
    voipDeviceToken: '',
    pinpointAppArn: APP_ARN,
    allowMessages: true,
  };
  const context = { region: 'us-east-1', account: '000000000000' };

  it('passes a valid form', () => {
    expect(hasErrors(lintRegistration(form, context, []))).toBe(false);
  });

  it('catches a token the user already has, after normalisation', () => {
    const lint = lintRegistration({ ...form, deviceToken: `<${HEX64.toUpperCase()}>` }, context, [
      { name: 'Old phone', endpointId: 'e1', type: 'APNS_SANDBOX', deviceToken: HEX64 },
    ]);
    expect(lint.deviceToken.error).toBe(
      'This device token is already registered for this user (endpoint "Old phone").',
    );
    expect(hasErrors(lint)).toBe(true);
  });

  it('ignores the VoIP token of a GCM endpoint', () => {
    const lint = lintRegistration({ ...form, type: 'GCM', deviceToken: FCM, voipDeviceToken: 'garbage' }, context, []);
    expect(lint.voipDeviceToken).toEqual({ value: '' });
    expect(hasErrors(lint)).toBe(false);
  });

  it('lints the VoIP token of an APNs endpoint like a device token', () => {
    expect(lintRegistration({ ...form, voipDeviceToken: FCM }, context, []).voipDeviceToken.error).toMatch(
      /choose GCM/,
    );
  });

  it('compares GCM tokens without whitespace and APNs tokens normalised', () => {
    expect(comparableToken('GCM', ' ab\ncd ')).toBe('abcd');
    expect(comparableToken('APNS', '<AB CD>')).toBe('abcd');
    expect(comparableToken('APNS', undefined)).toBe('');
  });
});

describe('platform first (issue 11, items 7 and 13)', () => {
  it('never normalises a token of the other platform, and offers the switch', () => {
    const spacedFcm = ` ${FCM} `;
    const lint = lintDeviceToken('APNS', spacedFcm);
    expect(lint.hint).toBeUndefined();
    expect(lint.value).toBe(FCM);
    expect(lint.otherPlatform).toBe('GCM');
    const back = lintDeviceToken('GCM', `<${HEX64.toUpperCase()}>`);
    expect(back.hint).toBeUndefined();
    expect(back.otherPlatform).toBe('APNS');
  });

  it('names Xcode\'s truncated description without a "Normalised to" line', () => {
    const lint = lintDeviceToken('APNS_SANDBOX', '{length = 32, bytes = 0xA1B2C3D4 E5F60718 ... 7E8F90AB }');
    expect(lint.xcodeTruncated).toBe(true);
    expect(lint.hint).toBeUndefined();
    expect(lint.error).toMatch(/truncated/);
  });

  it('calls an SNS platform-application ARN what it is', () => {
    expect(lintPinpointArn('arn:aws:sns:us-east-1:000000000000:app/GCM/MyAndroidApp', {}).error).toMatch(
      /^This is an SNS ARN, not a Pinpoint app ARN/,
    );
  });
});
