/**
 * `npm run bench:watch`: the watcher on 1,000 users × 5 endpoints.
 *
 * The sandbox runs in a child process (started as `npm run sandbox` would) so
 * the CPU figure is the watcher's and its SDK client's only, which is what the
 * app's main process spends. Users come from `--seed-users`, the extra four
 * endpoints each from RegisterAppInstanceUserEndpoint, and flips from the
 * control route. The watcher uses its defaults: 5 s interval, 40 requests/s.
 *
 * Options: --users N (1000) --endpoints N (5) --rate R (40) --cycles N (2)
 */
import { startSandboxProcess } from './support/sandboxProcess';
import { parseArgs } from 'node:util';
import {
  ChimeSDKIdentityClient,
  ListAppInstancesCommand,
  ListAppInstanceUsersCommand,
  RegisterAppInstanceUserEndpointCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import { EndpointWatcher, type EndpointLister } from '../src/main/watch/endpointWatcher';
import { TokenBucket } from '../src/main/watch/rateLimiter';
import { clientEndpointLister } from '../src/main/watch/endpointLister';
import type { WatchEvent } from '../src/shared/workspace/watch';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '1000' }, endpoints: { type: 'string', default: '5' }, rate: { type: 'string', default: '40' }, cycles: { type: 'string', default: '2' } },
});
const USERS = Number(values.users);
const ENDPOINTS = Number(values.endpoints);
const RATE = Number(values.rate);
const CYCLES = Number(values.cycles);
const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';

async function pool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess(['--seed', 'demo', '--seed-users', String(USERS)]);
  const client = new ChimeSDKIdentityClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'BENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });
  try {
    const instance = (await client.send(new ListAppInstancesCommand({}))).AppInstances![0]!.AppInstanceArn!;
    const userArns: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListAppInstanceUsersCommand({ AppInstanceArn: instance, MaxResults: 50, NextToken: token }));
      for (const u of page.AppInstanceUsers ?? []) if (u.AppInstanceUserArn!.includes('/user/load-user-')) userArns.push(u.AppInstanceUserArn!);
      token = page.NextToken;
    } while (token);
    const seedStart = performance.now();
    const extra = userArns.flatMap((arn, u) => Array.from({ length: ENDPOINTS - 1 }, (_, e) => ({ arn, token: `b${(u * 16 + e + 1).toString(16).padStart(63, '0')}`, requestToken: `bench-${u}-${e}` })));
    await pool(extra, 32, ({ arn, token: deviceToken, requestToken }) =>
      client.send(new RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: arn, Type: 'APNS', ResourceArn: PINPOINT, EndpointAttributes: { DeviceToken: deviceToken }, ClientRequestToken: requestToken })),
    );
    console.log(`seeded ${userArns.length} users × ${ENDPOINTS} endpoints in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    let calls = 0;
    const sdk = clientEndpointLister(client);
    const lister: EndpointLister = (arn, next, signal) => {
      calls++;
      return sdk(arn, next, signal);
    };
    const watcher = new EndpointWatcher({ lister, rateLimiter: new TokenBucket({ ratePerSecond: RATE }) });
    const cycleEnds: { at: number; calls: number; cpu: NodeJS.CpuUsage }[] = [];
    let onCycle: (() => void) | undefined;
    watcher.onHealth((h) => {
      if (h.lastSuccessAt !== undefined && h.lastSuccessAt !== cycleEnds.at(-1)?.at) {
        cycleEnds.push({ at: h.lastSuccessAt, calls, cpu: process.cpuUsage() });
        onCycle?.();
      }
    });
    const flips = new Map<string, number>();
    const latencies: { position: number; ms: number }[] = [];
    watcher.onEvent((e: WatchEvent) => {
      const flippedAt = flips.get(e.endpointId);
      if (flippedAt !== undefined && e.kind === 'state-changed') latencies.push({ position: userArns.indexOf(e.userArn) + 1, ms: Date.now() - flippedAt });
    });
    const cycleDone = () => new Promise<void>((resolve) => (onCycle = resolve));

    const cpuStart = process.cpuUsage();
    const started = Date.now();
    watcher.setTargets(userArns.map((userArn) => ({ userArn })));
    watcher.start();
    await cycleDone();
    console.log(`baseline cycle: ${cycleEnds[0]!.calls} calls in ${((cycleEnds[0]!.at - started) / 1000).toFixed(1)} s`);

    // Flip three endpoints (first, middle and last user) just after the next cycle starts.
    const callsAtBaseline = calls;
    while (calls === callsAtBaseline) await new Promise((r) => setTimeout(r, 5));
    const targets = [0, Math.floor(userArns.length / 2), userArns.length - 1].map((i) => userArns[i]!);
    for (const arn of targets) {
      const list = await sdk(arn);
      if (!list.ok) throw new Error(list.error.message);
      const endpointId = list.value.endpoints[0]!.endpointId;
      await fetch(`${sandbox.url}/_sandbox/endpoint-state`, { method: 'POST', body: JSON.stringify({ AppInstanceUserArn: arn, EndpointId: endpointId, Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' }) });
      flips.set(endpointId, Date.now());
    }
    // A user already polled in the cycle the flip lands in is seen in the following one.
    for (let i = 0; i < CYCLES || (latencies.length < flips.size && i < CYCLES + 2); i++) await cycleDone();
    watcher.stop();

    const rows = cycleEnds.slice(1).map((end, i) => {
      const prev = cycleEnds[i]!;
      const cpuMs = (end.cpu.user - prev.cpu.user + end.cpu.system - prev.cpu.system) / 1000;
      return { cycle: i + 1, calls: end.calls - prev.calls, seconds: (end.at - prev.at) / 1000, cpuMs, cpuPerCall: cpuMs / (end.calls - prev.calls) };
    });
    const total = process.cpuUsage(cpuStart);
    console.log(`\nwatch bench: ${userArns.length} users × ${ENDPOINTS} endpoints (${userArns.length * ENDPOINTS} endpoints), interval 5 s, rate limit ${RATE}/s`);
    for (const r of rows) {
      console.log(`  cycle ${r.cycle}: ${r.calls} API calls (${(r.calls / userArns.length).toFixed(2)} per user, 0 Describe), ${r.seconds.toFixed(1)} s, CPU ${r.cpuMs.toFixed(0)} ms (${r.cpuPerCall.toFixed(2)} ms per call, ${((r.cpuMs / 1000 / r.seconds) * 100).toFixed(1)}% of one core)`);
    }
    for (const l of latencies.sort((a, b) => a.position - b.position)) console.log(`  flip → event, user #${l.position} of ${userArns.length}: ${(l.ms / 1000).toFixed(2)} s`);
    console.log(`  missed flips: ${flips.size - latencies.length}`);
    console.log(`  total CPU ${((total.user + total.system) / 1000).toFixed(0)} ms over ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
