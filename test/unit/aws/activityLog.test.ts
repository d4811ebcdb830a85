import { describe, expect, it, vi } from 'vitest';
import { ActivityLog, type CallRecord } from '../../../src/main/aws/activityLog';
import { redactTokens, shortenToken } from '../../../src/shared/aws/redact';
import type { ConnectionInfo } from '../../../src/shared/aws/types';

const APNS = '0123456789abcdef'.repeat(4);
const VOIP = 'fedcba9876543210'.repeat(4);
const sandbox: ConnectionInfo = { kind: 'sandbox', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1234' };

const register = (extra: Partial<CallRecord> = {}): CallRecord => ({
  operation: 'RegisterAppInstanceUserEndpoint',
  startedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  durationMs: 42,
  attempts: 1,
  httpStatus: 201,
  requestId: 'req-1',
  input: { AppInstanceUserArn: 'arn:user', EndpointAttributes: { DeviceToken: APNS, VoipDeviceToken: VOIP }, Type: 'APNS' },
  output: { $metadata: { httpStatusCode: 201 }, AppInstanceUserArn: 'arn:user', EndpointId: 'e1' },
  ...extra,
});

describe('redaction', () => {
  it('keeps the first and last four characters of a token, masks short ones', () => {
    expect(shortenToken(APNS)).toBe('0123…cdef');
    expect(shortenToken('short')).toBe('••••');
  });

  it('redacts nested and listed tokens in a copy', () => {
    const value = { Endpoint: { EndpointAttributes: { DeviceToken: APNS } }, List: [{ VoipDeviceToken: VOIP }] };
    expect(redactTokens(value)).toEqual({ Endpoint: { EndpointAttributes: { DeviceToken: '0123…cdef' } }, List: [{ VoipDeviceToken: 'fedc…3210' }] });
    expect(value.Endpoint.EndpointAttributes.DeviceToken).toBe(APNS);
  });
});

describe('ActivityLog', () => {
  it('records redacted entries and keeps the raw input for reveal', () => {
    const log = new ActivityLog();
    const entry = log.record(register(), sandbox);
    expect(entry).toEqual({
      id: 1,
      operation: 'RegisterAppInstanceUserEndpoint',
      startedAt: '2025-01-02T03:04:05.000Z',
      durationMs: 42,
      attempts: 1,
      httpStatus: 201,
      requestId: 'req-1',
      input: { AppInstanceUserArn: 'arn:user', EndpointAttributes: { DeviceToken: '0123…cdef', VoipDeviceToken: 'fedc…3210' }, Type: 'APNS' },
      output: { AppInstanceUserArn: 'arn:user', EndpointId: 'e1' },
      connection: sandbox,
    });
    expect(log.rawInput(1)).toMatchObject({ EndpointAttributes: { DeviceToken: APNS, VoipDeviceToken: VOIP } });
    const exported = log.export();
    expect(exported).not.toContain(APNS);
    expect(exported).not.toContain(VOIP);
    expect(JSON.parse(exported).entries).toHaveLength(1);
  });

  it('redacts tokens in outputs too (DescribeAppInstanceUserEndpoint)', () => {
    const log = new ActivityLog();
    const entry = log.record(
      register({ operation: 'DescribeAppInstanceUserEndpoint', input: {}, output: { AppInstanceUserEndpoint: { EndpointAttributes: { DeviceToken: APNS } } } }),
      sandbox,
    );
    expect(JSON.stringify(entry)).not.toContain(APNS);
  });

  it('is bounded, dropping the oldest entries with their raw input', () => {
    const log = new ActivityLog({ capacity: 2 });
    for (let i = 0; i < 3; i++) log.record(register(), sandbox);
    expect(log.entries().map((e) => e.id)).toEqual([2, 3]);
    expect(log.rawInput(1)).toBeUndefined();
    expect(log.get(3)?.id).toBe(3);
  });

  it('tells listeners about new entries until they unsubscribe', () => {
    const log = new ActivityLog();
    const listener = vi.fn();
    const off = log.onEntry(listener);
    log.record(register({ error: { code: 'NotFoundException', message: 'no', retryable: false, httpStatus: 404 } }), sandbox);
    off();
    log.record(register(), sandbox);
    expect(listener).toHaveBeenCalledOnce();
    expect(listener.mock.calls[0]?.[0]).toMatchObject({ error: { code: 'NotFoundException' } });
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
