/**
 * The connection's credentials provider (credentials.ts) builds the STS and
 * SSO clients of the chain with the chosen profile's settings: a role chain
 * and an SSO profile both reach the endpoint named by THAT profile, while
 * `[default]` names a decoy sandbox that must see no request.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCredentialsProvider } from '../../../../src/main/aws/credentials';
import { signInWithDeviceCode } from '../../../../src/main/aws/sso';
import { handleIam, IamState, matchesIam } from '../../../../src/main/sandbox/iam';
import {
  approveDeviceCode,
  handleSsoOidc,
  handleSsoPortal,
  matchesSsoOidc,
  matchesSsoPortal,
  SsoState,
} from '../../../../src/main/sandbox/sso';
import { handleSts, IssuedCredentials, matchesSts } from '../../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from '../support/serviceServer';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

const ACCOUNT = '000000000000';

interface Cloud {
  readonly server: ServiceServer;
  readonly sso: SsoState;
  readonly issued: IssuedCredentials;
}

async function cloud(): Promise<Cloud> {
  const iam = new IamState();
  const sso = new SsoState();
  const issued = new IssuedCredentials();
  const base = { now: () => Date.now(), region: 'us-east-1', accountId: ACCOUNT };
  const server = await startServiceServer([
    { matches: matchesIam, handle: (r) => handleIam(r, { ...base, state: iam }) },
    { matches: matchesSts, handle: (r) => handleSts(r, { ...base, iam, credentials: issued }) },
    { matches: matchesSsoOidc, handle: (r) => handleSsoOidc(r, { ...base, state: sso }) },
    { matches: matchesSsoPortal, handle: (r) => handleSsoPortal(r, { ...base, state: sso, credentials: issued }) },
  ]);
  return { server, sso, issued };
}

let good: Cloud;
let decoy: Cloud;
let home: AwsHome;
const savedHome = process.env['HOME'];

beforeAll(async () => {
  good = await cloud();
  decoy = await cloud();
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });
  const admin = new IAMClient({
    endpoint: good.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDADMIN', secretAccessKey: 's' },
  });
  for (const RoleName of ['One', 'Two', 'Three'])
    await admin.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust }));
  admin.destroy();
  home = await makeAwsHome({
    config: `
[default]
region = us-east-1
endpoint_url = ${decoy.server.url}

[profile base]
region = us-east-1

[profile one]
role_arn = arn:aws:iam::${ACCOUNT}:role/One
source_profile = base

[profile two]
role_arn = arn:aws:iam::${ACCOUNT}:role/Two
source_profile = one

[profile three]
role_arn = arn:aws:iam::${ACCOUNT}:role/Three
source_profile = two
region = eu-west-1
endpoint_url = ${good.server.url}

[profile sb]
sso_session = sbs
sso_account_id = ${ACCOUNT}
sso_role_name = ReadOnlyAccess
region = eu-central-1
endpoint_url = ${good.server.url}

[sso-session sbs]
sso_start_url = https://sandbox.awsapps.com/start
sso_region = us-east-1
`,
    credentials: `
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = s
`,
  });
  // fromSSO reads the token cache under the process's home, as the CLI does.
  process.env['HOME'] = home.home;
});

afterAll(async () => {
  process.env['HOME'] = savedHome;
  await good.server.close();
  await decoy.server.close();
  await home.remove();
});

it("assumes a chain of three roles at the profile's own STS, not at default's", async () => {
  const provider = createCredentialsProvider({ profile: 'three', env: envFor(home), homeDir: home.home, region: 'eu-west-1' });
  const creds = await provider();
  provider.destroy?.();
  expect(good.issued.isIssuedKey(creds.accessKeyId)).toBe(true);
  const roles = good.server.requests
    .filter((r) => r.body.includes('Action=AssumeRole'))
    .map((r) => new URLSearchParams(r.body).get('RoleArn'));
  expect(roles).toEqual([`arn:aws:iam::${ACCOUNT}:role/One`, `arn:aws:iam::${ACCOUNT}:role/Two`, `arn:aws:iam::${ACCOUNT}:role/Three`]);
  expect(decoy.server.requests).toHaveLength(0);
});

it("gets SSO role credentials from the profile's own portal, in the SSO region, not default's", async () => {
  let userCode = '';
  await signInWithDeviceCode({
    profile: 'sb',
    env: envFor(home),
    homeDir: home.home,
    sleep: async () => undefined,
    onEvent: (event) => {
      if (event.type === 'verification') userCode = event.userCode;
      if (event.type === 'waiting' && event.polls === 1) approveDeviceCode(good.sso, { UserCode: userCode }, Date.now());
    },
  });
  const before = good.server.requests.length;
  const provider = createCredentialsProvider({ profile: 'sb', env: envFor(home), homeDir: home.home, region: 'eu-central-1' });
  const creds = await provider();
  provider.destroy?.();
  expect(good.issued.isIssuedKey(creds.accessKeyId)).toBe(true);
  const portal = good.server.requests.slice(before).filter((r) => r.path.startsWith('/federation/credentials'));
  expect(portal).toHaveLength(1);
  // The portal is signed for nobody, but the SDK puts the SSO region in the host it would use; the
  // bearer token reaches the sandbox, so the call went to the profile's endpoint_url.
  expect(portal[0]?.headers['x-amz-sso_bearer_token']).toBeTruthy();
  expect(decoy.server.requests).toHaveLength(0);
});
