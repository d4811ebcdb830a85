/** STS through the real sandbox (startSandbox, fake clock) and the real STSClient, with IAM behind it. */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IamState, PUSH_ROLE_NAME } from '../../../src/main/sandbox/iam';
import { IssuedCredentials, SANDBOX_MFA_CODE } from '../../../src/main/sandbox/sts';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';

const ACCOUNT = '000000000000';
const START = Date.parse('2026-11-30T12:00:00Z');
const LONG_TERM = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'secret' };

let clock = START;
let iamState: IamState;
let credentials: IssuedCredentials;
let server: RunningSandbox;
const clients: { destroy(): void }[] = [];

function sts(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = LONG_TERM): STSClient {
  const client = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  clients.push(client);
  return client;
}

function iam(): IAMClient {
  const client = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: LONG_TERM, maxAttempts: 1 });
  clients.push(client);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected a rejection');
}

const trust = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });
const ACCOUNT_TRUST = trust({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } });
const MFA_TRUST = trust({ Principal: { AWS: ACCOUNT }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/dev-phone`;

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

beforeAll(async () => {
  server = await startSandbox({ port: 0, now: () => clock });
});

afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
});

beforeEach(() => {
  clock = START;
  iamState = new IamState();
  credentials = new IssuedCredentials();
  Object.assign(server.account, { iam: iamState, credentials });
});

describe('GetCallerIdentity', () => {
  it('answers the account root for a long-term key', async () => {
    expect(await sts().send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT });
  });

  it('needs a signature (MissingAuthenticationToken)', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>');
  });
});

describe('AssumeRole', () => {
  it('issues credentials that then act as the assumed role and that the core can recognise', async () => {
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: ACCOUNT_TRUST }));
    const assumed = await sts().send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'ci-run', DurationSeconds: 900 }));
    const c = assumed.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c?.Expiration?.getTime()).toBe(START + 900_000);
    expect(assumed.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-run`, AssumedRoleId: `${role.Role?.RoleId}:ci-run` });
    expect(assumed.PackedPolicySize).toBeUndefined();

    const session = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
    const me = await sts(session).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-run`, UserId: `${role.Role?.RoleId}:ci-run`, Account: ACCOUNT });

    expect(credentials.isIssuedKey(session.accessKeyId)).toBe(true);
    expect(credentials.isIssuedKey('AKIDSANDBOX')).toBe(false);
    expect(credentials.check(session.accessKeyId, session.sessionToken, clock)).toMatchObject({ ok: true, credential: { secretAccessKey: session.secretAccessKey } });
    expect(credentials.check(session.accessKeyId, undefined, clock)).toMatchObject({ ok: false, code: 'InvalidClientTokenId' });
    expect(iamState.role('deployer')?.lastUsed).toEqual({ date: START, region: 'us-east-1' });

    // Once expired: 403 ExpiredToken, for the core's check and for STS itself.
    clock = START + 900_000;
    expect(credentials.check(session.accessKeyId, session.sessionToken, clock)).toMatchObject({ ok: false, code: 'ExpiredToken' });
    const expired = await rejection(sts(session).send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');
    expect(expired.$metadata.httpStatusCode).toBe(403);
  });

  it('is denied when the trust policy does not name the caller, or the role does not exist', async () => {
    const push = await iam().send(
      new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: trust({ Principal: { Service: 'messaging.chime.amazonaws.com' } }) }),
    );
    const denied = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: push.Role?.Arn, RoleSessionName: 'me' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toBe(`User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${push.Role?.Arn}`);
    const missing = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, RoleSessionName: 'me' })));
    expect(missing.name).toBe('AccessDenied');
    expect(credentials.size).toBe(0);
  });

  it('checks MFA: required by the trust policy, and only the sandbox code passes', async () => {
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: MFA_TRUST }));
    const arn = role.Role?.Arn;
    const without = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess' })));
    expect(without.name).toBe('AccessDenied');
    const wrong = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', SerialNumber: MFA_SERIAL, TokenCode: '654321' })));
    expect(wrong.name).toBe('AccessDenied');
    expect(wrong.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    const ok = await sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', SerialNumber: MFA_SERIAL, TokenCode: SANDBOX_MFA_CODE }));
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const badCode = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', SerialNumber: MFA_SERIAL, TokenCode: '12345a' })));
    expect(badCode.name).toBe('ValidationError');
  });

  it('enforces MaxSessionDuration, the one-hour limit of role chaining and session policy syntax', async () => {
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: ACCOUNT_TRUST, MaxSessionDuration: 7200 }));
    const arn = role.Role?.Arn;
    const tooLong = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', DurationSeconds: 7201 })));
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

    const first = await sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', DurationSeconds: 7200 }));
    const chained = sts({ accessKeyId: first.Credentials?.AccessKeyId ?? '', secretAccessKey: first.Credentials?.SecretAccessKey ?? '', sessionToken: first.Credentials?.SessionToken ?? '' });
    // The role trusts the account root, which covers its own sessions.
    const hop = await rejection(chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's2', DurationSeconds: 7200 })));
    expect(hop.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    expect((await chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's2' }))).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/r/s2`);

    const badPolicy = await rejection(sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', Policy: '{"Statement":' })));
    expect(badPolicy.name).toBe('MalformedPolicyDocumentException');
    const scoped = await sts().send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }),
    );
    expect(scoped.PackedPolicySize).toBeGreaterThan(0);
  });
});

describe('GetSessionToken', () => {
  it('issues session credentials for the caller, refuses session callers, and carries MFA into AssumeRole', async () => {
    const plain = await sts().send(new GetSessionTokenCommand({}));
    expect(plain.Credentials?.Expiration?.getTime()).toBe(START + 43200_000);
    const session = { accessKeyId: plain.Credentials?.AccessKeyId ?? '', secretAccessKey: plain.Credentials?.SecretAccessKey ?? '', sessionToken: plain.Credentials?.SessionToken ?? '' };
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    const again = await rejection(sts(session).send(new GetSessionTokenCommand({})));
    expect(again.name).toBe('AccessDenied');
    expect(again.message).toBe('Cannot call GetSessionToken with session credentials');

    const wrong = await rejection(sts().send(new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: '000000' })));
    expect(wrong.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    const withMfa = await sts().send(new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: SANDBOX_MFA_CODE, DurationSeconds: 900 }));
    const mfaSession = sts({
      accessKeyId: withMfa.Credentials?.AccessKeyId ?? '',
      secretAccessKey: withMfa.Credentials?.SecretAccessKey ?? '',
      sessionToken: withMfa.Credentials?.SessionToken ?? '',
    });
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: MFA_TRUST }));
    expect((await mfaSession.send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'xx' }))).AssumedRoleUser?.Arn).toContain('assumed-role/admin/xx');
    expect((await rejection(sts(session).send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'xx' })))).name).toBe('AccessDenied');
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  const provider = 'token.actions.githubusercontent.com';
  const webTrust = JSON.stringify({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [`${provider}:sub`]: 'repo:acme/app:*' } },
      },
    ],
  });

  it('trades an unexpired JWT for credentials when the trust policy names its provider and subject', async () => {
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'gha', AssumeRolePolicyDocument: webTrust }));
    const token = jwt({ iss: `https://${provider}`, sub: 'repo:acme/app:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: START / 1000 + 300 });
    const unsigned = new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
    clients.push(unsigned);
    const result = await unsigned.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'gha', WebIdentityToken: token }));
    expect(result.SubjectFromWebIdentityToken).toBe('repo:acme/app:ref:refs/heads/main');
    expect(result.Provider).toBe(provider);
    expect(result.Audience).toBe('sts.amazonaws.com');
    expect(credentials.isIssuedKey(result.Credentials?.AccessKeyId ?? '')).toBe(true);

    const otherRepo = jwt({ iss: `https://${provider}`, sub: 'repo:evil/app:ref:x', aud: 'sts.amazonaws.com' });
    expect((await rejection(unsigned.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'gha', WebIdentityToken: otherRepo })))).name).toBe('AccessDenied');
    const expired = jwt({ iss: `https://${provider}`, sub: 'repo:acme/app:x', aud: 'a', exp: START / 1000 - 1 });
    const e = await rejection(unsigned.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'gha', WebIdentityToken: expired })));
    expect(e.name).toBe('ExpiredTokenException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    const garbage = await rejection(unsigned.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'gha', WebIdentityToken: 'not-a-jwt' })));
    expect(garbage.name).toBe('InvalidIdentityTokenException');
  });
});

describe('state', () => {
  it('round-trips issued credentials through toJSON/fromJSON', async () => {
    const role = await iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: ACCOUNT_TRUST }));
    const assumed = await sts().send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'sess' }));
    credentials = IssuedCredentials.fromJSON(JSON.parse(JSON.stringify(credentials)));
    server.account.credentials = credentials;
    const session = { accessKeyId: assumed.Credentials?.AccessKeyId ?? '', secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '', sessionToken: assumed.Credentials?.SessionToken ?? '' };
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/r/sess`);
    expect(() => IssuedCredentials.fromJSON({ version: 1, credentials: [{}] })).toThrow();
  });
});
