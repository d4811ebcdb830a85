/**
 * The test-push and simulated-device channels (issue 13) wired as the app
 * wires them, driven through the dispatcher against the embedded sandbox:
 * a new simulated phone registered for a fresh user, plan (what will be
 * created), send, the delivery on the phone, membership preferences, clean
 * up, and the refusals (bad input, AWS profiles for sandbox-only routes).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';
import { pushHandlers, NOT_SANDBOX_MESSAGE } from '../../../src/main/ipc/handlers/pushHandlers';
import { DEMO_PINPOINT_APP_ID } from '../../../src/main/sandbox/seedPush';
import type { Result } from '../../../src/shared/errors';
import type { TestPushPlan, TestPushSent, PushPreference } from '../../../src/shared/push/testPush';
import type { SandboxDelivery, SandboxDevice } from '../../../src/shared/push/deliveries';
import type { CleanUpOutcome, CleanUpPlanView } from '../../../src/shared/ipc/pushContract';

let dir: string;
let services: MainServices;
const dispatch = (channel: string, input?: unknown) =>
  services.dispatcher.dispatch(channel, input, true) as Promise<Result<unknown>>;
const call = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
};

let appInstanceArn = '';
let userArn = '';
let device: SandboxDevice;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'push-handlers-'));
  // One AWS profile (see the last test).
  await writeFile(path.join(dir, 'config'), '[profile dev]\nregion = us-east-1\n');
  await writeFile(
    path.join(dir, 'credentials'),
    '[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = example\n',
  );
  services = await createMainServices({
    userDataDir: dir,
    openDocuments: createConfOpener({
      cwd: dir,
      create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike,
    }),
    encryptor: plainTextEncryptor,
    notify: () => {},
    openExternal: async () => {},
    appVersion: 'test',
    platform: 'linux',
    profileSource: {
      env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') },
    },
  });
  await call('workspace:restore');
  await call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
  appInstanceArn = (
    await call<{ AppInstanceArn: string }>('chime:CreateAppInstance', {
      Name: 'push handlers',
      ClientRequestToken: 'push-handlers-instance',
    })
  ).AppInstanceArn;
  userArn = (
    await call<{ AppInstanceUserArn: string }>('chime:CreateAppInstanceUser', {
      AppInstanceArn: appInstanceArn,
      AppInstanceUserId: 'ada',
      Name: 'Ada',
      ClientRequestToken: 'push-handlers-user',
    })
  ).AppInstanceUserArn;
});

afterAll(async () => {
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('simulated devices on the Local sandbox', () => {
  it('creates a phone and lists it with its tokens', async () => {
    device = await call<SandboxDevice>('devices:create', {
      platform: 'APNS_SANDBOX',
      name: 'Ada test iPhone',
      voip: true,
    });
    expect(device).toMatchObject({ Name: 'Ada test iPhone', Platform: 'APNS_SANDBOX', Voip: true });
    expect(device.DeviceToken).toMatch(/^[0-9a-f]{64}$/);
    expect(device.VoipDeviceToken).toMatch(/^[0-9a-f]{64}$/);
    const listed = await call<SandboxDevice[]>('devices:list');
    expect(listed.find((d) => d.DeviceId === device.DeviceId)?.Name).toBe('Ada test iPhone');
  });

  it('refuses a VoIP Android phone and an empty name before reaching the sandbox', async () => {
    const voip = await dispatch('devices:create', { platform: 'GCM', name: 'Pixel', voip: true });
    expect(voip.ok || voip.error).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining('VoIP is for APNs devices only'),
    });
    const empty = await dispatch('devices:create', { platform: 'APNS', name: '  ' });
    expect(empty.ok || empty.error).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining('Name is required'),
    });
  });

  it('refuses on an AWS profile, saying where to look instead', async () => {
    const handlers = pushHandlers({
      connections: {
        current: () => ({ kind: 'profile', profile: 'dev', region: 'us-east-1' }),
        clients: async () => ({ ok: false, error: { code: 'X', message: 'unused', retryable: false } }),
      },
    });
    for (const answer of [
      await handlers['devices:list'](),
      await handlers['devices:deliveries']({}),
      await handlers['devices:create']({ platform: 'APNS', name: 'x', voip: false }),
      await handlers['devices:lastDeliveries']({ userArn, endpoints: [] }),
    ]) {
      expect(answer).toEqual({
        ok: false,
        error: { code: 'NotSandbox', message: NOT_SANDBOX_MESSAGE, retryable: false },
      });
    }
  });
});

describe('a test push through Chime', () => {
  let plan: TestPushPlan;
  let sent: TestPushSent;
  let endpointId = '';

  it('says what it will create before creating it', async () => {
    endpointId = (
      await call<{ EndpointId: string }>('chime:RegisterAppInstanceUserEndpoint', {
        AppInstanceUserArn: userArn,
        Name: 'Ada test iPhone',
        Type: 'APNS_SANDBOX',
        ResourceArn: `arn:aws:mobiletargeting:us-east-1:000000000000:apps/${DEMO_PINPOINT_APP_ID}`,
        EndpointAttributes: { DeviceToken: device.DeviceToken },
        AllowMessages: 'ALL',
        ClientRequestToken: 'push-handlers-endpoint',
      })
    ).EndpointId;
    plan = await call<TestPushPlan>('push:plan', { appInstanceArn, userArn });
    expect(plan.steps.map((s) => s.kind)).toEqual(['createSender', 'createChannel']);
    expect(plan.summary.join(' ')).toContain('Create the AppInstanceUser "workbench-push-sender"');
    // Planning created nothing.
    const users = await call<{ AppInstanceUsers: unknown[] }>('chime:ListAppInstanceUsers', {
      AppInstanceArn: appInstanceArn,
    });
    expect(users.AppInstanceUsers).toHaveLength(1);
  });

  it('refuses a title over 50 characters without creating anything', async () => {
    const answer = await dispatch('push:send', { plan, title: 'x'.repeat(51), body: 'b', pushType: 'DEFAULT' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.message).toContain('Title is at most 50 characters');
    const users = await call<{ AppInstanceUsers: unknown[] }>('chime:ListAppInstanceUsers', {
      AppInstanceArn: appInstanceArn,
    });
    expect(users.AppInstanceUsers).toHaveLength(1);
  });

  it('sends, and the simulated phone receives the notification', async () => {
    sent = await call<TestPushSent>('push:send', {
      plan,
      title: 'Hello Ada',
      body: 'From the handler test',
      pushType: 'DEFAULT',
    });
    expect(sent.messageId).toMatch(/\S/);
    expect(sent.created.map((c) => c.kind)).toEqual(['sender', 'channel']);
    const deliveries = await call<SandboxDelivery[]>('devices:deliveries', { deviceId: device.DeviceId });
    expect(deliveries.map((d) => [d.Title, d.Body, d.Via])).toEqual([['Hello Ada', 'From the handler test', 'CHIME']]);
    // The endpoint row's last delivery, matched by the device token.
    const last = await call<{ endpointId: string; last: { kind: string; title?: string; via?: string } }[]>(
      'devices:lastDeliveries',
      {
        userArn,
        endpoints: [
          { endpointId, deviceToken: device.DeviceToken },
          { endpointId: 'never-pushed', deviceToken: 'f'.repeat(64) },
        ],
      },
    );
    expect(last).toEqual([
      { endpointId, last: expect.objectContaining({ kind: 'delivered', title: 'Hello Ada', via: 'CHIME' }) },
    ]);
    // The next plan finds the channel by its tag and creates nothing.
    const again = await call<TestPushPlan>('push:plan', { appInstanceArn, userArn });
    expect(again.steps).toEqual([]);
    expect(again.channel.arn).toBe(sent.channelArn);
  });

  it('reads and sets the membership preference; an invalid FilterRule is named', async () => {
    const ref = { channelArn: sent.channelArn, memberArn: userArn };
    expect(await call<PushPreference>('push:getPreference', ref)).toEqual({ mode: 'Default' });
    const bad = await dispatch('push:setPreference', {
      ...ref,
      preference: { mode: 'Filtered', filterRule: '{"mention":"Ada"}' },
    });
    expect(!bad.ok && bad.error).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining('"mention" needs a non-empty list of values'),
    });
    await call('push:setPreference', { ...ref, preference: { mode: 'Filtered', filterRule: '{"mention":["Ada"]}' } });
    expect(await call<PushPreference>('push:getPreference', ref)).toEqual({
      mode: 'Filtered',
      filterRule: '{"mention":["Ada"]}',
    });
    // Filtered out: no second delivery; with the attribute: delivered.
    await call('push:send', {
      plan: await call('push:plan', { appInstanceArn, userArn }),
      title: 'Not for Ada',
      body: 'b',
      pushType: 'DEFAULT',
    });
    await call('push:send', {
      plan: await call('push:plan', { appInstanceArn, userArn }),
      title: 'For Ada',
      body: 'b',
      pushType: 'DEFAULT',
      messageAttributes: { mention: { StringValues: ['Ada'] } },
    });
    const titles = (await call<SandboxDelivery[]>('devices:deliveries', { deviceId: device.DeviceId })).map(
      (d) => d.Title,
    );
    expect(titles).toEqual(['Hello Ada', 'For Ada']);
  });

  it('cleans up what it said it would, and only that, simulated devices the app created included', async () => {
    // A phone someone else made on the sandbox (the CLI, curl) is not the workbench's to remove.
    const foreign = (await (
      await fetch(`${services.sandboxUrl}/_sandbox/devices`, {
        method: 'POST',
        body: JSON.stringify({ Platform: 'GCM', Name: 'CLI phone' }),
      })
    ).json()) as SandboxDevice;
    const plan = await call<CleanUpPlanView>('push:cleanupPlan', { appInstanceArn });
    expect(plan.remove.map((r) => [r.kind, r.arn])).toEqual([
      ['channel', sent.channelArn],
      ['sender', sent.senderArn],
      ['device', device.DeviceId],
    ]);
    expect(plan.summary[0]).toContain('the simulated device "Ada test iPhone" on the Local sandbox');
    // Confirming only the channel keeps the sender and the device.
    const first = await call<CleanUpOutcome>('push:cleanup', { appInstanceArn, confirmed: [sent.channelArn] });
    expect(first.removed.map((r) => r.arn)).toEqual([sent.channelArn]);
    const after = await call<CleanUpPlanView>('push:cleanupPlan', { appInstanceArn });
    expect(after.remove.map((r) => r.kind)).toEqual(['sender', 'device']);
    const second = await call<CleanUpOutcome>('push:cleanup', {
      appInstanceArn,
      confirmed: after.remove.map((r) => r.arn),
    });
    expect(second).toMatchObject({ removed: [{ arn: sent.senderArn }, { arn: device.DeviceId }], failed: [] });
    const none = await call<CleanUpPlanView>('push:cleanupPlan', { appInstanceArn });
    expect(none.remove).toEqual([]);
    expect((await call<SandboxDevice[]>('devices:list')).map((d) => d.DeviceId)).toContain(foreign.DeviceId);
    expect((await call<SandboxDevice[]>('devices:list')).map((d) => d.DeviceId)).not.toContain(device.DeviceId);
  });
});

describe('following the endpoints after a test push on AWS', () => {
  it('follows them for 60 s (a registration is not followed on AWS), and refuses the sandbox routes', async () => {
    // The profile points at the sandbox, so the watcher's polls stay on this machine.
    await writeFile(
      path.join(dir, 'config'),
      `[profile dev]\nregion = us-east-1\nendpoint_url = ${services.sandboxUrl}\n`,
    );
    await call('connection:select', { connection: { kind: 'profile', profile: 'dev' }, region: 'us-east-1' });
    try {
      const known = { endpointId: 'ep-1', status: 'ACTIVE' };
      const before = Date.now();
      const follow = await call<{ untilMs: number }>('watch:follow', {
        userArn,
        endpointId: 'ep-1',
        known,
        after: 'push',
      });
      expect(follow.untilMs - before).toBeGreaterThanOrEqual(60_000);
      expect(follow.untilMs - before).toBeLessThan(61_000);
      expect(await call('watch:follow', { userArn, endpointId: 'ep-1', known })).toBeNull();
      const list = await dispatch('devices:list');
      expect(!list.ok && list.error.code).toBe('NotSandbox');
    } finally {
      await call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
    }
  });
});
