/** Every one of the 30 operations through the real SDK client, and the cascades. */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATION_NAMES } from '../../../src/shared/chime/operations';
import { APNS_TOKEN, FCM_TOKEN, PINPOINT_ARN, rejectionOf, startTestSandbox, type TestSandbox } from './support';

const LEX = { Lex: { LexBotAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST', LocaleId: 'en_US' } };
const called = new Set<string>();
let t: TestSandbox;
// Sends a command and records its operation, so the last test can prove all 30 ran.
async function send<O = unknown>(command: object): Promise<O> {
  called.add(command.constructor.name.replace(/Command$/, ''));
  return (await t.client.send(command as never)) as O;
}

beforeAll(async () => {
  t = await startTestSandbox({ now: () => 1_700_000_000_123 });
});
afterAll(() => t.close());

describe('all operations', () => {
  let instanceArn = '';
  let userArn = '';
  let botArn = '';
  let endpointId = '';

  test('AppInstances: create, describe, list, update', async () => {
    const created = await send<sdk.CreateAppInstanceCommandOutput>(new sdk.CreateAppInstanceCommand({ Name: 'Push app', Metadata: 'm', Tags: [{ Key: 'team', Value: 'mobile' }] }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    instanceArn = created.AppInstanceArn ?? '';
    expect(instanceArn).toMatch(/^arn:aws:chime:us-east-1:000000000000:app-instance\/[0-9a-f-]{36}$/);

    const described = await send<sdk.DescribeAppInstanceCommandOutput>(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: instanceArn }));
    expect(described.AppInstance).toEqual({
      AppInstanceArn: instanceArn,
      Name: 'Push app',
      Metadata: 'm',
      CreatedTimestamp: new Date(1_700_000_000_123),
      LastUpdatedTimestamp: new Date(1_700_000_000_123),
    });
    const list = await send<sdk.ListAppInstancesCommandOutput>(new sdk.ListAppInstancesCommand({}));
    expect(list.AppInstances).toEqual([{ AppInstanceArn: instanceArn, Name: 'Push app', Metadata: 'm' }]);
    expect(list.NextToken).toBeUndefined();

    const updated = await send<sdk.UpdateAppInstanceCommandOutput>(new sdk.UpdateAppInstanceCommand({ AppInstanceArn: instanceArn, Name: 'Renamed', Metadata: '' }));
    expect(updated.AppInstanceArn).toBe(instanceArn);
    const again = await t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: instanceArn }));
    expect(again.AppInstance?.Name).toBe('Renamed');
  });

  test('AppInstanceUsers: create, describe, list, update, expiration', async () => {
    const created = await send<sdk.CreateAppInstanceUserCommandOutput>(
      new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'alice@example.com', Name: 'Alice', ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' } }),
    );
    userArn = created.AppInstanceUserArn ?? '';
    expect(userArn).toBe(`${instanceArn}/user/alice@example.com`);
    const described = await send<sdk.DescribeAppInstanceUserCommandOutput>(new sdk.DescribeAppInstanceUserCommand({ AppInstanceUserArn: userArn }));
    expect(described.AppInstanceUser).toMatchObject({ Name: 'Alice', ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' } });
    expect(described.AppInstanceUser).not.toHaveProperty('Metadata');

    const list = await send<sdk.ListAppInstanceUsersCommandOutput>(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: instanceArn }));
    expect(list.AppInstanceArn).toBe(instanceArn);
    expect(list.AppInstanceUsers).toEqual([{ AppInstanceUserArn: userArn, Name: 'Alice' }]);

    await send(new sdk.UpdateAppInstanceUserCommand({ AppInstanceUserArn: userArn, Name: 'Alice A.', Metadata: 'vip' }));
    const expiration = await send<sdk.PutAppInstanceUserExpirationSettingsCommandOutput>(new sdk.PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: userArn }));
    expect(expiration).toMatchObject({ AppInstanceUserArn: userArn });
    expect(expiration.ExpirationSettings).toBeUndefined();
    const after = await t.client.send(new sdk.DescribeAppInstanceUserCommand({ AppInstanceUserArn: userArn }));
    expect(after.AppInstanceUser).toMatchObject({ Name: 'Alice A.', Metadata: 'vip' });
    expect(after.AppInstanceUser?.ExpirationSettings).toBeUndefined();
  });

  test('bots: create, describe, list, update', async () => {
    const created = await send<sdk.CreateAppInstanceBotCommandOutput>(new sdk.CreateAppInstanceBotCommand({ AppInstanceArn: instanceArn, Name: 'Helper', Configuration: LEX }));
    botArn = created.AppInstanceBotArn ?? '';
    expect(botArn).toMatch(new RegExp(`^${instanceArn}/bot/[0-9a-f-]{36}$`));
    const described = await send<sdk.DescribeAppInstanceBotCommandOutput>(new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: botArn }));
    expect(described.AppInstanceBot).toMatchObject({ Name: 'Helper', Configuration: LEX });
    const list = await send<sdk.ListAppInstanceBotsCommandOutput>(new sdk.ListAppInstanceBotsCommand({ AppInstanceArn: instanceArn }));
    expect(list.AppInstanceBots).toEqual([{ AppInstanceBotArn: botArn, Name: 'Helper' }]);
    await send(new sdk.UpdateAppInstanceBotCommand({ AppInstanceBotArn: botArn, Name: 'Helper 2', Metadata: 'x' }));
    const after = await t.client.send(new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: botArn }));
    expect(after.AppInstanceBot).toMatchObject({ Name: 'Helper 2', Metadata: 'x', Configuration: LEX });
  });

  test('admins: create (Identity), describe, list, delete keeps the user', async () => {
    const created = await send<sdk.CreateAppInstanceAdminCommandOutput>(new sdk.CreateAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: userArn }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.AppInstanceAdmin).toEqual({ Arn: userArn, Name: 'Alice A.' });
    await send(new sdk.CreateAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: botArn }));
    const described = await send<sdk.DescribeAppInstanceAdminCommandOutput>(new sdk.DescribeAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: userArn }));
    expect(described.AppInstanceAdmin).toEqual({ Admin: { Arn: userArn, Name: 'Alice A.' }, AppInstanceArn: instanceArn, CreatedTimestamp: new Date(1_700_000_000_123) });
    const list = await send<sdk.ListAppInstanceAdminsCommandOutput>(new sdk.ListAppInstanceAdminsCommand({ AppInstanceArn: instanceArn }));
    expect(list.AppInstanceAdmins?.map((a) => a.Admin?.Arn).sort()).toEqual([botArn, userArn].sort());
    const deleted = await send<sdk.DeleteAppInstanceAdminCommandOutput>(new sdk.DeleteAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: botArn }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(t.client.send(new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: botArn }))).resolves.toBeDefined();
  });

  test('endpoints: register, describe, list, update', async () => {
    const registered = await send<sdk.RegisterAppInstanceUserEndpointCommandOutput>(
      new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Name: 'iPhone', Type: 'APNS_SANDBOX', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN, VoipDeviceToken: 'cd'.repeat(32) } }),
    );
    expect(registered.$metadata.httpStatusCode).toBe(201);
    endpointId = registered.EndpointId ?? '';
    await t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Type: 'GCM', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: FCM_TOKEN }, AllowMessages: 'NONE' }));

    const described = await send<sdk.DescribeAppInstanceUserEndpointCommandOutput>(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId }));
    expect(described.AppInstanceUserEndpoint).toEqual({
      AppInstanceUserArn: userArn,
      EndpointId: endpointId,
      Name: 'iPhone',
      Type: 'APNS_SANDBOX',
      ResourceArn: PINPOINT_ARN,
      EndpointAttributes: { DeviceToken: APNS_TOKEN, VoipDeviceToken: 'cd'.repeat(32) },
      CreatedTimestamp: new Date(1_700_000_000_123),
      LastUpdatedTimestamp: new Date(1_700_000_000_123),
      AllowMessages: 'ALL',
      EndpointState: { Status: 'ACTIVE' },
    });
    const list = await send<sdk.ListAppInstanceUserEndpointsCommandOutput>(new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn }));
    expect(list.AppInstanceUserEndpoints).toHaveLength(2);
    expect(list.AppInstanceUserEndpoints?.find((e) => e.Type === 'GCM')).toMatchObject({ AllowMessages: 'NONE', EndpointState: { Status: 'ACTIVE' } });
    expect(list.AppInstanceUserEndpoints?.[0]).not.toHaveProperty('ResourceArn');

    const updated = await send<sdk.UpdateAppInstanceUserEndpointCommandOutput>(new sdk.UpdateAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId, AllowMessages: 'NONE' }));
    expect(updated).toMatchObject({ AppInstanceUserArn: userArn, EndpointId: endpointId });
    const after = await t.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId }));
    expect(after.AppInstanceUserEndpoint).toMatchObject({ Name: 'iPhone', AllowMessages: 'NONE' });
  });

  test('retention settings: get before and after put', async () => {
    const before = await send<sdk.GetAppInstanceRetentionSettingsCommandOutput>(new sdk.GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: instanceArn }));
    expect(before.AppInstanceRetentionSettings).toEqual({});
    const put = await send<sdk.PutAppInstanceRetentionSettingsCommandOutput>(
      new sdk.PutAppInstanceRetentionSettingsCommand({ AppInstanceArn: instanceArn, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 60 } } }),
    );
    expect(put).toMatchObject({ AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 60 } }, InitiateDeletionTimestamp: new Date(1_700_000_000_123) });
    const after = await t.client.send(new sdk.GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: instanceArn }));
    expect(after.AppInstanceRetentionSettings).toEqual({ ChannelRetentionSettings: { RetentionDays: 60 } });
  });

  test('tags on instances, users and bots: tag, untag, list', async () => {
    for (const arn of [instanceArn, userArn, botArn]) {
      const tagged = await send<sdk.TagResourceCommandOutput>(new sdk.TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'ios' }] }));
      expect(tagged.$metadata.httpStatusCode).toBe(204);
      await send(new sdk.UntagResourceCommand({ ResourceARN: arn, TagKeys: ['env'] }));
      const list = await send<sdk.ListTagsForResourceCommandOutput>(new sdk.ListTagsForResourceCommand({ ResourceARN: arn }));
      expect(list.Tags).toEqual([{ Key: 'team', Value: 'ios' }]);
    }
  });

  test('deletes: endpoint, bot, user (with its endpoints and admin role), instance (cascade)', async () => {
    const dereg = await send<sdk.DeregisterAppInstanceUserEndpointCommandOutput>(new sdk.DeregisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId }));
    expect(dereg.$metadata.httpStatusCode).toBe(204);
    expect((await rejectionOf(t.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId })))).name).toBe('NotFoundException');

    await send(new sdk.DeleteAppInstanceBotCommand({ AppInstanceBotArn: botArn }));
    expect((await rejectionOf(t.client.send(new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: botArn })))).name).toBe('NotFoundException');

    await send(new sdk.DeleteAppInstanceUserCommand({ AppInstanceUserArn: userArn }));
    expect(t.sandbox.state.user(userArn)).toBeUndefined();
    const admins = await t.client.send(new sdk.ListAppInstanceAdminsCommand({ AppInstanceArn: instanceArn }));
    expect(admins.AppInstanceAdmins).toEqual([]);
    expect((await rejectionOf(t.client.send(new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn })))).name).toBe('NotFoundException');

    // Cascade: a fresh user, bot and endpoint vanish with their AppInstance.
    const { AppInstanceUserArn: other } = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'bob', Name: 'Bob' }));
    await t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: other, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN } }));
    const { AppInstanceBotArn: bot2 } = await t.client.send(new sdk.CreateAppInstanceBotCommand({ AppInstanceArn: instanceArn, Configuration: LEX }));
    const deleted = await send<sdk.DeleteAppInstanceCommandOutput>(new sdk.DeleteAppInstanceCommand({ AppInstanceArn: instanceArn }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    for (const command of [
      new sdk.DescribeAppInstanceCommand({ AppInstanceArn: instanceArn }),
      new sdk.DescribeAppInstanceUserCommand({ AppInstanceUserArn: other }),
      new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: bot2 }),
      new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: other }),
    ]) {
      expect((await rejectionOf(t.client.send(command as never))).name).toBe('NotFoundException');
    }
    expect((await t.client.send(new sdk.ListAppInstancesCommand({}))).AppInstances).toEqual([]);
  });

  test('covered every operation of the model', () => {
    expect([...called].sort()).toEqual([...OPERATION_NAMES].sort());
  });
});
