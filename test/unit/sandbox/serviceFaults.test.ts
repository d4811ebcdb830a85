/**
 * The errors the core raises around IAM, STS and the SSO portal (fault
 * injection, `deny=`, credential checks), through the real sandbox: the SDKs
 * classify them the AWS way, throttles and 503s retried, denials not.
 */
import { IAMClient, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';

let sandbox: RunningSandbox;
let clock = Date.parse('2026-11-30T12:00:00Z');
/** The fault draws of the next requests (0.1 throttles, 0.6 is unavailable, anything else passes). */
let draws: number[] = [];
const creds = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'secret' };
type Failure = Error & { $metadata: { httpStatusCode: number; attempts: number } };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, now: () => clock, random: () => draws.shift() ?? 0.9 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  draws = [];
  sandbox.controls.setFaults('throttle=0.4,unavailable=0.4');
});

it('IAM: Throttling (400) and ServiceUnavailable (503) are retried by the SDK', async () => {
  const iam = new IAMClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: creds, maxAttempts: 3 });
  draws = [0.1, 0.6];
  const result = await iam.send(new ListPoliciesCommand({}));
  expect(result.Policies).toEqual([]);
  expect(result.$metadata.attempts).toBe(3);

  const once = new IAMClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  draws = [0.1];
  const error = (await once.send(new ListPoliciesCommand({})).catch((e: unknown) => e)) as Failure;
  expect(error.name).toBe('Throttling');
  expect(error.$metadata.httpStatusCode).toBe(400);
  iam.destroy();
  once.destroy();
});

it('STS: AccessDenied (deny=) and ExpiredToken (an issued key past its expiry) are not retried', async () => {
  const sts = new STSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: creds, maxAttempts: 3 });
  sandbox.controls.setFaults('deny=sts:GetCallerIdentity');
  const denied = (await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Failure;
  expect(denied.name).toBe('AccessDenied');
  expect(denied.message).toContain('is not authorized to perform: sts:GetCallerIdentity');
  expect(denied.$metadata.attempts).toBe(1);

  sandbox.controls.setFaults('');
  const { Credentials } = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
  clock += 901_000;
  const session = new STSClient({
    endpoint: sandbox.url,
    region: 'us-east-1',
    credentials: { accessKeyId: Credentials?.AccessKeyId ?? '', secretAccessKey: Credentials?.SecretAccessKey ?? '', sessionToken: Credentials?.SessionToken ?? '' },
    maxAttempts: 3,
  });
  const expired = (await session.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Failure;
  expect(expired.name).toBe('ExpiredToken');
  expect(expired.$metadata.attempts).toBe(1);
  sts.destroy();
  session.destroy();
});

it('SSO portal: TooManyRequestsException (429) is retried, ForbiddenException (deny=) is not', async () => {
  sandbox.account.sso.tokens.set('tok', { accessToken: 'tok', clientId: 'c', startUrl: 'u', scopes: [], expiresAt: clock + 3600_000 });
  const portal = new SSOClient({ endpoint: sandbox.url, region: 'us-east-1', maxAttempts: 3 });
  draws = [0.1];
  const listed = await portal.send(new ListAccountsCommand({ accessToken: 'tok' }));
  expect(listed.accountList).toHaveLength(1);
  expect(listed.$metadata.attempts).toBe(2);
  sandbox.controls.setFaults('deny=sso:ListAccounts');
  const denied = (await portal.send(new ListAccountsCommand({ accessToken: 'tok' })).catch((e: unknown) => e)) as Failure;
  expect(denied.name).toBe('ForbiddenException');
  expect(denied.$metadata.httpStatusCode).toBe(403);
  expect(denied.$metadata.attempts).toBe(1);
  portal.destroy();
});
