import { describe, expect, it } from 'vitest';
import {
  APNS_PUSH_TYPES,
  apnsTopicFor,
  directPushSchema,
  parsePayloadText,
  savedPayloadSchema,
} from '../../../../src/shared/push/directPush';
import { APNS_ADVICE, FCM_ADVICE, apnsAdvice } from '../../../../src/shared/push/directPushAdvice';

describe('direct push schema', () => {
  it('adds the topic suffix each push type needs (push-wire-reference §1), once', () => {
    const topics = Object.fromEntries(APNS_PUSH_TYPES.map((t) => [t, apnsTopicFor('com.x', t)]));
    expect(topics).toEqual({
      alert: 'com.x',
      background: 'com.x',
      voip: 'com.x.voip',
      location: 'com.x.location-query',
      complication: 'com.x.complication',
      fileprovider: 'com.x.pushkit.fileprovider',
      mdm: 'com.x',
      liveactivity: 'com.x.push-type.liveactivity',
      pushtotalk: 'com.x.voip-ptt',
      widgets: 'com.x.push-type.widgets',
      controls: 'com.x.push-type.controls',
    });
    expect(apnsTopicFor('com.x.voip', 'voip')).toBe('com.x.voip');
  });

  it('defaults the push type to alert and checks priority against it', () => {
    const base = {
      service: 'apns',
      token: 'AB'.repeat(32),
      auth: { kind: 'token', keyFile: '/k.p8', keyId: 'ABCDE12345', teamId: 'TEAM123456' },
      topic: 'com.x',
      environment: 'sandbox',
      payload: { aps: {} },
    };
    expect(directPushSchema.parse(base)).toMatchObject({ pushType: 'alert' });
    expect(directPushSchema.safeParse({ ...base, pushType: 'background', priority: 5 }).success).toBe(true);
    expect(directPushSchema.safeParse({ ...base, pushType: 'background', priority: 1 }).success).toBe(false);
    expect(directPushSchema.safeParse({ ...base, pushType: 'pushtotalk', priority: 5 }).success).toBe(false);
    expect(directPushSchema.safeParse({ ...base, priority: 7 }).success).toBe(false);
    expect(directPushSchema.safeParse({ ...base, service: 'webpush' }).success).toBe(false);
  });

  it('parses the payload editor’s text into an object, or says why not', () => {
    expect(parsePayloadText('{"aps":{"alert":"hi"}}')).toEqual({ ok: true, value: { aps: { alert: 'hi' } } });
    expect(parsePayloadText('{"aps":')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The payload is not valid JSON/),
    });
    expect(parsePayloadText('[1]')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must be a JSON object/),
    });
  });

  it('saved payloads: a name, a payload within the limit of its push type', () => {
    expect(
      savedPayloadSchema.safeParse({
        name: 'Incoming call',
        service: 'apns',
        pushType: 'voip',
        payload: { aps: {}, c: 'x'.repeat(5000) },
      }).success,
    ).toBe(true);
    expect(
      savedPayloadSchema.safeParse({
        name: 'Too big alert',
        service: 'apns',
        pushType: 'alert',
        payload: { aps: {}, c: 'x'.repeat(5000) },
      }).success,
    ).toBe(false);
    expect(savedPayloadSchema.safeParse({ name: ' ', service: 'fcm', payload: {} }).success).toBe(false);
    expect(savedPayloadSchema.safeParse({ name: 'fcm', service: 'fcm', pushType: 'alert', payload: {} }).success).toBe(
      false,
    );
  });
});

describe('advice table', () => {
  it('has a row for every APNs reason and FCM error code of the wire reference', () => {
    const apnsReasons = [
      'BadCollapseId',
      'BadDeviceToken',
      'BadExpirationDate',
      'BadMessageId',
      'BadPriority',
      'BadTopic',
      'DeviceTokenNotForTopic',
      'DuplicateHeaders',
      'IdleTimeout',
      'InvalidPushType',
      'MissingDeviceToken',
      'MissingTopic',
      'PayloadEmpty',
      'TopicDisallowed',
      'BadCertificate',
      'BadCertificateEnvironment',
      'ExpiredProviderToken',
      'Forbidden',
      'InvalidProviderToken',
      'MissingProviderToken',
      'UnrelatedKeyIdInToken',
      'BadEnvironmentKeyIdInToken',
      'BadPath',
      'MethodNotAllowed',
      'ExpiredToken',
      'Unregistered',
      'PayloadTooLarge',
      'TooManyProviderTokenUpdates',
      'TooManyRequests',
      'InternalServerError',
      'ServiceUnavailable',
      'Shutdown',
    ];
    expect(apnsReasons.filter((r) => !(r in APNS_ADVICE))).toEqual([]);
    const fcmCodes = [
      'UNSPECIFIED_ERROR',
      'INVALID_ARGUMENT',
      'THIRD_PARTY_AUTH_ERROR',
      'SENDER_ID_MISMATCH',
      'UNREGISTERED',
      'QUOTA_EXCEEDED',
      'INTERNAL',
      'UNAVAILABLE',
      'UNAUTHENTICATED',
      'PERMISSION_DENIED',
    ];
    expect(fcmCodes.filter((c) => !(c in FCM_ADVICE))).toEqual([]);
  });

  it('gives unknown reasons a generic row rather than nothing', () => {
    expect(apnsAdvice('SomethingNew').explanation).toMatch(/SomethingNew/);
  });
});
