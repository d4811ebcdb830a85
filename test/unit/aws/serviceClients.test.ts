import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListChannelsCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { GetAppsCommand } from '@aws-sdk/client-pinpoint';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ActivityLog } from '../../../src/main/aws/activityLog';
import { ConnectionManager } from '../../../src/main/aws/connections';
import { activityHandlers } from '../../../src/main/ipc/handlers/activityHandlers';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';

let sandbox: RunningSandbox;
let home: AwsHome;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  home = await makeAwsHome({
    config: '[profile local]\nregion = us-east-1\n',
    credentials: '[local]\naws_access_key_id = AKIALOCAL0000000001\naws_secret_access_key = s\n',
  });
});
afterAll(async () => {
  await Promise.all([sandbox.close(), home.remove()]);
});

function manager(log: ActivityLog, env: Record<string, string | undefined> = envFor(home)): ConnectionManager {
  return new ConnectionManager({
    sandboxEndpoint: () => ({ url: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
    profileSource: { env, homeDir: home.home },
    activityLog: log,
  });
}

const demoAppInstance = async (m: ConnectionManager) => {
  const listed = await m.invoke('ListAppInstances', {});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.AppInstances?.[0]?.AppInstanceArn ?? '';
};

describe('ConnectionManager.clients(): one factory for Identity, Messaging, Pinpoint and IAM', () => {
  it('reaches the Local sandbox with every client and logs each call with its service', async () => {
    const log = new ActivityLog();
    const m = manager(log);
    await m.select({ kind: 'sandbox', region: 'us-east-1' });
    const clients = await m.clients();
    if (!clients.ok) throw new Error(clients.error.message);
    const appInstanceArn = await demoAppInstance(m);
    const bearer = `${appInstanceArn}/user/workbench-push-sender`;
    await clients.value.messaging.send(new ListChannelsCommand({ AppInstanceArn: appInstanceArn, ChimeBearer: bearer })).catch(() => undefined);
    const apps = await clients.value.pinpoint.send(new GetAppsCommand({}));
    expect(apps.ApplicationsResponse?.Item?.length).toBeGreaterThan(0);
    const role = await clients.value.iam.send(new GetRoleCommand({ RoleName: 'ServiceRoleForAmazonChimePushNotification' }));
    expect(role.Role?.RoleName).toBe('ServiceRoleForAmazonChimePushNotification');
    expect(log.entries().map((e) => [e.service, e.operation])).toEqual([
      [undefined, 'ListAppInstances'],
      ['messaging', 'ListChannels'],
      ['pinpoint', 'GetApps'],
      ['iam', 'GetRole'],
    ]);
    // The same clients while the connection lasts.
    expect(await m.clients()).toBe(await m.clients());
    m.dispose();
  });

  it('copies a Messaging or Pinpoint call as a runnable AWS CLI command, without the logged idempotency token', async () => {
    const log = new ActivityLog();
    const m = manager(log);
    await m.select({ kind: 'sandbox', region: 'us-east-1' });
    const clients = await m.clients();
    if (!clients.ok) throw new Error(clients.error.message);
    const { CreateChannelCommand } = await import('@aws-sdk/client-chime-sdk-messaging');
    const appInstanceArn = await demoAppInstance(m);
    const users = await m.invoke('ListAppInstanceUsers', { AppInstanceArn: appInstanceArn });
    const bearer = users.ok ? (users.value.AppInstanceUsers?.[0]?.AppInstanceUserArn ?? '') : '';
    await clients.value.messaging.send(new CreateChannelCommand({ AppInstanceArn: appInstanceArn, Name: "it's mine", ChimeBearer: bearer, ClientRequestToken: 'logged-token-1' }));
    const entry = log.entries().find((e) => e.operation === 'CreateChannel');
    const cli = activityHandlers(log)['activity:cli']({ id: entry?.id ?? -1, revealTokens: false, shell: 'posix' });
    if (!cli.ok) throw new Error(cli.error.message);
    expect(cli.value.command).toMatch(/^aws chime-sdk-messaging create-channel/);
    expect(cli.value.command).toContain(`--name 'it'\\''s mine'`);
    expect(cli.value.command).toContain(`--endpoint-url ${sandbox.url}`);
    expect(cli.value.command).not.toContain('logged-token-1');
    m.dispose();
  });

  it("follows a profile's endpoint_url for every service, and a switch destroys the clients", async () => {
    const log = new ActivityLog();
    // A profile pointed at the sandbox by the shared config only: each service's client must follow it.
    const { writeFile } = await import('node:fs/promises');
    const env = envFor(home);
    await writeFile(env.AWS_CONFIG_FILE ?? '', `[profile local]\nregion = us-east-1\nendpoint_url = ${sandbox.url}\n`);
    const m = manager(log, env);
    const selected = await m.select({ kind: 'profile', profile: 'local', region: 'us-east-1' });
    if (!selected.ok) throw new Error(selected.error.message);
    const clients = await m.clients();
    if (!clients.ok) throw new Error(clients.error.message);
    const apps = await clients.value.pinpoint.send(new GetAppsCommand({}));
    expect(apps.ApplicationsResponse?.Item?.length).toBeGreaterThan(0);
    await m.select({ kind: 'sandbox', region: 'us-east-1' });
    await new Promise((r) => setTimeout(r, 0));
    // A destroyed client has closed its handler; the next call through it fails or is refused.
    expect(await m.clients()).not.toBe(clients);
    m.dispose();
  });
});
