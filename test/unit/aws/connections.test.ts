import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { ActivityLog } from '../../../src/main/aws/activityLog';
import { ConnectionManager, SANDBOX_IDENTITY, defaultProfileConnection } from '../../../src/main/aws/connections';
import { createChimeClient } from '../../../src/main/aws/chimeClient';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { WorkbenchCodes } from '../../../src/shared/errors';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';
import { startStsStandIn, type StsStandIn } from './support/stsStandIn';

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULT000000001
aws_secret_access_key = default-secret
[ci]
aws_access_key_id = AKIACI00000000000002
aws_secret_access_key = ci-secret
`;

let sandbox: RunningSandbox;
let sts: StsStandIn;
let withProfiles: AwsHome;
let empty: AwsHome;
const managers: ConnectionManager[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  sts = await startStsStandIn();
  withProfiles = await makeAwsHome({ config: '[default]\nregion = eu-central-1\n', credentials: CREDENTIALS });
  empty = await makeAwsHome({});
});
afterAll(async () => {
  await Promise.all([sandbox.close(), sts.close(), withProfiles.remove(), empty.remove()]);
});
afterEach(() => managers.splice(0).forEach((m) => m.dispose()));

/** Every client a manager built, newest last (the createClient seam). */
const built = new WeakMap<ConnectionManager, ChimeSDKIdentityClient[]>();

function manager(home: AwsHome, activityLog?: ActivityLog): ConnectionManager {
  const clients: ChimeSDKIdentityClient[] = [];
  const m = new ConnectionManager({
    createClient: (options) => {
      const client = createChimeClient(options);
      clients.push(client);
      return client;
    },
    sandboxEndpoint: () => ({ url: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
    profileSource: { env: envFor(home), homeDir: home.home },
    stsEndpoint: sts.url,
    ...(activityLog ? { activityLog } : {}),
  });
  managers.push(m);
  built.set(m, clients);
  return m;
}

/** Captures the signed request at the innermost step and answers it locally: no network. */
function intercept(client: ChimeSDKIdentityClient): HttpRequest[] {
  const seen: HttpRequest[] = [];
  client.middlewareStack.add(
    () => async (args) => {
      seen.push(args.request as HttpRequest);
      const body = Readable.from([Buffer.from('{"AppInstances":[]}')]);
      return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/json' }, body }), output: {} as never };
    },
    { step: 'finalizeRequest', priority: 'low', name: 'testIntercept' },
  );
  return seen;
}

/** The current connection's foreground client: each select builds it, then the background one. */
const clientOf = (m: ConnectionManager) => {
  const clients = built.get(m)!;
  return clients[clients.length - 2]!;
};

describe('ConnectionManager', () => {
  it('chooses the sandbox when no profile exists and calls it, logging each call', async () => {
    const log = new ActivityLog();
    const m = manager(empty, log);
    expect(await defaultProfileConnection({ env: envFor(empty), homeDir: empty.home })).toBeUndefined();
    const selected = await m.select({ kind: 'sandbox' });
    expect(selected).toEqual({ ok: true, value: { kind: 'sandbox', region: 'us-east-1', endpointUrl: sandbox.url } });

    const result = await m.invoke('ListAppInstances', {});
    expect(result.ok && result.value.AppInstances?.[0]?.AppInstanceArn).toBe(sandbox.demoAppInstanceArn);
    expect(log.entries()).toEqual([expect.objectContaining({ operation: 'ListAppInstances', httpStatus: 200, connection: m.current() })]);
    expect(await m.whoAmI()).toEqual({ ok: true, value: SANDBOX_IDENTITY });
  });

  it('chooses the default profile with its region when one exists', async () => {
    const first = await defaultProfileConnection({ env: envFor(withProfiles), homeDir: withProfiles.home });
    expect(first).toEqual({ connection: { kind: 'profile', profile: 'default' }, region: 'eu-central-1' });
    const m = manager(withProfiles);
    expect(await m.select({ kind: 'profile', profile: first!.connection.profile, region: first!.region })).toEqual({
      ok: true,
      value: { kind: 'profile', profile: 'default', region: 'eu-central-1' },
    });
  });

  it('returns service errors as values', async () => {
    const m = manager(empty);
    expect(await m.invoke('ListAppInstances', {})).toMatchObject({ ok: false, error: { code: WorkbenchCodes.NotConnected } });
    await m.select({ kind: 'sandbox' });
    const missing = await m.invoke('DescribeAppInstance', { AppInstanceArn: `${sandbox.demoAppInstanceArn}-nope` });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NotFoundException', httpStatus: 404, retryable: false } });
  });

  it('pages with the SDK paginator and stops on abort', async () => {
    const m = manager(empty);
    await m.select({ kind: 'sandbox' });
    const input = { AppInstanceArn: sandbox.demoAppInstanceArn ?? '' };
    const all = await m.invoke('ListAppInstanceUsers', { ...input, MaxResults: 50 });
    const expected = all.ok ? (all.value.AppInstanceUsers ?? []).map((u) => u.AppInstanceUserArn) : [];
    expect(expected.length).toBeGreaterThan(2);

    const paged: (string | undefined)[] = [];
    let pages = 0;
    for await (const page of m.paginate('ListAppInstanceUsers', input, { pageSize: 2 })) {
      if (!page.ok) throw new Error(page.error.message);
      pages++;
      paged.push(...(page.value.AppInstanceUsers ?? []).map((u) => u.AppInstanceUserArn));
    }
    expect(paged).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 2));

    const controller = new AbortController();
    const seen: boolean[] = [];
    for await (const page of m.paginate('ListAppInstanceUsers', input, { pageSize: 2, signal: controller.signal })) {
      seen.push(page.ok);
      if (!page.ok) expect(page.error.code).toBe(WorkbenchCodes.Cancelled);
      controller.abort();
    }
    expect(seen).toEqual([true, false]);
  });

  it('replaces the client on switch: new credentials, region and endpoint, old client destroyed', async () => {
    const m = manager(withProfiles);
    const changes = vi.fn();
    m.onChanged(changes);

    await m.select({ kind: 'sandbox' });
    const sandboxClient = clientOf(m);
    const destroy = vi.spyOn(sandboxClient, 'destroy');
    const sandboxSeen = intercept(sandboxClient);
    await m.invoke('ListAppInstances', {});

    await m.select({ kind: 'profile', profile: 'ci', region: 'eu-central-1' });
    expect(destroy).toHaveBeenCalledOnce();
    const ciClient = clientOf(m);
    expect(ciClient).not.toBe(sandboxClient);
    const ciSeen = intercept(ciClient);
    await m.invoke('ListAppInstances', {});

    await m.select({ kind: 'profile', profile: 'default', region: 'us-east-1' });
    const defaultSeen = intercept(clientOf(m));
    await m.invoke('ListAppInstances', {});

    const summary = (r: HttpRequest | undefined) => ({ host: r?.hostname, auth: /Credential=([^,]+)/.exec(String(r?.headers.authorization))?.[1]?.split('/') });
    expect(summary(sandboxSeen[0])).toMatchObject({ host: '127.0.0.1', auth: ['SANDBOXACCESSKEY', expect.any(String), 'us-east-1', 'chime', 'aws4_request'] });
    expect(summary(ciSeen[0])).toMatchObject({ host: 'identity-chime.eu-central-1.amazonaws.com', auth: ['AKIACI00000000000002', expect.any(String), 'eu-central-1', 'chime', 'aws4_request'] });
    expect(summary(defaultSeen[0])).toMatchObject({ host: 'identity-chime.us-east-1.amazonaws.com', auth: ['AKIADEFAULT000000001', expect.any(String), 'us-east-1', 'chime', 'aws4_request'] });
    expect(changes.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'sandbox', region: 'us-east-1', endpointUrl: sandbox.url },
      { kind: 'profile', profile: 'ci', region: 'eu-central-1' },
      { kind: 'profile', profile: 'default', region: 'us-east-1' },
    ]);
  });

  it('refuses an unknown profile or a malformed region and keeps the current connection', async () => {
    const m = manager(withProfiles);
    await m.select({ kind: 'sandbox' });
    expect(await m.select({ kind: 'profile', profile: 'ghost', region: 'us-east-1' })).toMatchObject({ ok: false, error: { code: WorkbenchCodes.InvalidInput } });
    expect(await m.select({ kind: 'profile', profile: 'ci', region: 'us-east-1; rm -rf' })).toMatchObject({ ok: false, error: { code: WorkbenchCodes.InvalidInput } });
    expect(m.current()?.kind).toBe('sandbox');
  });

  it('answers "Who am I" with STS GetCallerIdentity for a profile', async () => {
    const m = manager(withProfiles);
    await m.select({ kind: 'profile', profile: 'ci', region: 'us-east-1' });
    expect(await m.whoAmI()).toEqual({
      ok: true,
      value: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/AKIACI00000000000002', userId: 'AIDAAKIACI00000000000002' },
    });
  });
});

describe('credentials expiry', () => {
  it('says when a role session expires, in "Who am I" and again each time the credentials are refreshed', async () => {
    const home = await makeAwsHome({ config: '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = ci\n', credentials: CREDENTIALS });
    let clock = Date.now();
    const m = new ConnectionManager({
      sandboxEndpoint: () => ({ url: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
      profileSource: { env: envFor(home), homeDir: home.home },
      stsEndpoint: sts.url,
      credentials: { stsEndpoint: sts.url, now: () => clock },
    });
    managers.push(m);
    const refreshes: unknown[] = [];
    m.onCredentials((refresh) => refreshes.push(refresh));
    try {
      sts.sessionSeconds = 3600;
      await m.select({ kind: 'profile', profile: 'role', region: 'us-east-1' });
      const first = await m.whoAmI();
      if (!first.ok) throw new Error(first.error.message);
      const firstExpiry = Date.parse(first.value.expiresAt ?? '');
      expect(firstExpiry - Date.now()).toBeGreaterThan(3500_000);
      expect(firstExpiry - Date.now()).toBeLessThanOrEqual(3600_000);
      expect(refreshes).toEqual([{ connection: { kind: 'profile', profile: 'role', region: 'us-east-1' }, expiresAt: first.value.expiresAt }]);

      // Inside the refresh window: the next call assumes the role again and the new expiry is told.
      sts.sessionSeconds = 7200;
      clock = firstExpiry - 60_000;
      const second = await m.whoAmI();
      if (!second.ok) throw new Error(second.error.message);
      expect(Date.parse(second.value.expiresAt ?? '') - firstExpiry).toBeGreaterThan(3000_000);
      expect(refreshes).toHaveLength(2);
      expect(refreshes[1]).toEqual({ connection: { kind: 'profile', profile: 'role', region: 'us-east-1' }, expiresAt: second.value.expiresAt });
    } finally {
      sts.sessionSeconds = 3600;
      await home.remove();
    }
  });

  it('tells nothing of a replaced connection', async () => {
    const m = manager(withProfiles);
    const refreshes: unknown[] = [];
    m.onCredentials((refresh) => refreshes.push(refresh));
    await m.select({ kind: 'profile', profile: 'ci', region: 'us-east-1' });
    await m.whoAmI();
    // Long-term keys: told without an expiry.
    expect(refreshes).toEqual([{ connection: { kind: 'profile', profile: 'ci', region: 'us-east-1' } }]);
    await m.select({ kind: 'sandbox' });
    await m.invoke('ListAppInstances', {});
    expect(refreshes).toHaveLength(1);
  });
});

describe('background calls (the watcher)', () => {
  it('make a single attempt and are logged as the watcher’s, while user calls retry', async () => {
    const log = new ActivityLog();
    const m = manager(empty, log);
    expect((await m.select({ kind: 'sandbox' })).ok).toBe(true);
    sandbox.controls.setFaults('throttle=1');
    try {
      const background = await m.invoke('ListAppInstances', {}, { background: true });
      const foreground = await m.invoke('ListAppInstances', {});
      expect(background.ok || foreground.ok).toBe(false);
    } finally {
      sandbox.controls.setFaults('');
    }
    const [bg, fg] = log.entries().slice(-2);
    expect(bg).toMatchObject({ source: 'watch', attempts: 1, httpStatus: 429 });
    expect(fg?.source).toBeUndefined();
    expect(fg?.attempts).toBeGreaterThan(1);
  });
});
