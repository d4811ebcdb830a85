/**
 * main's services wired as the app wires them (composition root), driven
 * through the dispatcher as the renderer drives them, against the embedded
 * sandbox: paged loads stream and cancel, connection switches, watch list,
 * activity log and its CLI command.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';
import type { PageEvent } from '../../../src/shared/ipc/contract';

let dir: string;
let firstRestore: { notices: Array<{ kind: string }> };
let services: MainServices;
const events: Array<{ event: string; payload: unknown }> = [];
const call = async <T = unknown>(channel: string, input?: unknown): Promise<T> => {
  const result = await services.dispatcher.dispatch(channel, input, true);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
};
const until = async (predicate: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'services-'));
  await writeFile(path.join(dir, 'config'), '[profile broken]\nregion = us-east-1\n');
  await writeFile(path.join(dir, 'credentials'), '');
  services = await createMainServices({
    userDataDir: dir,
    openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: () => {},
    openExternal: async () => {},
    appVersion: 'test',
    platform: 'linux',
    profileSource: { env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') } },
  });
  services.bus.subscribe((event, payload) => events.push({ event, payload }));
  firstRestore = await call<{ notices: Array<{ kind: string }> }>('workspace:restore');
  await call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
});

afterAll(async () => {
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('main services through the dispatcher', () => {
  it('streams every page of a paginated list as events', async () => {
    const instances = await call<{ AppInstances: { AppInstanceArn: string }[] }>('chime:ListAppInstances', {});
    const appInstanceArn = instances.AppInstances[0]!.AppInstanceArn;
    await call('pages:start', { loadId: 'users-1', operation: 'ListAppInstanceUsers', input: { AppInstanceArn: appInstanceArn }, pageSize: 2 });
    const pages = () => events.filter((e) => e.event === 'pages:page').map((e) => e.payload as PageEvent).filter((p) => p.loadId === 'users-1');
    await until(() => pages().some((p) => p.done));
    // Twelve demo users (six with endpoints in every state, five with the push story's misconfigurations,
    // and the push sender `workbench-push-sender`), two per page.
    expect(pages().length).toBe(6);
    expect(pages().at(-1)?.loadedCount).toBe(12);
    expect(pages().flatMap((p) => p.items as { Name: string }[]).map((u) => u.Name)).toContain('Alice Appleseed');
  });

  it('validates a paged load input with the operation schema', async () => {
    const result = await services.dispatcher.dispatch('pages:start', { loadId: 'bad', operation: 'ListAppInstanceUsers', input: { AppInstanceArn: 'x' } }, true);
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  });

  it('keeps the working connection when a switch fails, and says why', async () => {
    const result = await services.dispatcher.dispatch('connection:select', { connection: { kind: 'profile', profile: 'missing' }, region: 'us-east-1' }, true);
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    const state = await call<{ info: { kind: string } }>('connection:get');
    expect(state.info.kind).toBe('sandbox');
    expect((await call<{ state: string }>('watch:health')).state).not.toBe('paused');
  });

  it('stores the watch list in the active workspace', async () => {
    const target = { userArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/x/user/alice' };
    expect(await call('watch:set', { target, watched: true })).toEqual([target]);
    const { workspace } = await call<{ workspace: { watchList: unknown[] } }>('workspace:restore');
    expect(workspace.watchList).toEqual([target]);
    expect(await call('watch:set', { target, watched: false })).toEqual([]);
  });

  it('records calls for the activity log and gives the AWS CLI command for one', async () => {
    const entries = await call<Array<{ id: number; operation: string }>>('activity:list');
    const list = entries.find((e) => e.operation === 'ListAppInstances')!;
    const { command } = await call<{ command: string }>('activity:cli', { id: list.id, revealTokens: false });
    expect(command).toContain('aws chime-sdk-identity list-app-instances');
    expect(command).toContain(`--endpoint-url ${services.sandboxUrl}`);
    expect(command).toContain('--region us-east-1');
  });
});

describe('store notices', () => {
  it('are told by the first restore only', async () => {
    // No keychain in this test: the first restore says tokens are stored unencrypted.
    expect(firstRestore.notices.map((n) => n.kind)).toContain('encryption-unavailable');
    const again = await call<{ notices: unknown[] }>('workspace:restore');
    expect(again.notices).toEqual([]);
  });

  it('follows a new endpoint on the Local sandbox through the watcher until its verdict, one List per user per cycle', async () => {
    await call('settings:set', { watchIntervalMs: 1000 });
    const instances = await call<{ AppInstances: { AppInstanceArn: string }[] }>('chime:ListAppInstances', {});
    const appInstanceArn = instances.AppInstances[0]!.AppInstanceArn;
    const users = await call<{ AppInstanceUsers: { AppInstanceUserArn: string }[] }>('chime:ListAppInstanceUsers', { AppInstanceArn: appInstanceArn });
    const userArn = users.AppInstanceUsers.at(-1)!.AppInstanceUserArn;
    const registered = await call<{ EndpointId: string }>('chime:RegisterAppInstanceUserEndpoint', {
      AppInstanceUserArn: userArn,
      Name: 'follow me',
      Type: 'APNS',
      ResourceArn: 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef',
      EndpointAttributes: { DeviceToken: 'not-a-token' },
      AllowMessages: 'ALL',
      ClientRequestToken: 'follow-test-0001',
    });
    const before = Date.now();
    const known = { endpointId: registered.EndpointId, name: 'follow me', type: 'APNS', allowMessages: 'ALL', status: 'ACTIVE' };
    const follow = await call<{ untilMs: number }>('watch:follow', { userArn, endpointId: registered.EndpointId, known });
    // The sandbox's default 2 s validation delay plus two 1 s cycles.
    expect(follow.untilMs - before).toBeGreaterThanOrEqual(4000);
    expect(follow.untilMs - before).toBeLessThan(4500);
    const changes = () =>
      events
        .filter((e) => e.event === 'watch:change')
        .map((e) => e.payload as { kind: string; endpointId: string; after?: { status?: string; statusReason?: string } })
        .filter((c) => c.endpointId === registered.EndpointId);
    await until(() => changes().length > 0, 8000);
    expect(changes()[0]).toMatchObject({ kind: 'state-changed', after: { status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' } });
    const polls = (await call<Array<{ operation: string; input?: { AppInstanceUserArn?: string }; at?: number }>>('activity:list')).filter(
      (e) => e.operation === 'ListAppInstanceUserEndpoints' && e.input?.AppInstanceUserArn === userArn,
    );
    const describes = (await call<Array<{ operation: string }>>('activity:list')).filter((e) => e.operation === 'DescribeAppInstanceUserEndpoint');
    expect(describes).toHaveLength(0);
    // One List per cycle: about one a second since the follow began, never one per endpoint.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(Math.ceil((Date.now() - before) / 1000) + 1);
    await call('settings:set', { watchIntervalMs: 5000 });
  }, 15_000);

  it('follows endpoints after a test push for two cycles on the sandbox (it decides while answering the send)', async () => {
    await call('settings:set', { watchIntervalMs: 1000 });
    const instances = await call<{ AppInstances: { AppInstanceArn: string }[] }>('chime:ListAppInstances', {});
    const userArn = `${instances.AppInstances[0]!.AppInstanceArn}/user/alice`;
    const before = Date.now();
    const known = { endpointId: 'pushed-1', status: 'ACTIVE' };
    const follow = await call<{ untilMs: number }>('watch:follow', { userArn, endpointId: 'pushed-1', known, after: 'push' });
    expect(follow.untilMs - before).toBeGreaterThanOrEqual(2000);
    expect(follow.untilMs - before).toBeLessThan(2500);
    await call('settings:set', { watchIntervalMs: 5000 });
  });

  it('keeps the Local sandbox on the same port across launches while it is free, so copied commands keep working', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'services-port-'));
    const launch = () =>
      createMainServices({
        userDataDir: data,
        openDocuments: createConfOpener({ cwd: data, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
        encryptor: plainTextEncryptor,
        notify: () => {},
        openExternal: async () => {},
        appVersion: 'test',
        platform: 'linux',
        profileSource: { env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') } },
      });
    const first = await launch();
    const url = first.sandboxUrl;
    await first.dispose();
    const second = await launch();
    try {
      expect(second.sandboxUrl).toBe(url);
    } finally {
      await second.dispose();
      await rm(data, { recursive: true, force: true });
    }
  });

  it('starts two Local sandboxes at once when both want the same port (the second takes a free one)', async () => {
    const folders = await Promise.all([0, 1].map(() => mkdtemp(path.join(tmpdir(), 'services-race-'))));
    // Both remember the same port: they race for it, as two app windows or harnesses launched together do.
    const taken = await launchAt(folders[0]!);
    const port = new URL(taken.sandboxUrl).port;
    await taken.dispose();
    await Promise.all(folders.map((f) => writeFile(path.join(f, 'sandbox-port'), port)));
    const both = await Promise.all(folders.map((f) => launchAt(f)));
    try {
      const urls = both.map((s) => s.sandboxUrl);
      expect(new Set(urls).size).toBe(2);
      expect(urls).toContain(`http://127.0.0.1:${port}`);
      for (const s of both) expect((await fetch(`${s.sandboxUrl}/_sandbox/health`)).status).toBe(200);
    } finally {
      await Promise.all(both.map((s) => s.dispose()));
      await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
    }
  });

  function launchAt(data: string) {
    return createMainServices({
      userDataDir: data,
      openDocuments: createConfOpener({ cwd: data, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
      encryptor: plainTextEncryptor,
      notify: () => {},
      openExternal: async () => {},
      appVersion: 'test',
      platform: 'linux',
      profileSource: { env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') } },
    });
  }
});
