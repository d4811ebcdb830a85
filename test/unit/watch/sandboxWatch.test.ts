/**
 * The watcher against the sandbox through the real SDK client: the control
 * route flips states and injects throttling, as a failed push or a busy
 * account would. The watcher's clock is moved by hand; HTTP is real.
 */
import { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { EndpointWatcher, type EndpointLister } from '../../../src/main/watch/endpointWatcher';
import { TokenBucket } from '../../../src/main/watch/rateLimiter';
import { clientEndpointLister } from '../../../src/main/watch/endpointLister';
import type { WatchEvent } from '../../../src/shared/workspace/watch';
import { ManualTimers } from './manualTimers';

let sandbox: RunningSandbox;
let client: ChimeSDKIdentityClient;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo', seedUsers: 200 });
  // The watcher backs off on its own; SDK retries would hide throttling from it and spend the rate budget.
  client = new ChimeSDKIdentityClient({ region: sandbox.region, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await sandbox?.close();
});

async function control(path: string, body: object): Promise<void> {
  const res = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
}

function setup() {
  const timers = new ManualTimers();
  const calls: string[] = [];
  const sdk = clientEndpointLister(client);
  const lister: EndpointLister = (userArn, token, signal) => {
    calls.push(userArn);
    return sdk(userArn, token, signal);
  };
  const watcher = new EndpointWatcher({ lister, timers, random: () => 0, rateLimiter: new TokenBucket({ ratePerSecond: 10_000, burst: 10_000, timers }) });
  const events: WatchEvent[] = [];
  watcher.onEvent((e) => events.push(e));
  return { timers, calls, watcher, events };
}

const users = () => [...sandbox.state.appInstance(sandbox.demoAppInstanceArn!)!.users.values()];

describe('watcher against the sandbox', () => {
  it('reports a flip made through the control route within one interval, backs off under throttling and loses no event, and stops for good', async () => {
    const { timers, calls, watcher, events } = setup();
    // An endpoint the simulation keeps ACTIVE, so the flip is a change.
    const user = users().find((u) => [...u.endpoints.values()].some((e) => !e.verdict))!;
    const endpointId = [...user.endpoints.values()].find((e) => !e.verdict)!.id;
    watcher.setTargets([{ userArn: user.arn }]);
    watcher.start();
    timers.advance(0);
    await vi.waitFor(() => expect(watcher.snapshot(user.arn)).toHaveLength(user.endpoints.size));

    await control('endpoint-state', { AppInstanceUserArn: user.arn, EndpointId: endpointId, Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
    timers.advance(5000);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({ kind: 'state-changed', endpointId, after: { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' } });

    await control('faults', { throttle: 1 });
    await control('endpoint-state', { AppInstanceUserArn: user.arn, EndpointId: endpointId, Status: 'ACTIVE' });
    timers.advance(5000);
    await vi.waitFor(() => expect(watcher.health()).toMatchObject({ state: 'backing-off', reason: expect.stringContaining('ThrottledClientException') }));
    await control('faults', { throttle: 0 });
    timers.advance(watcher.health().nextPollAt! - timers.now());
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events[1]).toMatchObject({ kind: 'state-changed', before: { status: 'INACTIVE' }, after: { status: 'ACTIVE' } });
    expect(watcher.health().state).toBe('polling');

    watcher.stop();
    const made = calls.length;
    timers.advance(600_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(made);
  });

  // The SDK lister alone; the app's own path is counted at the wire in watchCost.test.ts.
  it('the SDK lister: 200 watched users cost 200 list calls per cycle, not one per endpoint', async () => {
    const { timers, calls, watcher } = setup();
    const load = users().filter((u) => u.userId.startsWith('load-user-'));
    expect(load).toHaveLength(200);
    // Users with endpoints (the demo's push sender has none): more endpoints than users, so a call per endpoint would show.
    const watched = users().filter((u) => u.endpoints.size > 0);
    const endpointCount = watched.reduce((n, u) => n + u.endpoints.size, 0);
    watcher.setTargets(watched.map((u) => ({ userArn: u.arn })));
    watcher.start();
    timers.advance(0);
    // 200 real HTTP calls: on a busy shared machine a cycle can take longer than waitFor's default second.
    await vi.waitFor(() => expect(watcher.health().lastSuccessAt).toBeDefined(), { timeout: 15_000 });
    const perCycle = watched.length;
    expect(calls).toHaveLength(perCycle);
    expect(endpointCount).toBeGreaterThan(perCycle);
    timers.advance(5000);
    await vi.waitFor(() => expect(calls).toHaveLength(2 * perCycle), { timeout: 15_000 });
    watcher.stop();
  });
});
