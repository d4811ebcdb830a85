import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InactiveNotifier } from '../../../src/main/watch/inactiveNotifier';
import { TokenBucket } from '../../../src/main/watch/rateLimiter';
import { describeEndpointState } from '../../../src/shared/workspace/endpointStateText';
import type { WatchEvent } from '../../../src/shared/workspace/watch';
import { endpoint, userArn } from './fakeLister';

const flip = (id: string, from = endpoint(id), reason: 'INVALID_DEVICE_TOKEN' | 'INVALID_PINPOINT_ARN' = 'INVALID_DEVICE_TOKEN'): WatchEvent => ({
  kind: 'state-changed',
  userArn: userArn(7),
  endpointId: id,
  at: 1,
  before: from,
  after: endpoint(id, { status: 'INACTIVE', statusReason: reason }),
});

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('InactiveNotifier', () => {
  it('notifies when an endpoint turns INACTIVE, with the reason in plain words, if the setting is on', () => {
    const notify = vi.fn();
    let enabled = true;
    const notifier = new InactiveNotifier({ notify, isEnabled: () => enabled, userLabel: () => 'Alice' });
    notifier.handle(flip('e1'));
    expect(notify).toHaveBeenCalledWith(
      'Endpoint "phone e1" is inactive',
      'Inactive: The push service rejected the device token (it may be from another app, platform or environment, or the app was uninstalled). User: Alice.',
    );
    // Not news: already INACTIVE, a reason change; back to ACTIVE; other kinds.
    notifier.handle(flip('e1', endpoint('e1', { status: 'INACTIVE', statusReason: 'INVALID_PINPOINT_ARN' })));
    notifier.handle({ ...flip('e1'), after: endpoint('e1') });
    notifier.handle({ ...flip('e1'), kind: 'name-changed' });
    expect(notify).toHaveBeenCalledTimes(1);
    enabled = false;
    notifier.handle(flip('e2'));
    expect(notify).toHaveBeenCalledTimes(1);
    notifier.dispose();
  });

  it('turns a burst into three notifications and one summary', () => {
    const notify = vi.fn();
    const notifier = new InactiveNotifier({ notify, isEnabled: () => true });
    for (let i = 0; i < 10; i++) notifier.handle(flip(`e${i}`));
    expect(notify).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(10_000);
    expect(notify).toHaveBeenLastCalledWith('7 more endpoints turned inactive', expect.any(String));
    notifier.handle(flip('later'));
    expect(notify).toHaveBeenCalledTimes(5);
    notifier.dispose();
  });
});

describe('describeEndpointState', () => {
  it('explains each state in plain words', () => {
    expect(describeEndpointState('ACTIVE')).toMatch(/^Active/);
    expect(describeEndpointState('INACTIVE', 'INVALID_PINPOINT_ARN')).toMatch(/Pinpoint app ARN is not valid/);
    expect(describeEndpointState('INACTIVE')).toMatch(/^Inactive/);
    expect(describeEndpointState(undefined)).toBe('State unknown');
  });
});

describe('TokenBucket', () => {
  it('serves waiters in order and lets an aborted waiter go without using a token', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1 });
    const order: string[] = [];
    await bucket.acquire();
    const abort = new AbortController();
    const a = bucket.acquire(abort.signal).then(() => order.push('a'), (e: Error) => order.push(e.name));
    const b = bucket.acquire().then(() => order.push('b'));
    abort.abort();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all([a, b]);
    expect(order).toEqual(['AbortError', 'b']);
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
