/**
 * `npm run bench:faults`: the app's own register path under injected faults.
 *
 * Registrations go the way the Register dialog sends them: through main's
 * dispatcher (chime:RegisterAppInstanceUserEndpoint), the connection
 * manager and the SDK client with its retries, to a sandbox injecting
 * faults (default `throttle=0.2,unavailable=0.05`). Each registration has
 * one ClientRequestToken; when the app answers a retryable error, it is sent
 * again with the same token, as "Try again" does (at most 5 times). At the end
 * every user's endpoints are listed without faults and compared with what was
 * registered.
 *
 * Prints: calls (IPC calls and HTTP attempts), first-attempt failures (HTTP),
 * retries (the SDK's and the app's), endpoints lost (acknowledged with an
 * EndpointId that is not there), endpoints duplicated (one registration, more than one
 * endpoint). Lost and duplicated must be zero; the process exits 1 otherwise.
 *
 * Options: --registrations N (100) --concurrency N (8) --faults SPEC
 * (add `after-commit=P` where the sandbox offers it, to prove idempotent retries).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { SANDBOX_CREDENTIALS, startSandbox } from '../src/main/sandbox';
import { createMainServices } from '../src/main/services';
import { createConfOpener, type ConfLike } from '../src/main/store/persistence';
import { plainTextEncryptor } from '../src/main/store/encryption';
import type { ActivityEntry } from '../src/shared/aws/types';
import type { Result } from '../src/shared/errors';

const { values } = parseArgs({
  options: {
    registrations: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    faults: { type: 'string', default: 'throttle=0.2,unavailable=0.05' },
  },
});
const REGISTRATIONS = Number(values.registrations);
const CONCURRENCY = Number(values.concurrency);
const PER_USER = 10; // the service's endpoint quota per AppInstanceUser
const APP_RETRIES = 5;
const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cew-bench-faults-'));
const sandbox = await startSandbox({ port: 0, validationDelayMs: 3_600_000 });
const admin = new sdk.ChimeSDKIdentityClient({ region: sandbox.region, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS });
const services = await createMainServices({
  userDataDir: dir,
  openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
  encryptor: plainTextEncryptor,
  notify: () => {},
  openExternal: async () => {},
  appVersion: 'bench',
  platform: process.platform,
  sandboxUrl: sandbox.url,
  profileSource: { env: { AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') } },
});
let exitCode = 0;
try {
  const dispatch = (channel: string, input?: unknown) => services.dispatcher.dispatch(channel, input, true) as Promise<Result<Record<string, unknown>>>;
  await dispatch('workspace:restore');
  await dispatch('connection:select', { connection: { kind: 'sandbox' }, region: sandbox.region });

  // Users, without faults.
  const { AppInstanceArn } = await admin.send(new sdk.CreateAppInstanceCommand({ Name: 'Faults bench' }));
  const users: string[] = [];
  for (let u = 0; u < Math.ceil(REGISTRATIONS / PER_USER); u++) {
    const out = await admin.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: `bench-${u}`, Name: `Bench ${u}` }));
    users.push(out.AppInstanceUserArn ?? '');
  }

  // Every HTTP attempt of every register call, as the app's activity log records it.
  const attempts: number[] = [];
  services.bus.subscribe((event, payload) => {
    if (event === 'activity:appended' && (payload as ActivityEntry).operation === 'RegisterAppInstanceUserEndpoint') attempts.push((payload as ActivityEntry).attempts);
  });

  sandbox.controls.setFaults(values.faults);
  const jobs = Array.from({ length: REGISTRATIONS }, (_, i) => ({
    userArn: users[Math.floor(i / PER_USER)]!,
    token: `${i.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`,
    clientRequestToken: `bench-${i}-${'0'.repeat(20)}`,
    acknowledged: undefined as string | undefined,
  }));
  let ipcCalls = 0;
  let appRetries = 0;
  let gaveUp = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      for (let attempt = 0; attempt <= APP_RETRIES; attempt++) {
        if (attempt > 0) appRetries++;
        ipcCalls++;
        const result = await dispatch('chime:RegisterAppInstanceUserEndpoint', {
          AppInstanceUserArn: job.userArn,
          Type: 'APNS',
          ResourceArn: PINPOINT,
          EndpointAttributes: { DeviceToken: job.token },
          ClientRequestToken: job.clientRequestToken,
        });
        if (result.ok) {
          job.acknowledged = String(result.value.EndpointId);
          break;
        }
        if (!result.error.retryable) throw new Error(`not retryable: ${result.error.code} ${result.error.message}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      if (!job.acknowledged) gaveUp++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  sandbox.controls.setFaults('');

  // What is there, listed without faults.
  const byToken = new Map<string, string[]>();
  for (const userArn of users) {
    let NextToken: string | undefined;
    do {
      const page = await admin.send(new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn, MaxResults: 50, NextToken }));
      for (const summary of page.AppInstanceUserEndpoints ?? []) {
        const described = await admin.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: summary.EndpointId }));
        const token = described.AppInstanceUserEndpoint?.EndpointAttributes?.DeviceToken ?? '';
        byToken.set(token, [...(byToken.get(token) ?? []), summary.EndpointId ?? '']);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  // Lost: the app said "registered" (an EndpointId) and that endpoint is not there.
  const lost = jobs.filter((j) => j.acknowledged && !(byToken.get(j.token) ?? []).includes(j.acknowledged)).length;
  const duplicated = jobs.filter((j) => (byToken.get(j.token)?.length ?? 0) > 1).length;
  const httpAttempts = attempts.reduce((a, b) => a + b, 0);

  console.log(`faults: ${values.faults}; ${REGISTRATIONS} registrations, ${CONCURRENCY} at a time, in ${seconds.toFixed(1)} s`);
  console.log(`calls: ${ipcCalls} IPC calls, ${httpAttempts} HTTP attempts`);
  console.log(`first-attempt failures: ${attempts.filter((a) => a > 1).length} HTTP (the SDK retried), ${ipcCalls - REGISTRATIONS} IPC answers with a retryable error`);
  console.log(`retries: ${httpAttempts - attempts.length} by the SDK, ${appRetries} by the app (same ClientRequestToken); ${gaveUp} registrations gave up`);
  console.log(`endpoints lost: ${lost}`);
  console.log(`endpoints duplicated: ${duplicated}`);
  if (lost > 0 || duplicated > 0) exitCode = 1;
} finally {
  admin.destroy();
  await services.dispose();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
