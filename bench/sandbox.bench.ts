/**
 * `npm run bench:sandbox`: the sandbox under load, through the real SDK client
 * over loopback. The server runs in a child process (so its memory is its
 * own and client and server each get a core), seeded with 100,000 users of
 * one endpoint each through the state API; every measured request is HTTP.
 *
 * Prints DescribeAppInstanceUserEndpoint requests/s, ListAppInstanceUsers
 * pages/s on the first and on the last pages, and the server's memory; then
 * write throughput (CreateAppInstanceUser, 32 in flight) without and with
 * `--data` (every answered write fsynced, group commit), in a fresh sandbox.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { SANDBOX_CREDENTIALS, startSandbox } from '../src/main/sandbox';

const USERS = 100_000;
const CONCURRENCY = 32;
const SECONDS = 4;

interface Ready {
  url: string;
  appInstanceArn: string;
  userArn: string;
  endpointId: string;
  seedMs: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function serve(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const sandbox = await startSandbox({ port: 0, seedUsers: USERS });
  const seedMs = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  const instance = sandbox.state.appInstance(sandbox.demoAppInstanceArn ?? '');
  const user = instance?.users.get('load-user-050000');
  const endpoint = user ? [...user.endpoints.values()][0] : undefined;
  const ready: Ready = {
    url: sandbox.url,
    appInstanceArn: instance?.arn ?? '',
    userArn: user?.arn ?? '',
    endpointId: endpoint?.id ?? '',
    seedMs,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  };
  process.send?.(ready);
  // The parent asks for CPU time around each figure, to show where the time goes.
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

let serverCpu: () => Promise<number> = async () => 0;

/** Runs `call` with `CONCURRENCY` in flight for `SECONDS`; returns completed calls per second. */
async function rate(call: () => Promise<unknown>): Promise<{ perSecond: number; serverUs: number; clientUs: number }> {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call();
      done++;
    }
  };
  const started = performance.now();
  const serverBefore = await serverCpu();
  const clientBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const client = process.cpuUsage(clientBefore);
  const serverUs = (await serverCpu()) - serverBefore;
  return { perSecond: done / ((performance.now() - started) / 1000), serverUs: serverUs / done, clientUs: (client.user + client.system) / done };
}

const show = (r: { perSecond: number; serverUs: number; clientUs: number }, unit: string) =>
  `${r.perSecond.toFixed(0)} ${unit}/s (CPU per call: server ${r.serverUs.toFixed(0)} µs, SDK client ${r.clientUs.toFixed(0)} µs)`;

/** A fresh sandbox (one AppInstance) for the write figures, with or without --data. */
async function serveWrites(dataFile: string | undefined): Promise<void> {
  const sandbox = await startSandbox({ port: 0, dataFile });
  const client = new sdk.ChimeSDKIdentityClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS });
  const { AppInstanceArn = '' } = await client.send(new sdk.CreateAppInstanceCommand({ Name: 'Writes' }));
  client.destroy();
  process.send?.({ url: sandbox.url, appInstanceArn: AppInstanceArn });
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

async function writeFigure(label: string, dataFile: string | undefined): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--write-server', dataFile ?? ''], { execArgv: ['--import', 'tsx'] });
  const ready = await new Promise<{ url: string; appInstanceArn: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; appInstanceArn: string }));
    child.once('exit', (code) => reject(new Error(`write server exited with ${code}`)));
  });
  serverCpu = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve((m as NodeJS.CpuUsage).user + (m as NodeJS.CpuUsage).system));
      child.send('cpu');
    });
  const client = new sdk.ChimeSDKIdentityClient({
    endpoint: ready.url,
    region: 'us-east-1',
    credentials: SANDBOX_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) },
  });
  let n = 0;
  const create = () => client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: ready.appInstanceArn, AppInstanceUserId: `w-${n++}`, Name: 'W' }));
  await rate(create); // warm-up
  console.log(`  ${label}: ${show(await rate(create), 'writes')}`);
  client.destroy();
  child.disconnect();
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { execArgv: ['--import', 'tsx', '--expose-gc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  serverCpu = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve((m as NodeJS.CpuUsage).user + (m as NodeJS.CpuUsage).system));
      child.send('cpu');
    });
  const client = new sdk.ChimeSDKIdentityClient({
    endpoint: ready.url,
    region: 'us-east-1',
    credentials: SANDBOX_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) },
  });
  console.log(`Sandbox bench: ${USERS.toLocaleString('en-US')} users with one endpoint each, ${CONCURRENCY} requests in flight, ${SECONDS} s per figure`);
  console.log(`  seeding (state API, in the server): ${(ready.seedMs / 1000).toFixed(2)} s`);
  console.log(`  server memory: RSS ${mb(ready.rssBefore)} -> ${mb(ready.rssAfter)} (+${mb(ready.rssAfter - ready.rssBefore)}), heap ${mb(ready.heapBefore)} -> ${mb(ready.heapAfter)} (+${mb(ready.heapAfter - ready.heapBefore)})`);

  const describe = new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: ready.userArn, EndpointId: ready.endpointId });
  await rate(() => client.send(describe)); // warm-up (JIT on both sides), not reported
  console.log(`  DescribeAppInstanceUserEndpoint: ${show(await rate(() => client.send(describe)), 'requests')}`);

  const list = (NextToken?: string) => client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: ready.appInstanceArn, MaxResults: 50, NextToken }));
  console.log(`  ListAppInstanceUsers (50/page), first page: ${show(await rate(() => list()), 'pages')}`);
  // Walk to the end once to get the token of the last page.
  let token: string | undefined;
  let lastToken: string | undefined;
  let pages = 0;
  const walkStarted = performance.now();
  do {
    const page = await list(token);
    lastToken = token;
    token = page.NextToken;
    pages++;
  } while (token);
  const walkS = (performance.now() - walkStarted) / 1000;
  console.log(`  full walk: ${pages} pages in ${walkS.toFixed(2)} s (${(pages / walkS).toFixed(0)} pages/s, one at a time)`);
  console.log(`  ListAppInstanceUsers (50/page), last page: ${show(await rate(() => list(lastToken)), 'pages')}`);

  client.destroy();
  child.disconnect();

  console.log(`Write throughput (CreateAppInstanceUser, ${CONCURRENCY} in flight, ${SECONDS} s, fresh sandbox growing to a few thousand users):`);
  await writeFigure('in memory (no --data)', undefined);
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-bench-'));
  try {
    await writeFigure('--data (answered only once fsynced; group commit)', join(dir, 'state.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--write-server')) void serveWrites(process.argv[process.argv.indexOf('--write-server') + 1] || undefined);
else if (process.argv.includes('--server')) void serve();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
