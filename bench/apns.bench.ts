/**
 * `npm run bench:apns`: 10,000 direct pushes to the sandbox's APNs emulator
 * through DirectPushService, the app's path (the key held in memory as the
 * app's KeyHandles hold it, validated and loaded per push), 100 in flight at
 * once over the client's one HTTP/2 connection. Prints pushes per second,
 * latency percentiles, and how many connections and provider tokens were
 * used (Apple asks for one connection reused, and at most one new token per
 * 20 minutes). Numbers only, no assertions. Aim: at least 2,000 pushes per
 * second on 2 cores.
 *
 * The emulator runs in its own process, as Apple's servers are not in the
 * app's: the client gets one core, the emulator the other. `--in-process`
 * puts both on one thread (a stricter figure: the client then pays for the
 * emulator's TLS, HTTP/2 and JWT checks too).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/main/sandbox';
import { startSandboxProcess } from './support/sandboxProcess';
import { DirectPushService, sandboxDirectPushOptions } from '../src/main/push/direct';

const PUSHES = 10_000;
const IN_FLIGHT = 100;
const TEAM = 'BENCHTEAM1';
const BUNDLE = 'com.example.bench';

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const { values } = parseArgs({ options: { 'in-process': { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const sandbox = values['in-process']
    ? await startSandbox({ port: 0 }).then((s) => ({ url: s.url, stop: () => s.close() }))
    : await startSandboxProcess();
  const key = await post<{ KeyId: string; P8: string }>(`${sandbox.url}/_sandbox/apns-keys`, { TeamId: TEAM, BundleIds: [BUNDLE] });
  const phone = await post<{ DeviceToken: string }>(`${sandbox.url}/_sandbox/devices`, {
    Platform: 'APNS_SANDBOX',
    Name: 'Bench phone',
    Voip: false,
    BundleId: BUNDLE,
  });
  const service = new DirectPushService(await sandboxDirectPushOptions(sandbox.url));
  const keyBytes = Buffer.from(key.P8);
  const push = {
    service: 'apns',
    token: phone.DeviceToken,
    auth: { kind: 'token', keyFile: 'bench-key', keyId: key.KeyId, teamId: TEAM },
    topic: BUNDLE,
    environment: 'sandbox',
    pushType: 'alert',
    priority: 10,
    payload: { aps: { alert: { title: 'Bench', body: 'One of 10,000' } } },
  };
  const resolve = () => ({ bytes: keyBytes, name: `AuthKey_${key.KeyId}.p8` });

  // Warm-up: the connection, the TLS handshake and the first provider token.
  const first = await service.send(push, resolve);
  if (!first.ok || !first.value.ok) throw new Error(`Warm-up push failed: ${JSON.stringify(first)}`);

  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < PUSHES) {
        next += 1;
        const t0 = performance.now();
        const result = await service.send(push, resolve);
        latencies.push(performance.now() - t0);
        if (!result.ok || !result.value.ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const where = values['in-process'] ? 'in this process' : 'in its own process';
  console.log(`APNs direct push: ${PUSHES} pushes, ${IN_FLIGHT} in flight, to the sandbox emulator (${where})`);
  console.log(`  throughput   ${(PUSHES / seconds).toFixed(0)} pushes/s (${seconds.toFixed(2)} s)`);
  console.log(
    `  latency      p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
  );
  console.log(`  connections  ${service.apns.connectionsOpened} opened (including the warm-up)`);
  console.log(`  JWTs minted  ${service.apns.providerTokensMinted}`);
  console.log(`  failures     ${failures}`);
  service.close();
  await sandbox.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
