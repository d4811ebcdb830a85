import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCredentialsProvider, memoizeCredentials, type RoleAssumer } from '../../../src/main/aws/credentials';
import { WorkbenchFailure } from '../../../src/shared/errors';
import { MfaPromptBroker } from '../../../src/main/aws/mfaPrompt';
import { WorkbenchCodes, type WorkbenchError } from '../../../src/shared/errors';
import { ENVIRONMENT_PROFILE } from '../../../src/shared/aws/types';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';
import { startStsStandIn, type StsStandIn } from './support/stsStandIn';

const CREDENTIALS = `
[base]
aws_access_key_id = AKIABASE000000000001
aws_secret_access_key = base-secret
`;
const CONFIG = `
[profile role]
role_arn = arn:aws:iam::111122223333:role/Dev
role_session_name = workbench
source_profile = base
region = us-east-1

[profile mfa]
role_arn = arn:aws:iam::111122223333:role/Admin
role_session_name = workbench
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/alice

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile via-sso]
role_arn = arn:aws:iam::111122223333:role/Chained
source_profile = sso-legacy
`;

let home: AwsHome;
let sts: StsStandIn;
beforeAll(async () => {
  home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
  sts = await startStsStandIn();
});
afterAll(async () => {
  await sts.close();
  await home.remove();
});
afterEach(() => {
  sts.requests.length = 0;
  sts.expectedMfaCode = undefined;
});

const base = () => ({ env: envFor(home), homeDir: home.home, region: 'us-east-1', stsEndpoint: sts.url });

async function failureOf(promise: Promise<unknown>): Promise<WorkbenchError> {
  const thrown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(WorkbenchFailure);
  return (thrown as WorkbenchFailure).error;
}

describe('static and assume-role credentials', () => {
  it('resolves static keys', async () => {
    const creds = await createCredentialsProvider({ ...base(), profile: 'base' })();
    expect(creds).toMatchObject({ accessKeyId: 'AKIABASE000000000001', secretAccessKey: 'base-secret' });
  });

  it('assumes a role through the injected role assumer with the source profile keys', async () => {
    const roleAssumer = vi.fn<RoleAssumer>(async () => ({ accessKeyId: 'ASIAFAKE', secretAccessKey: 's', sessionToken: 't' }));
    const creds = await createCredentialsProvider({ ...base(), profile: 'role', roleAssumer })();
    expect(creds.accessKeyId).toBe('ASIAFAKE');
    expect(roleAssumer).toHaveBeenCalledOnce();
    const [source, params] = roleAssumer.mock.calls[0]!;
    expect(source.accessKeyId).toBe('AKIABASE000000000001');
    expect(params).toMatchObject({ RoleArn: 'arn:aws:iam::111122223333:role/Dev', RoleSessionName: 'workbench' });
  });

  it('assumes a role with the SDK role assumer against a loopback STS', async () => {
    const creds = await createCredentialsProvider({ ...base(), profile: 'role' })();
    expect(creds.accessKeyId).toMatch(/^ASIAROLE\d+$/);
    expect(creds.sessionToken).toMatch(/^role-session-token-/);
    expect(creds.expiration).toBeInstanceOf(Date);
    expect(sts.requests).toEqual([expect.objectContaining({ action: 'AssumeRole', accessKeyId: 'AKIABASE000000000001' })]);
  });

  it('reads the environment pseudo-profile from the injected environment', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'env-token' };
    const creds = await createCredentialsProvider({ env, profile: ENVIRONMENT_PROFILE })();
    expect(creds).toEqual({ accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret', sessionToken: 'env-token' });
  });

  it('reports a profile that does not resolve as CredentialsUnavailable naming it', async () => {
    const error = await failureOf(createCredentialsProvider({ ...base(), profile: 'ghost' })());
    expect(error).toMatchObject({ code: WorkbenchCodes.CredentialsUnavailable, retryable: false });
    expect(error.message).toContain('"ghost"');
  });
});

describe('MFA', () => {
  it('asks once through the broker, sends the code to STS, and does not ask again while the session is valid', async () => {
    sts.expectedMfaCode = '123456';
    const broker = new MfaPromptBroker();
    const requests: unknown[] = [];
    broker.onRequest((request) => {
      requests.push(request);
      setTimeout(() => broker.reply(request.requestId, ' 123456 '), 5);
    });
    const provider = createCredentialsProvider({ ...base(), profile: 'mfa', mfaPrompt: broker.prompt });

    const [first, concurrent] = await Promise.all([provider(), provider()]);
    const again = await provider();
    expect(first.accessKeyId).toMatch(/^ASIAROLE/);
    expect(concurrent).toBe(first);
    expect(again).toBe(first);
    expect(requests).toEqual([{ requestId: expect.any(String), profile: 'mfa', mfaSerial: 'arn:aws:iam::111122223333:mfa/alice' }]);
    expect(sts.requests.map((r) => [r.action, r.params.TokenCode, r.params.SerialNumber])).toEqual([
      ['AssumeRole', '123456', 'arn:aws:iam::111122223333:mfa/alice'],
    ]);
  });

  it('asks again only when the session is near expiry', async () => {
    let clock = Date.now();
    const prompt = vi.fn(async () => '654321');
    const provider = createCredentialsProvider({ ...base(), profile: 'mfa', mfaPrompt: prompt, now: () => clock });
    const first = await provider();
    clock += 50 * 60_000; // 10 minutes left of the 1-hour session: still valid
    expect(await provider()).toBe(first);
    expect(prompt).toHaveBeenCalledOnce();
    clock += 6 * 60_000; // inside the 5-minute refresh window
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(prompt).toHaveBeenCalledTimes(2);
  });

  it('fails with MfaCancelled on cancel and asks again on the next call', async () => {
    const broker = new MfaPromptBroker();
    let answer: string | null = null;
    broker.onRequest((request) => setTimeout(() => broker.reply(request.requestId, answer), 1));
    const provider = createCredentialsProvider({ ...base(), profile: 'mfa', mfaPrompt: broker.prompt });

    const error = await failureOf(provider());
    expect(error).toMatchObject({ code: WorkbenchCodes.MfaCancelled, message: 'MFA code entry was cancelled for profile "mfa".' });
    expect(sts.requests).toEqual([]);

    answer = '111111';
    expect((await provider()).accessKeyId).toMatch(/^ASIAROLE/);
  });

  it('passes a wrong code on as the STS refusal, not cached', async () => {
    sts.expectedMfaCode = '000000';
    const provider = createCredentialsProvider({ ...base(), profile: 'mfa', mfaPrompt: async () => '999999' });
    const error = await failureOf(provider());
    expect(error).toMatchObject({ code: 'AccessDenied', httpStatus: 403 });
    expect(error.message).toMatch(/MultiFactorAuthentication failed/);
  });

  it('fails clearly when no prompt is wired', async () => {
    const error = await failureOf(createCredentialsProvider({ ...base(), profile: 'mfa' })());
    expect(error.code).toBe(WorkbenchCodes.CredentialsUnavailable);
    expect(error.message).toMatch(/requires multi-factor authentication/);
  });
});

describe('SSO', () => {
  const expired = { accessToken: 'sso-access-token', expiresAt: new Date(Date.now() - 60_000).toISOString() };

  it('names the exact login command when the legacy SSO token has expired', async () => {
    await home.writeSsoToken('https://legacy.awsapps.com/start', expired);
    const error = await failureOf(createCredentialsProvider({ ...base(), profile: 'sso-legacy' })());
    expect(error).toEqual({
      code: WorkbenchCodes.SsoTokenExpired,
      message: 'The SSO session of profile "sso-legacy" has expired. Use "Sign in with AWS SSO" in the app, or run `aws sso login --profile sso-legacy` in a terminal, then try again.',
      retryable: false,
    });
  });

  it('names the command when an sso-session token has expired and cannot be refreshed', async () => {
    await home.writeSsoToken('corp', expired);
    const error = await failureOf(createCredentialsProvider({ ...base(), profile: 'sso-new' })());
    expect(error.code).toBe(WorkbenchCodes.SsoTokenExpired);
    expect(error.message).toContain('`aws sso login --profile sso-new`');
  });

  it('names the SSO profile behind a role chain when its token is missing', async () => {
    const fresh = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    try {
      const error = await failureOf(createCredentialsProvider({ ...base(), env: envFor(fresh), homeDir: fresh.home, profile: 'via-sso' })());
      expect(error.code).toBe(WorkbenchCodes.SsoTokenExpired);
      expect(error.message).toBe('Profile "sso-legacy" has no SSO session yet. Use "Sign in with AWS SSO" in the app, or run `aws sso login --profile sso-legacy` in a terminal, then try again.');
    } finally {
      await fresh.remove();
    }
  });
});

describe('memoizeCredentials', () => {
  it('keeps credentials without expiration and does not cache failures', async () => {
    let calls = 0;
    const memo = memoizeCredentials(
      async () => {
        calls++;
        if (calls === 1) throw new Error('first fails');
        return { accessKeyId: 'A', secretAccessKey: 'B' };
      },
      { now: Date.now, refreshWindowMs: 1000 },
    );
    await expect(memo()).rejects.toThrow('first fails');
    const a = await memo();
    expect(await memo()).toBe(a);
    expect(calls).toBe(2);
  });
});
