/**
 * Issue 10: "Copy as AWS CLI command" through main's real services never
 * reveals a full device token unless asked (revealTokens: true); left out,
 * the contract's default keeps tokens shortened. A handler that always used
 * the raw input passed every test before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../support/mainServices';
import type { ActivityEntry } from '../../../src/shared/aws/types';

const DEVICE = 'c0ffee'.repeat(10) + 'beef';
const VOIP = 'feed'.repeat(16);
let t: TestServices;
let entry: ActivityEntry;

beforeAll(async () => {
  t = await startTestServices('cew-cli-');
  await t.call('workspace:restore');
  await t.call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
  const { AppInstanceArn } = await t.call<{ AppInstanceArn: string }>('chime:CreateAppInstance', { Name: 'Cli', ClientRequestToken: 'cli-test-instance-0001' });
  const { AppInstanceUserArn } = await t.call<{ AppInstanceUserArn: string }>('chime:CreateAppInstanceUser', {
    AppInstanceArn,
    AppInstanceUserId: 'cli-user',
    Name: 'Cli user',
    ClientRequestToken: 'cli-test-user-000001',
  });
  await t.call('chime:RegisterAppInstanceUserEndpoint', {
    AppInstanceUserArn,
    Type: 'APNS',
    ResourceArn: 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef',
    EndpointAttributes: { DeviceToken: DEVICE, VoipDeviceToken: VOIP },
    ClientRequestToken: 'cli-test-endpoint-001',
  });
  const log = await t.call<ActivityEntry[]>('activity:list');
  entry = log.find((e) => e.operation === 'RegisterAppInstanceUserEndpoint')!;
});
afterAll(() => t?.close());

describe('Copy as AWS CLI command', () => {
  it('writes placeholders for hidden tokens by default and when reveal is false (issue 11 item 2: runs as pasted once filled in)', async () => {
    for (const input of [{ id: entry.id }, { id: entry.id, revealTokens: false }]) {
      const { command } = await t.call<{ command: string }>('activity:cli', input);
      expect(command).toContain('register-app-instance-user-endpoint');
      expect(command).not.toContain(DEVICE);
      expect(command).not.toContain(VOIP);
      expect(command).toContain('<DEVICE_TOKEN>');
      expect(command).toContain('<VOIP_DEVICE_TOKEN>');
    }
  });

  it('reveals the full tokens only when asked', async () => {
    const { command } = await t.call<{ command: string }>('activity:cli', { id: entry.id, revealTokens: true });
    expect(command).toContain(DEVICE);
    expect(command).toContain(VOIP);
  });

  it('never has a full token in the activity list or its export', async () => {
    const all = JSON.stringify([await t.call('activity:list'), await t.call('activity:export')]);
    expect(all).not.toContain(DEVICE);
    expect(all).not.toContain(VOIP);
  });
});
