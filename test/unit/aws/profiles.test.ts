import { afterEach, describe, expect, it } from 'vitest';
import { listProfiles, sharedFilePaths } from '../../../src/main/aws/profiles';
import { ENVIRONMENT_PROFILE, type ProfileSummary } from '../../../src/shared/aws/types';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';

const CONFIG = `
[default]
region = eu-central-1

[profile dev-role]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = default

[profile mfa-role]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::111122223333:mfa/alice
region = us-east-1

[profile ec2-role]
role_arn = arn:aws:iam::111122223333:role/Ec2
credential_source = Ec2InstanceMetadata

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile process]
credential_process = /usr/local/bin/fetch-creds --json

[profile web]
role_arn = arn:aws:iam::111122223333:role/Web
web_identity_token_file = /var/run/token

[profile broken-role]
role_arn = arn:aws:iam::111122223333:role/Nowhere

[profile orphan-role]
role_arn = arn:aws:iam::111122223333:role/Orphan
source_profile = missing

[profile sso-dangling]
sso_session = nope
sso_account_id = 1
sso_role_name = R

[profile sso-partial]
sso_start_url = https://partial.awsapps.com/start

[profile empty]
output = json

[services local]
chime-sdk-identity =
  endpoint_url = http://127.0.0.1:9
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULTKEY000001
aws_secret_access_key = default-secret-never-shown

[ci]
aws_access_key_id = AKIACIKEY00000000002
aws_secret_access_key = ci-secret-never-shown
aws_session_token = ci-session-token-never-shown

[half]
aws_access_key_id = AKIAHALF000000000003
`;

let home: AwsHome;
afterEach(() => home?.remove());

const byName = (profiles: readonly ProfileSummary[]) => Object.fromEntries(profiles.map((p) => [p.name, p]));

describe('listProfiles', () => {
  it('classifies every kind of profile from both files', async () => {
    home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const list = await listProfiles({ env: envFor(home), homeDir: home.home });
    const p = byName(list.profiles);

    expect(list.profiles[0]?.name).toBe('default');
    expect(Object.keys(p)).not.toContain('local');
    expect(p.default).toEqual({ name: 'default', kind: 'static', region: 'eu-central-1', isDefault: true });
    expect(p.ci).toMatchObject({ kind: 'static', isDefault: false });
    expect(p.half).toMatchObject({ kind: 'static', problem: 'Has no aws_secret_access_key.' });
    expect(p['dev-role']).toEqual({
      name: 'dev-role',
      kind: 'assume-role',
      roleArn: 'arn:aws:iam::111122223333:role/Dev',
      sourceProfile: 'default',
      isDefault: false,
    });
    expect(p['mfa-role']).toMatchObject({ kind: 'assume-role-mfa', mfaSerial: 'arn:aws:iam::111122223333:mfa/alice', region: 'us-east-1' });
    expect(p['ec2-role']).toMatchObject({ kind: 'assume-role', credentialSource: 'Ec2InstanceMetadata' });
    expect(p['sso-new']).toMatchObject({ kind: 'sso', ssoSession: 'corp', ssoStartUrl: 'https://corp.awsapps.com/start', ssoRoleName: 'Developer' });
    expect(p['sso-new']?.problem).toBeUndefined();
    expect(p['sso-legacy']).toMatchObject({ kind: 'sso', ssoStartUrl: 'https://legacy.awsapps.com/start', ssoAccountId: '111122223333' });
    expect(p['sso-legacy']?.ssoSession).toBeUndefined();
    expect(p.process).toMatchObject({ kind: 'credential-process' });
    expect(p.web).toMatchObject({ kind: 'web-identity', roleArn: 'arn:aws:iam::111122223333:role/Web' });
  });

  it('flags incomplete and unknown profiles with the reason', async () => {
    home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const p = byName((await listProfiles({ env: envFor(home), homeDir: home.home })).profiles);
    expect(p['broken-role']?.problem).toMatch(/neither source_profile nor credential_source/);
    expect(p['orphan-role']?.problem).toBe('source_profile "missing" does not exist.');
    expect(p['sso-dangling']?.problem).toBe('[sso-session nope] is not in the config file.');
    expect(p['sso-partial']?.problem).toMatch(/missing sso_region, sso_account_id, sso_role_name/);
    expect(p.empty).toMatchObject({ kind: 'unknown' });
    expect(p.empty?.problem).toMatch(/No credentials/);
  });

  it('takes the region from AWS_REGION when the profile has none', async () => {
    home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const p = byName((await listProfiles({ env: envFor(home, { AWS_REGION: 'us-east-1' }), homeDir: home.home })).profiles);
    expect(p.ci?.region).toBe('us-east-1');
    expect(p.default?.region).toBe('eu-central-1');
  });

  it('honours AWS_PROFILE, and reports it when the profile does not exist', async () => {
    home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const chosen = await listProfiles({ env: envFor(home, { AWS_PROFILE: 'ci' }), homeDir: home.home });
    expect(chosen.defaultProfile).toBe('ci');
    expect(chosen.profiles.filter((x) => x.isDefault).map((x) => x.name)).toEqual(['ci']);

    const missing = await listProfiles({ env: envFor(home, { AWS_PROFILE: 'ghost' }), homeDir: home.home });
    expect(missing.defaultProfile).toBe('default');
    expect(missing.problems).toEqual(['AWS_PROFILE is set to "ghost", which is not in the config or credentials file.']);
  });

  it('adds the environment pseudo-profile when keys are in the environment', async () => {
    home = await makeAwsHome({ config: '', credentials: '' });
    const env = envFor(home, { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_DEFAULT_REGION: 'eu-central-1' });
    const list = await listProfiles({ env, homeDir: home.home });
    expect(list.profiles).toEqual([{ name: ENVIRONMENT_PROFILE, kind: 'environment', region: 'eu-central-1', isDefault: true }]);
    expect(list.defaultProfile).toBe(ENVIRONMENT_PROFILE);
  });

  it('finds no profile and no default when the files do not exist', async () => {
    home = await makeAwsHome({});
    const list = await listProfiles({ env: {}, homeDir: home.home });
    expect(list).toMatchObject({ profiles: [], defaultProfile: undefined, problems: [] });
    expect(list.configFile).toBe(sharedFilePaths({ env: {}, homeDir: home.home }).configFile);
    expect(list.configFile.startsWith(home.home)).toBe(true);
  });

  it('re-reads the files on every call', async () => {
    home = await makeAwsHome({ credentials: '[a]\naws_access_key_id=A\naws_secret_access_key=B\n' });
    const options = { env: envFor(home), homeDir: home.home };
    expect((await listProfiles(options)).profiles.map((p) => p.name)).toEqual(['a']);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(home.credentialsFile, '[b]\naws_access_key_id=A\naws_secret_access_key=B\n');
    expect((await listProfiles(options)).profiles.map((p) => p.name)).toEqual(['b']);
  });
});
