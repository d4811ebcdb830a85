import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EndpointWatcher, type EndpointWatcherOptions } from '../../../src/main/watch/endpointWatcher';
import { TokenBucket } from '../../../src/main/watch/rateLimiter';
import type { HistoryEntry, WatchEvent, WatchHealth } from '../../../src/shared/workspace/watch';
import { FakeService, endpoint, userArn } from './fakeLister';

let service: FakeService;
let events: WatchEvent[];
let health: WatchHealth[];

function watcher(options: Partial<EndpointWatcherOptions> = {}): EndpointWatcher {
  const w = new EndpointWatcher({ lister: service.lister, random: () => 0, rateLimiter: new TokenBucket({ ratePerSecond: 1000, burst: 1000 }), ...options });
  w.onEvent((e) => events.push(e));
  w.onHealth((h) => health.push(h));
  return w;
}

const callsIn = (from: number, to: number) => service.calls.filter((c) => c.at >= from && c.at < to);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  service = new FakeService();
  events = [];
  health = [];
});
afterEach(() => vi.useRealTimers());

describe('EndpointWatcher', () => {
  it('retries at once on Retry now while backing off, instead of waiting out the backoff', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    w.setTargets([{ userArn: alice! }]);
    service.throttleNext = 1;
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.health()).toMatchObject({ state: 'backing-off' });
    const next = w.health().nextPollAt!;
    expect(next).toBeGreaterThanOrEqual(30_000);
    const before = service.calls.length;
    expect(w.retryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(service.calls.length).toBe(before + 1);
    expect(w.health()).toMatchObject({ state: 'polling', lastSuccessAt: 10 });
    w.stop();
    expect(w.retryNow()).toBe(false);
  });

  it('diffs a followed endpoint against what the app showed, even when the first poll already sees the verdict', async () => {
    const [alice, bob] = service.addUsers(2, 2);
    const w = watcher();
    // The app registered u0-e1 and shows it ACTIVE; the service has already turned it INACTIVE.
    service.set(alice!, 'u0-e1', { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' });
    w.expect(alice!, endpoint('u0-e1'));
    w.setTargets([{ userArn: alice!, endpointId: 'u0-e1' }, { userArn: bob! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(events.map((e) => [e.kind, e.endpointId, e.after?.status])).toEqual([['state-changed', 'u0-e1', 'INACTIVE']]);
    // One List per user per cycle, the followed endpoint included.
    expect(callsIn(0, 10).map((c) => c.userArn).sort()).toEqual([alice, bob].sort());
    // The expectation is used once: later polls diff against the last listing as usual.
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toHaveLength(1);
    w.stop();
  });

  it('reports no change for a followed endpoint whose verdict is what the app showed', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher();
    w.expect(alice!, endpoint('u0-e0'));
    w.setTargets([{ userArn: alice!, endpointId: 'u0-e0' }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(events).toEqual([]);
    w.stop();
  });

  it('reports a state flip within one interval, as a typed event and a history entry', async () => {
    const [alice] = service.addUsers(1, 2);
    const history: { userArn: string; endpointId: string; entry: HistoryEntry }[] = [];
    const w = watcher({ history: { append: (u, e, entry) => history.push({ userArn: u, endpointId: e, entry }) } });
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10); // baseline
    expect(events).toEqual([]);
    service.set(alice!, 'u0-e1', { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual([
      {
        kind: 'state-changed',
        userArn: alice,
        endpointId: 'u0-e1',
        at: 5000,
        before: endpoint('u0-e1'),
        after: endpoint('u0-e1', { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' }),
      },
    ]);
    expect(history).toEqual([{ userArn: alice, endpointId: 'u0-e1', entry: { at: 5000, kind: 'state-changed', before: events[0]!.before, after: events[0]!.after } }]);
    expect(w.health()).toMatchObject({ state: 'polling', lastSuccessAt: 5000, nextPollAt: 10_000, watchedUsers: 1 });
    w.stop();
  });

  it('reports AllowMessages, name, appeared and disappeared changes', async () => {
    const [alice] = service.addUsers(1, 3);
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    service.set(alice!, 'u0-e0', { allowMessages: 'NONE', name: 'renamed' });
    service.users.get(alice!)!.splice(2, 1);
    service.users.get(alice!)!.push(endpoint('new'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.map((e) => `${e.kind}:${e.endpointId}`)).toEqual(['allow-messages-changed:u0-e0', 'name-changed:u0-e0', 'appeared:new', 'disappeared:u0-e2']);
    expect(events[2]!.before).toBeUndefined();
    expect(events[3]!.after).toBeUndefined();
    w.stop();
  });

  it('makes one list call per watched user per cycle, however many endpoints (200 users × 10 endpoints)', async () => {
    const users = service.addUsers(200, 10);
    const w = watcher({ rateLimiter: new TokenBucket({ ratePerSecond: 40, burst: 5 }), intervalMs: 5000 });
    w.setTargets(users.map((u) => ({ userArn: u })));
    w.start();
    await vi.advanceTimersByTimeAsync(4999);
    // 200 calls at 40/s (burst 5) take 4.9 s: the first cycle is exactly one call per user.
    expect(service.calls).toHaveLength(200);
    expect(new Set(service.calls.map((c) => c.userArn)).size).toBe(200);
    await vi.advanceTimersByTimeAsync(5000);
    expect(callsIn(5000, 10_000)).toHaveLength(200);
    w.stop();
  });

  it('follows NextToken: pages cost one call each, still no Describe', async () => {
    service.pageSize = 2;
    const [alice] = service.addUsers(1, 5);
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(service.calls.map((c) => c.nextToken)).toEqual([undefined, '2', '4']);
    expect(w.snapshot(alice!)).toHaveLength(5);
    w.stop();
  });

  it('keeps every one-second window under the rate limit (default 40/s, burst 5) with 200 users', async () => {
    const users = service.addUsers(200, 1);
    const w = watcher({ rateLimiter: new TokenBucket() });
    w.setTargets(users.map((u) => ({ userArn: u })));
    w.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(service.calls.length).toBeGreaterThan(600);
    const times = service.calls.map((c) => c.at);
    let worst = 0;
    for (const t of times) worst = Math.max(worst, callsIn(t, t + 1000).length);
    expect(worst).toBeLessThanOrEqual(45);
    expect(worst).toBeLessThan(50);
    w.stop();
  });

  it('backs off exponentially on throttling, recovers by itself and loses no event', async () => {
    const users = service.addUsers(3, 1);
    const w = watcher({ backoff: { baseMs: 1000, maxMs: 8000 }, concurrency: 1 });
    w.setTargets(users.map((u) => ({ userArn: u })));
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    service.throttleNext = 4;
    // The flip happens while the service throttles us.
    service.set(users[2]!, 'u2-e0', { status: 'INACTIVE', statusReason: 'INVALID_PINPOINT_ARN' });
    await vi.advanceTimersByTimeAsync(4990);
    expect(w.health()).toMatchObject({ state: 'backing-off', reason: expect.stringContaining('ThrottledClientException') });
    const retries: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = service.calls.length;
      const nextPollAt = w.health().nextPollAt!;
      retries.push(nextPollAt - Date.now());
      await vi.advanceTimersByTimeAsync(nextPollAt - Date.now());
      expect(service.calls.length).toBeGreaterThan(before);
    }
    // random() = 0 gives half of each cap: 0.5, 1, 2 then 4 s.
    expect(retries).toEqual([500, 1000, 2000, 4000]);
    expect(w.health()).toMatchObject({ state: 'polling', lastSuccessAt: Date.now() });
    expect(events.map((e) => `${e.kind}:${e.endpointId}:${e.after?.statusReason}`)).toEqual(['state-changed:u2-e0:INVALID_PINPOINT_ARN']);
    expect(health.map((h) => h.state)).toEqual(expect.arrayContaining(['polling', 'backing-off']));
    w.stop();
  });

  it('treats 5xx as retryable and other failures as an error with a reason, then keeps polling', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    service.failWith = () => ({ code: 'ServiceFailureException', message: 'Internal', httpStatus: 500, retryable: true });
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.health().state).toBe('backing-off');
    service.failWith = () => ({ code: 'ForbiddenException', message: 'User is not authorized', httpStatus: 403, retryable: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.health()).toMatchObject({ state: 'error', reason: '1 of 1 users could not be listed: ForbiddenException: User is not authorized' });
    service.failWith = undefined;
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.health()).toMatchObject({ state: 'polling' });
    w.stop();
  });

  it('trusts WorkbenchError.retryable, not the error name or status', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    // A throttling name the mapper judged final is an error; an unfamiliar code it judged retryable is backed off from.
    service.failWith = () => ({ code: 'ThrottledClientException', message: 'no', httpStatus: 429, retryable: false });
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.health()).toMatchObject({ state: 'error', reason: expect.stringContaining('ThrottledClientException: no') });
    service.failWith = () => ({ code: 'NetworkError', message: 'Network error (ECONNRESET)', retryable: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.health()).toMatchObject({ state: 'backing-off', reason: 'NetworkError: Network error (ECONNRESET)' });
    w.stop();
  });

  it('watches single endpoints by filtering the user listing', async () => {
    const [alice] = service.addUsers(1, 3);
    const w = watcher();
    w.setTargets([{ userArn: alice!, endpointId: 'u0-e1' }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.snapshot(alice!)?.map((e) => e.endpointId)).toEqual(['u0-e1']);
    service.set(alice!, 'u0-e0', { status: 'INACTIVE' });
    service.set(alice!, 'u0-e1', { allowMessages: 'NONE' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.map((e) => e.endpointId)).toEqual(['u0-e1']);
    expect(service.calls).toHaveLength(2);
    w.stop();
  });

  it('stop() (connection switch) means the old watcher never polls again, even with a call in flight', async () => {
    const [alice] = service.addUsers(1, 1);
    service.latencyMs = 100;
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(200);
    service.set(alice!, 'u0-e0', { status: 'INACTIVE' });
    await vi.advanceTimersByTimeAsync(4850); // a call is now in flight
    const calls = service.calls.length;
    w.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(service.calls).toHaveLength(calls);
    expect(events).toEqual([]);
    expect(w.health().state).toBe('idle');
    w.start();
    w.resume();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(service.calls).toHaveLength(calls);
  });

  it('pause() stops polling and resume() polls at once, diffing against the last good listing', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher();
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    w.pause();
    expect(w.health()).toMatchObject({ state: 'paused' });
    service.set(alice!, 'u0-e0', { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(service.calls).toHaveLength(1);
    w.resume();
    await vi.advanceTimersByTimeAsync(10);
    expect(service.calls).toHaveLength(2);
    expect(events.map((e) => e.kind)).toEqual(['state-changed']);
    w.stop();
  });

  it('is idle with nothing to watch and starts polling when a target is added; unwatching drops the listing', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher();
    w.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(service.calls).toHaveLength(0);
    expect(w.health().state).toBe('idle');
    w.setTargets([{ userArn: alice! }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(service.calls).toHaveLength(1);
    w.setTargets([]);
    expect(w.snapshot(alice!)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(service.calls).toHaveLength(1);
    expect(w.health()).toMatchObject({ state: 'idle', watchedUsers: 0 });
    w.stop();
  });

  it('applies jitter below the interval only, so the next cycle is never later than one interval', async () => {
    const [alice] = service.addUsers(1, 1);
    const w = watcher({ random: () => 0.999, jitter: 0.2, intervalMs: 5000 });
    w.setTargets([{ userArn: alice! }]);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.health().nextPollAt).toBe(Math.round(5000 * (1 - 0.999 * 0.2)));
    w.setIntervalMs(10); // clamped to the 1 s minimum
    w.stop();
  });
});

describe('userArn helper', () => {
  it('builds chime user ARNs', () => expect(userArn(1)).toMatch(/user\/user-1$/));
});
