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
});
