/**
 * Issue 10: the watcher's cost, counted as HTTP requests at the sandbox while
 * the app's real services watch a few hundred users (the earlier cost test
 * counted calls on a lister the app does not use, so a watcher calling
 * Describe once per endpoint passed it). One List call per watched user per
 * cycle (every demo user has fewer than 50 endpoints), and no Describe.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { startTestServices, type TestServices } from '../support/mainServices';
import { startCountingProxy, type CountingProxy } from '../support/countingProxy';

const USERS = 200;
let sandbox: RunningSandbox;
let proxy: CountingProxy;
let t: TestServices;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo', seedUsers: USERS });
  proxy = await startCountingProxy(sandbox.url);
  t = await startTestServices('cew-watchcost-', { sandboxUrl: proxy.url });
  await t.call('workspace:restore');
  // A long interval, so the second cycle cannot start while the first is counted.
  await t.call('settings:set', { watchIntervalMs: 60_000 });
  await t.call('connection:select', { connection: { kind: 'sandbox' }, region: sandbox.region });
}, 30_000);
afterAll(async () => {
  await t?.close();
  await proxy?.close();
  await sandbox?.close();
});

const pathOf = (p: string) => decodeURIComponent(p.split('?')[0] ?? '');
const listCalls = () => proxy.requests.filter((r) => r.method === 'GET' && /\/endpoints$/.test(pathOf(r.path)));
const describeCalls = () => proxy.requests.filter((r) => r.method === 'GET' && /\/endpoints\/[^/]+$/.test(pathOf(r.path)));

describe('watch cost at the wire', () => {
  it(`watching ${USERS}+ users costs one ListAppInstanceUserEndpoints per user per cycle, and no Describe`, async () => {
    // Users with endpoints (the demo's push sender has none): more endpoints than users, so a call per endpoint would show.
    const users = [...sandbox.state.appInstance(sandbox.demoAppInstanceArn!)!.users.values()].filter((u) => u.endpoints.size > 0);
    expect(users.length).toBeGreaterThanOrEqual(USERS);
    const endpoints = users.reduce((n, u) => n + u.endpoints.size, 0);
    expect(endpoints).toBeGreaterThan(users.length);
    proxy.requests.length = 0;
    for (const user of users) await t.call('watch:set', { target: { userArn: user.arn }, watched: true });
    // The first full cycle: every user listed once (the watcher keeps to 40 requests/s, so this takes ~5 s).
    await vi.waitFor(() => expect(new Set(listCalls().map((r) => pathOf(r.path))).size).toBe(users.length), { timeout: 25_000, interval: 100 });
    const perUser = new Map<string, number>();
    for (const r of listCalls()) perUser.set(pathOf(r.path), (perUser.get(pathOf(r.path)) ?? 0) + 1);
    // Within one cycle no user is listed twice, and no endpoint is described one by one.
    expect(Math.max(...perUser.values())).toBe(1);
    expect(describeCalls()).toEqual([]);
    expect(proxy.requests.length).toBe(listCalls().length);
  }, 40_000);
});
