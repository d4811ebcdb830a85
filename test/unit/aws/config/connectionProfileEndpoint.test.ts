/**
 * The first finding, end to end through ConnectionManager: a profile
 * whose endpoint_url points at a local endpoint (the sandbox) is called there,
 * and a profile without one is not sent to default's.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConnectionManager } from '../../../../src/main/aws/connections';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../../src/main/sandbox';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';
import { IamState } from '../../../../src/main/sandbox/iam';
import { handleSts, IssuedCredentials, matchesSts } from '../../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from '../support/serviceServer';

let sandbox: RunningSandbox;
let home: AwsHome;
let sts: ServiceServer;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  const ctx = { now: () => Date.now(), region: 'us-east-1', accountId: '000000000000', iam: new IamState(), credentials: new IssuedCredentials() };
  sts = await startServiceServer([{ matches: matchesSts, handle: (r) => handleSts(r, ctx) }]);
  home = await makeAwsHome({
    config: `
[default]
endpoint_url = ${sandbox.url}

[profile local]
endpoint_url = ${sandbox.url}
services = split

[services split]
sts =
  endpoint_url = ${sts.url}

[profile elsewhere]
endpoint_url = http://127.0.0.1:9
max_attempts = 1

[profile bad]
services = nowhere
`,
    credentials: `
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = s
[local]
aws_access_key_id = AKIDLOCAL
aws_secret_access_key = s
[elsewhere]
aws_access_key_id = AKIDELSE
aws_secret_access_key = s
[bad]
aws_access_key_id = AKIDBAD
aws_secret_access_key = s
`,
  });
});
afterAll(async () => {
  await sandbox.close();
  await sts.close();
  await home.remove();
});

function manager(): ConnectionManager {
  return new ConnectionManager({
    sandboxEndpoint: () => ({ url: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
    profileSource: { env: envFor(home, { AWS_PROFILE: 'default' }), homeDir: home.home },
  });
}

it("calls the endpoint_url of the selected profile, not default's", async () => {
  const m = manager();
  expect((await m.select({ kind: 'profile', profile: 'local', region: 'us-east-1' })).ok).toBe(true);
  const listed = await m.invoke('ListAppInstances', {});
  expect(listed.ok && listed.value.AppInstances?.[0]?.AppInstanceArn).toBe(sandbox.demoAppInstanceArn);
  // "Who am I" asks the profile's STS: here its services section's.
  expect(await m.whoAmI()).toMatchObject({ ok: true, value: { account: '000000000000' } });
  expect(sts.requests).toHaveLength(1);

  await m.select({ kind: 'profile', profile: 'elsewhere', region: 'us-east-1' });
  const failed = await m.invoke('ListAppInstances', {});
  expect(failed.ok).toBe(false);
  expect(!failed.ok && failed.error.code).toBe('NetworkError');
  expect(!failed.ok && failed.error.message).toContain('ECONNREFUSED');
  m.dispose();
});

it('a broken services setting fails the selection with a message naming the profile', async () => {
  const m = manager();
  const result = await m.select({ kind: 'profile', profile: 'bad', region: 'us-east-1' });
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'InvalidInput', message: expect.stringContaining('Profile "bad" names services = nowhere') },
  });
  m.dispose();
});
