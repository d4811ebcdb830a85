/** Every error class, as the SDK sees it: typed exception, status, Code and a message naming the member. */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { APNS_TOKEN, PINPOINT_ARN, rejectionOf, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox;
let instanceArn = '';
let userArn = '';

beforeAll(async () => {
  t = await startTestSandbox({ endpointLimit: 3 });
  instanceArn = (await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Errors' }))).AppInstanceArn ?? '';
  userArn = (await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'u1', Name: 'U' }))).AppInstanceUserArn ?? '';
});
afterAll(() => t.close());

const register = (token: string, extra: Partial<sdk.RegisterAppInstanceUserEndpointCommandInput> = {}) =>
  t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: token }, ...extra }));

describe('BadRequestException names the member for every kind of constraint', () => {
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    ['max length', () => t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'n'.repeat(257) })), /'Name'.*less than or equal to 256/],
    ['pattern', () => t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: '-bad-', Name: 'x' })), /'AppInstanceUserId'.*pattern/],
    ['contains non-space', () => t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'ok', Name: '   ' })), /'Name'/],
    ['enum', () => register(APNS_TOKEN, { Type: 'WNS' as never }), /'Type'.*APNS, APNS_SANDBOX, GCM/],
    ['nested enum', () => t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'ok', Name: 'x', ExpirationSettings: { ExpirationDays: 1, ExpirationCriterion: 'NOPE' as never } })), /'ExpirationSettings.ExpirationCriterion'/],
    ['integer range', () => t.client.send(new sdk.PutAppInstanceRetentionSettingsCommand({ AppInstanceArn: instanceArn, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 5476 } } })), /'AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays'.*5475/],
    ['list size', () => t.client.send(new sdk.TagResourceCommand({ ResourceARN: instanceArn, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })), /'Tags'.*less than or equal to 50/],
    ['list item (1-based)', () => t.client.send(new sdk.TagResourceCommand({ ResourceARN: instanceArn, Tags: [{ Key: 'a', Value: 'b' }, { Key: 'k'.repeat(129), Value: 'v' }] })), /'Tags.2.Key'/],
    ['ARN pattern in the path', () => t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: 'not-an-arn' })), /'AppInstanceArn'.*ARN/],
    ['required body member', () => t.client.send(new sdk.UpdateAppInstanceCommand({ AppInstanceArn: instanceArn, Name: 'x' } as never)), /'Metadata'.*must not be null/],
    ['ClientRequestToken pattern', () => t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'x', ClientRequestToken: 'no spaces allowed' })), /'ClientRequestToken'/],
    ['MaxResults above 50', () => t.client.send(new sdk.ListAppInstancesCommand({ MaxResults: 51 })), /'MaxResults'.*50/],
    ['Lex alias ARN', () => t.client.send(new sdk.CreateAppInstanceBotCommand({ AppInstanceArn: instanceArn, Configuration: { Lex: { LexBotAliasArn: 'arn:aws:lex:nope', LocaleId: 'en_US' } } })), /'Configuration.Lex.LexBotAliasArn'/],
  ];
  test.each(cases)('%s', async (_name, call, message) => {
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(sdk.BadRequestException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.Code).toBe('BadRequest');
    expect(error.message).toMatch(/^\d+ validation errors? detected: Value at '/);
    expect(error.message).toMatch(message);
  });
});

test('NotFoundException (404) for missing resources of every kind', async () => {
  const missingInstance = instanceArn.replace(/[0-9a-f]{8}-/, '00000000-');
  const calls = [
    t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: missingInstance })),
    t.client.send(new sdk.DescribeAppInstanceUserCommand({ AppInstanceUserArn: `${instanceArn}/user/ghost` })),
    t.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: 'nope' })),
    t.client.send(new sdk.DescribeAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: userArn })),
    t.client.send(new sdk.DescribeAppInstanceBotCommand({ AppInstanceBotArn: `${instanceArn}/bot/ghost` })),
    t.client.send(new sdk.ListTagsForResourceCommand({ ResourceARN: `${instanceArn}/user/ghost` })),
    t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: missingInstance, AppInstanceUserId: 'x', Name: 'x' })),
  ];
  for (const call of calls) {
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(sdk.NotFoundException);
    expect([error.$metadata?.httpStatusCode, error.Code]).toEqual([404, 'NotFound']);
  }
});

test('ConflictException: duplicate AppInstanceUserId, same device token twice, duplicate admin', async () => {
  const dup = await rejectionOf(t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'u1', Name: 'Again' })));
  expect(dup).toBeInstanceOf(sdk.ConflictException);
  expect([dup.$metadata?.httpStatusCode, dup.Code]).toEqual([409, 'Conflict']);

  await register('11'.repeat(32));
  const twice = await rejectionOf(register('11'.repeat(32), { Type: 'APNS_SANDBOX' }));
  expect(twice).toBeInstanceOf(sdk.ConflictException);
  expect(twice.message).toMatch(/already registered/);

  await t.client.send(new sdk.CreateAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: userArn }));
  expect(await rejectionOf(t.client.send(new sdk.CreateAppInstanceAdminCommand({ AppInstanceArn: instanceArn, AppInstanceAdminArn: userArn })))).toBeInstanceOf(sdk.ConflictException);
});

test('ResourceLimitExceededException (400) past the endpoint limit and past 50 tags', async () => {
  const { AppInstanceUserArn } = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'limited', Name: 'L' }));
  const reg = (i: number) =>
    t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: String(i).repeat(64) } }));
  for (const i of [1, 2, 3]) await reg(i);
  const error = await rejectionOf(reg(4));
  expect(error).toBeInstanceOf(sdk.ResourceLimitExceededException);
  expect([error.$metadata?.httpStatusCode, error.Code]).toEqual([400, 'ResourceLimitExceeded']);

  const tags = (from: number) => Array.from({ length: 30 }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
  await t.client.send(new sdk.TagResourceCommand({ ResourceARN: AppInstanceUserArn, Tags: tags(0) }));
  expect(await rejectionOf(t.client.send(new sdk.TagResourceCommand({ ResourceARN: AppInstanceUserArn, Tags: tags(30) })))).toBeInstanceOf(sdk.ResourceLimitExceededException);
});

test('ServiceFailureException (500) when the sandbox itself fails', async () => {
  const spy = vi.spyOn(t.sandbox.state, 'appInstance').mockImplementation(() => {
    throw new Error('boom');
  });
  try {
    const error = await rejectionOf(t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: instanceArn })));
    expect(error).toBeInstanceOf(sdk.ServiceFailureException);
    expect([error.$metadata?.httpStatusCode, error.Code]).toEqual([500, 'ServiceFailure']);
  } finally {
    spy.mockRestore();
  }
});
