/** --data: round trip across restarts, atomic writes, a corrupt file kept aside. */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { SANDBOX_CREDENTIALS } from '../../../src/main/sandbox';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { APNS_TOKEN, PINPOINT_ARN, startTestSandbox } from './support';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('state survives a restart: instances, users, endpoints (with a flipped state), tags, admins', async () => {
  const dataFile = join(dir, 'state.json');
  const first = await startTestSandbox({ dataFile });
  const { AppInstanceArn } = await first.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Kept', Tags: [{ Key: 'k', Value: 'v' }] }));
  const { AppInstanceUserArn } = await first.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'u', Name: 'U' }));
  await first.client.send(new sdk.CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: AppInstanceUserArn }));
  const { EndpointId = '' } = await first.client.send(
    new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN } }),
  );
  first.sandbox.controls.setEndpointState(AppInstanceUserArn ?? '', EndpointId, { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  await first.close();
  expect((await readdir(dir)).sort()).toEqual(['state.json']);

  const second = await startTestSandbox({ dataFile, seed: 'demo' });
  // A restored file is not seeded again.
  expect(second.sandbox.demoAppInstanceArn).toBeUndefined();
  expect((await second.client.send(new sdk.ListTagsForResourceCommand({ ResourceARN: AppInstanceArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  expect((await second.client.send(new sdk.DescribeAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: AppInstanceUserArn }))).AppInstanceAdmin?.Admin?.Name).toBe('U');
  const endpoint = await second.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn, EndpointId }));
  expect(endpoint.AppInstanceUserEndpoint).toMatchObject({ EndpointAttributes: { DeviceToken: APNS_TOKEN }, EndpointState: { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' } });
  // Changes after the restart are written too (debounced), and the file stays valid JSON.
  await second.client.send(new sdk.DeleteAppInstanceUserCommand({ AppInstanceUserArn }));
  await second.sandbox.flush();
  expect(JSON.parse(await readFile(dataFile, 'utf8')).appInstances[0].users).toEqual([]);
  await second.close();
});

test('a corrupt data file is reported and renamed aside, never overwritten', async () => {
  const dataFile = join(dir, 'state.json');
  await writeFile(dataFile, '{"version": 1, "appInstances": [ truncated');
  const lines: string[] = [];
  const t = await startTestSandbox({ dataFile, seed: 'demo', log: (line) => lines.push(line) });
  const files = await readdir(dir);
  const aside = files.find((f) => /^state\.json\.corrupt-\d{4}-\d{2}-\d{2}T/.test(f));
  expect(aside).toBeDefined();
  expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe('{"version": 1, "appInstances": [ truncated');
  expect(lines.join('\n')).toMatch(/not a readable sandbox state.*kept aside/);
  // It starts fresh (seeded here) and writes a new file of its own.
  expect(t.sandbox.demoAppInstanceArn).toBeDefined();
  await t.close();
  expect(JSON.parse(await readFile(dataFile, 'utf8')).appInstances).toHaveLength(1);
});

test('a JSON file of the wrong shape counts as corrupt too', async () => {
  const dataFile = join(dir, 'state.json');
  await writeFile(dataFile, JSON.stringify({ version: 99, whatever: true }));
  const t = await startTestSandbox({ dataFile });
  expect((await readdir(dir)).some((f) => f.includes('.corrupt-'))).toBe(true);
  expect(existsSync(dataFile)).toBe(false);
  await t.close();
});

test('durable: an answered write is already in the file; ClientRequestToken history, NextTokens, channels and Pinpoint apps survive a restart', async () => {
  const dataFile = join(dir, 'state.json');
  const first = await startTestSandbox({ dataFile });
  const { AppInstanceArn } = await first.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Durable', ClientRequestToken: 'durable-token' }));
  // Answered means on disk: no flush, no close.
  expect(JSON.parse(await readFile(dataFile, 'utf8')).appInstances.map((i: { arn: string }) => i.arn)).toContain(AppInstanceArn);
  for (let i = 0; i < 3; i++) await first.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: `u${i}`, Name: `U${i}` }));
  const { AppInstanceUserArn } = await first.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'owner', Name: 'Owner' }));
  const endpoint = () =>
    new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN }, ClientRequestToken: 'ep-durable' });
  const { EndpointId } = await first.client.send(endpoint());
  const page = await first.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn, MaxResults: 2 }));
  const messaging = new msg.ChimeSDKMessagingClient({ endpoint: first.sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
  const { ChannelArn } = await messaging.send(new msg.CreateChannelCommand({ AppInstanceArn, Name: 'Kept', ChimeBearer: AppInstanceUserArn, Tags: [{ Key: 'workbench:purpose', Value: 'push-test' }] }));
  await messaging.send(new msg.SendChannelMessageCommand({ ChannelArn, ChimeBearer: AppInstanceUserArn, Content: 'kept', Type: 'STANDARD', Persistence: 'PERSISTENT' }));
  messaging.destroy();
  await first.close();

  const second = await startTestSandbox({ dataFile });
  // The same token and request: the first answers, not a ConflictException or a new resource.
  expect((await second.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Durable', ClientRequestToken: 'durable-token' }))).AppInstanceArn).toBe(AppInstanceArn);
  expect((await second.client.send(endpoint())).EndpointId).toBe(EndpointId);
  expect(second.sandbox.state.appInstances.size).toBe(1);
  // A NextToken issued before the restart still pages.
  const next = await second.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn, MaxResults: 2, NextToken: page.NextToken }));
  expect(next.AppInstanceUsers?.map((u) => u.AppInstanceUserArn?.split('/').pop())).toEqual(['u1', 'u2']);
  const m2 = new msg.ChimeSDKMessagingClient({ endpoint: second.sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
  expect((await m2.send(new msg.ListChannelMessagesCommand({ ChannelArn, ChimeBearer: AppInstanceUserArn }))).ChannelMessages?.map((m) => m.Content)).toEqual(['kept']);
  expect((await m2.send(new msg.ListTagsForResourceCommand({ ResourceARN: ChannelArn }))).Tags).toEqual([{ Key: 'workbench:purpose', Value: 'push-test' }]);
  m2.destroy();
  expect(second.sandbox.pinpoint.apps.size).toBe(1);
  await second.close();
  expect((await readdir(dir)).sort()).toEqual(['state.json']);
});

test('a version 1 file (Identity only) still loads', async () => {
  const dataFile = join(dir, 'state.json');
  await writeFile(dataFile, JSON.stringify({ version: 1, appInstances: [{ id: 'x', arn: 'arn:aws:chime:us-east-1:000000000000:app-instance/x', name: 'Old', created: 1, updated: 1, tags: [], users: [], bots: [], admins: [] }] }));
  const t = await startTestSandbox({ dataFile });
  expect((await t.client.send(new sdk.ListAppInstancesCommand({}))).AppInstances?.map((i) => i.Name)).toEqual(['Old']);
  await t.close();
});
