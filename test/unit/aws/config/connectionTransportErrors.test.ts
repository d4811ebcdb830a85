/**
 * Transport failures of the connection's clients are named by the setting
 * behind them (the issue: "a proxy that refuses ... gives a message naming the
 * proxy or the CA problem, not a bare network error"): the configured endpoint
 * and where it was set, or the proxy (its password redacted), for Identity,
 * the other service clients, and "Who am I".
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConnectionManager } from '../../../../src/main/aws/connections';
import { ActivityLog } from '../../../../src/main/aws/activityLog';
import { SANDBOX_CREDENTIALS } from '../../../../src/main/sandbox';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

let home: AwsHome;
let closedPort: number;

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  closedPort = await freePort();
  home = await makeAwsHome({
    config: `
[profile gone]
endpoint_url = http://127.0.0.1:${closedPort}
max_attempts = 1

[profile proxied]
endpoint_url = https://chime.corp.example
max_attempts = 1
`,
    credentials: `
[gone]
aws_access_key_id = AKIDGONE
aws_secret_access_key = s
[proxied]
aws_access_key_id = AKIDPROXIED
aws_secret_access_key = s
`,
  });
});
afterAll(async () => {
  await home.remove();
});

const activityLog = new ActivityLog();

function manager(extraEnv: Record<string, string> = {}, proxyForUrl?: (url: string) => string): ConnectionManager {
  return new ConnectionManager({
    activityLog,
    ...(proxyForUrl ? { proxyForUrl } : {}),
    sandboxEndpoint: () => ({ url: 'http://127.0.0.1:1', credentials: SANDBOX_CREDENTIALS }),
    profileSource: { env: envFor(home, extraEnv), homeDir: home.home },
    client: { timeoutMs: 3000 },
  });
}

it('an unreachable endpoint_url is named with the file it came from, on every client of the connection', async () => {
  const m = manager();
  await m.select({ kind: 'profile', profile: 'gone', region: 'us-east-1' });
  const expected = new RegExp(
    `^Cannot reach http://127\\.0\\.0\\.1:${closedPort} \\(endpoint_url from profile "gone", endpoint_url in .*config\\) for profile "gone" \\(ECONNREFUSED\\)\\.$`,
  );
  const listed = await m.invoke('ListAppInstances', {});
  expect(!listed.ok && listed.error).toMatchObject({ code: 'NetworkError', message: expect.stringMatching(expected) });

  const clients = await m.clients();
  if (!clients.ok) throw new Error(clients.error.message);
  const { ListChannelsCommand } = await import('@aws-sdk/client-chime-sdk-messaging');
  await clients.value.messaging
    .send(new ListChannelsCommand({ AppInstanceArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/x', ChimeBearer: 'arn:aws:chime:us-east-1:000000000000:app-instance/x/user/u' }))
    .catch(() => undefined);
  // The activity log's entry, mapped with the Messaging client's own settings.
  const entry = activityLog.entries().find((e) => e.service === 'messaging');
  expect(entry?.error?.message).toMatch(expected);

  const me = await m.whoAmI();
  expect(!me.ok && me.error.message).toMatch(expected);
  m.dispose();
});

it('a proxy that is not listening is named as the problem, without its password', async () => {
  const m = manager({ HTTPS_PROXY: `http://alice:s3cret-pass@127.0.0.1:${closedPort}` });
  await m.select({ kind: 'profile', profile: 'proxied', region: 'us-east-1' });
  const listed = await m.invoke('ListAppInstances', {});
  expect(listed.ok).toBe(false);
  const message = !listed.ok ? listed.error.message : '';
  expect(message).toContain(`Cannot reach the proxy http://alice:***@127.0.0.1:${closedPort}`);
  expect(message).toContain('profile "proxied"');
  expect(message).not.toContain('s3cret-pass');
  m.dispose();
});

it('with the OS proxy settings (the app passes Electron resolveProxy), every call asks them and names that proxy', async () => {
  const asked: string[] = [];
  const m = manager({}, (url) => {
    asked.push(url);
    return `http://127.0.0.1:${closedPort}`;
  });
  await m.select({ kind: 'profile', profile: 'proxied', region: 'us-east-1' });
  const listed = await m.invoke('ListAppInstances', {});
  expect(!listed.ok && listed.error.message).toContain(`Cannot reach the proxy http://127.0.0.1:${closedPort}`);
  expect(asked.some((url) => url.startsWith('https://chime.corp.example'))).toBe(true);
  // "Who am I" (STS) takes the same route.
  const me = await m.whoAmI();
  expect(!me.ok && me.error.message).toContain(`Cannot reach the proxy http://127.0.0.1:${closedPort}`);
  m.dispose();
});
