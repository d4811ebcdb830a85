/**
 * The trap in the credential chain too: fromIni's STS role assumer takes its
 * endpoint from AWS_PROFILE/default, not from the profile being resolved.
 * Passing resolveClientConfig(profile, 'sts').config as fromIni's clientConfig
 * sends AssumeRole to the profile's own STS (here: a sandbox STS), through a
 * chain of three source_profiles.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveClientConfig } from '../../../../src/main/aws/config';
import { handleIam, IamState, matchesIam } from '../../../../src/main/sandbox/iam';
import { handleSts, IssuedCredentials, matchesSts } from '../../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from '../support/serviceServer';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

const ACCOUNT = '000000000000';
let good: ServiceServer;
let decoy: ServiceServer;
let home: AwsHome;
const issued = new IssuedCredentials();

async function stsAndIam(iam: IamState): Promise<ServiceServer> {
  const base = { now: () => Date.now(), region: 'us-east-1', accountId: ACCOUNT };
  return startServiceServer([
    { matches: matchesIam, handle: (r) => handleIam(r, { ...base, state: iam }) },
    { matches: matchesSts, handle: (r) => handleSts(r, { ...base, iam, credentials: issued }) },
  ]);
}

beforeAll(async () => {
  const iam = new IamState();
  good = await stsAndIam(iam);
  decoy = await stsAndIam(new IamState());
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });
  const admin = new IAMClient({
    endpoint: good.url,
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
endpoint_url = ${decoy.url}

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
role_session_name = workbench
source_profile = two
endpoint_url = ${good.url}
`,
    credentials: `
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = s
`,
  });
});

afterAll(async () => {
  await good.close();
  await decoy.close();
  await home.remove();
});

it("fromIni alone asks default's STS; with the profile's STS config the three-role chain runs against the profile's", async () => {
  const saved = { ...process.env };
  Object.assign(process.env, envFor(home));
  delete process.env['AWS_PROFILE'];
  try {
    const paths = { filepath: home.credentialsFile, configFilepath: home.configFile, ignoreCache: true };
    const trapped = await fromIni({ profile: 'three', ...paths })().catch((e: unknown) => e);
    expect(trapped).toBeInstanceOf(Error); // the decoy's IAM has no such roles
    expect(decoy.requests.length).toBeGreaterThan(0);
    expect(good.requests.filter((r) => r.body.includes('Action=AssumeRole'))).toHaveLength(0);

    const sts = await resolveClientConfig('three', 'sts', { env: envFor(home), homeDir: home.home });
    const creds = await fromIni({ profile: 'three', ...paths, clientConfig: { ...sts.config } })();
    sts.destroy();
    expect(issued.isIssuedKey(creds.accessKeyId)).toBe(true);
    expect(good.requests.filter((r) => r.body.includes('Action=AssumeRole'))).toHaveLength(3);
    const sessions = good.requests
      .filter((r) => r.body.includes('Action=AssumeRole'))
      .map((r) => new URLSearchParams(r.body).get('RoleArn'));
    expect(sessions).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/One`,
      `arn:aws:iam::${ACCOUNT}:role/Two`,
      `arn:aws:iam::${ACCOUNT}:role/Three`,
    ]);
  } finally {
    process.env = saved;
  }
});
