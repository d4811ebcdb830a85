/** The pure parts of "Compare with Chime": the words compared, which sandbox record is this push's, the verdict. */
import { describe, expect, it } from 'vitest';
import {
  chimeDeliveryOf,
  compareMessageOf,
  compareVerdict,
  type ChimeSide,
  type DirectSide,
} from '../../../src/shared/push/compareWithChime';
import type { LastDelivery } from '../../../src/shared/push/deliveries';

const delivered = (time: number, via: 'CHIME' | 'APNS' = 'CHIME'): LastDelivery => ({
  kind: 'delivered',
  time,
  title: 'Hi',
  via,
  pushType: 'alert',
  deviceId: 'd',
});
const failed = (time: number, messageId?: string): LastDelivery => ({
  kind: 'failed',
  time,
  reason: 'BadDeviceToken',
  deactivated: true,
  ...(messageId && { messageId }),
});
const ok: DirectSide = {
  outcome: { service: 'apns', ok: true, status: 200, host: 'h', credentialLabel: 'k' },
};
const refused: DirectSide = {
  outcome: { service: 'apns', ok: false, status: 400, reason: 'BadDeviceToken', host: 'h', credentialLabel: 'k' },
};
const sent = (delivery: Extract<ChimeSide, { kind: 'sent' }>['delivery']): ChimeSide => ({ kind: 'sent', messageId: 'm', delivery });

describe('compareMessageOf', () => {
  it('takes the APNs alert or the FCM notification, and VOIP for a voip push', () => {
    expect(compareMessageOf('apns', { aps: { alert: { title: 'T', body: 'B' } } }, false)).toEqual({
      ok: true,
      value: { title: 'T', body: 'B', pushType: 'DEFAULT' },
    });
    expect(compareMessageOf('fcm', { notification: { title: 'T', body: 'B' } }, false).ok).toBe(true);
    expect(compareMessageOf('apns', { aps: { alert: { title: 'T', body: 'B' } } }, true)).toMatchObject({
      value: { pushType: 'VOIP' },
    });
  });

  it('refuses a payload without both words, or longer than Chime takes', () => {
    expect(compareMessageOf('apns', { aps: { alert: 'just a string' } }, false)).toMatchObject({ ok: false });
    expect(compareMessageOf('fcm', { data: { a: '1' } }, false)).toMatchObject({
      ok: false,
      message: expect.stringContaining('notification'),
    });
    expect(compareMessageOf('apns', { aps: { alert: { title: 'x'.repeat(51), body: 'B' } } }, false)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Title is at most 50 characters'),
    });
  });
});

describe('chimeDeliveryOf', () => {
  it('keeps only a record that is new, Chime’s, and (for a failure) this message’s', () => {
    expect(chimeDeliveryOf(undefined, undefined, 'm')).toBe('none');
    expect(chimeDeliveryOf(delivered(1), delivered(1), 'm')).toBe('none');
    expect(chimeDeliveryOf(delivered(1), delivered(2), 'm')).toEqual(delivered(2));
    expect(chimeDeliveryOf(undefined, delivered(2, 'APNS'), 'm')).toBe('none');
    expect(chimeDeliveryOf(undefined, failed(2, 'm'), 'm')).toEqual(failed(2, 'm'));
    expect(chimeDeliveryOf(undefined, failed(2, 'other'), 'm')).toBe('none');
  });
});

describe('compareVerdict', () => {
  it('says on which side the failure lies', () => {
    expect(compareVerdict('apns', sent(failed(1)), ok)).toBe(
      "Apple accepted the direct push but Chime's failed: the problem is on the Chime/Pinpoint side — run Check push readiness.",
    );
    expect(compareVerdict('fcm', sent('none'), ok)).toContain("Google accepted the direct push but Chime's did not reach");
    expect(compareVerdict('apns', sent(delivered(1)), refused)).toContain("Chime's push was delivered but Apple refused");
    expect(compareVerdict('apns', sent(delivered(1)), ok)).toContain('Both arrived');
    expect(compareVerdict('apns', sent(failed(1)), refused)).toContain('Both failed');
    expect(
      compareVerdict('apns', { kind: 'notSent', error: { code: 'X', message: 'm', retryable: false } }, { failure: { code: 'Y', message: 'n', retryable: false } }),
    ).toContain('Both failed');
    expect(compareVerdict('apns', sent('unknown'), ok)).toContain('look at the device');
    expect(compareVerdict('apns', sent('unknown'), refused)).toContain('Apple refused the direct push');
  });
});
