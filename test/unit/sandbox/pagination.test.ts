/** Pagination through the SDK: the paginator over 1,000 users, MaxResults bounds, token tampering, stability. */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../../../src/main/sandbox/core/pagination';
import { seedUsers } from '../../../src/main/sandbox/identity/seed';
import { rejectionOf, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox;
let instanceArn = '';
let otherArn = '';

beforeAll(async () => {
  t = await startTestSandbox();
  instanceArn = (await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Big' }))).AppInstanceArn ?? '';
  otherArn = (await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Other' }))).AppInstanceArn ?? '';
  const instance = t.sandbox.state.appInstance(instanceArn);
  if (!instance) throw new Error('no instance');
  seedUsers(t.sandbox.state, instance, 1000, Date.now());
  for (const id of ['a', 'b', 'c']) {
    await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: otherArn, AppInstanceUserId: id, Name: id }));
  }
});
afterAll(() => t.close());

test('paginateListAppInstanceUsers walks 1,000 users in stable order, each exactly once', async () => {
  const names: string[] = [];
  let pages = 0;
  for await (const page of sdk.paginateListAppInstanceUsers({ client: t.client, pageSize: 50 }, { AppInstanceArn: instanceArn })) {
    pages++;
    expect(page.AppInstanceUsers?.length).toBeLessThanOrEqual(50);
    names.push(...(page.AppInstanceUsers ?? []).map((u) => u.AppInstanceUserArn ?? ''));
  }
  expect(pages).toBe(20);
  expect(names).toHaveLength(1000);
  expect(new Set(names).size).toBe(1000);
  expect([...names].sort()).toEqual(names);
});

test('default page size, MaxResults 1 and 50, no NextToken on the last page', async () => {
  const first = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: instanceArn }));
  expect(first.AppInstanceUsers).toHaveLength(DEFAULT_PAGE_SIZE);
  expect(first.NextToken).toBeTruthy();
  expect((await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: instanceArn, MaxResults: 1 }))).AppInstanceUsers).toHaveLength(1);
  const exact = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: otherArn, MaxResults: 3 }));
  expect(exact.AppInstanceUsers).toHaveLength(3);
  expect(exact).not.toHaveProperty('NextToken');
});

test('MaxResults outside 1..50 is a BadRequestException naming MaxResults', async () => {
  for (const MaxResults of [0, 51, -1]) {
    const error = await rejectionOf(t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: instanceArn, MaxResults })));
    expect(error).toBeInstanceOf(sdk.BadRequestException);
    expect(error.message).toMatch(/'MaxResults'/);
  }
});

test('garbage, tampered and foreign NextTokens are BadRequestExceptions', async () => {
  const page = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: otherArn, MaxResults: 1 }));
  const token = page.NextToken ?? '';
  const [payload = '', mac = ''] = token.split('.');
  const forged = `${Buffer.from(JSON.stringify({ s: `users:${otherArn}`, k: 'b' })).toString('base64url')}.${mac}`;
  for (const NextToken of ['garbage', `${payload}x.${mac}`, forged, `${token}.x`]) {
    const error = await rejectionOf(t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: otherArn, NextToken })));
    expect(error).toBeInstanceOf(sdk.BadRequestException);
    expect(error.message).toMatch(/NextToken/);
  }
  // A token from one AppInstance's list does not page another's.
  const foreign = await rejectionOf(t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: instanceArn, NextToken: token })));
  expect(foreign).toBeInstanceOf(sdk.BadRequestException);
});

test('a page continues after the previous page even when that last item was deleted', async () => {
  const first = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: otherArn, MaxResults: 1 }));
  expect(first.AppInstanceUsers?.map((u) => u.Name)).toEqual(['a']);
  await t.client.send(new sdk.DeleteAppInstanceUserCommand({ AppInstanceUserArn: first.AppInstanceUsers?.[0]?.AppInstanceUserArn }));
  const next = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: otherArn, MaxResults: 5, NextToken: first.NextToken }));
  expect(next.AppInstanceUsers?.map((u) => u.Name)).toEqual(['b', 'c']);
});

test('ListAppInstances pages too', async () => {
  const page1 = await t.client.send(new sdk.ListAppInstancesCommand({ MaxResults: 1 }));
  const page2 = await t.client.send(new sdk.ListAppInstancesCommand({ MaxResults: 1, NextToken: page1.NextToken }));
  expect(page2.NextToken).toBeUndefined();
  expect([page1.AppInstances?.[0]?.Name, page2.AppInstances?.[0]?.Name].sort()).toEqual(['Big', 'Other']);
});
