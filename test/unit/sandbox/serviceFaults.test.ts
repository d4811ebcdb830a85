/**
 * The errors the core will raise around these services (fault injection,
 * `deny=`, credential checks) are the ones the SDKs classify the AWS way:
 * throttles and 503s retried, denials not.
 */
import { IAMClient, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ServiceRequest } from '../../../src/main/sandbox/protocols/http';
import { handleIam, IAM_XMLNS, IamState, matchesIam } from '../../../src/main/sandbox/iam';
import { coreFaultError, queryErrorResponse, signatureError, type CoreFault } from '../../../src/main/sandbox/protocols/query';
import { handleSsoPortal, matchesSsoPortal, ssoFaultResponse, SsoState } from '../../../src/main/sandbox/sso';
import { handleSts, IssuedCredentials, matchesSts, STS_XMLNS } from '../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from './serviceServer';

const base = { now: () => Date.now(), region: 'us-east-1', accountId: '000000000000' };
let server: ServiceServer;
/** Faults to answer before handing requests to the service, one per request. */
let queue: (CoreFault | 'expired')[] = [];
const sso = new SsoState();
const credentials = new IssuedCredentials();
const creds = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'secret' };

beforeAll(async () => {
  const faulted = (xmlns: string, run: (r: ServiceRequest) => ReturnType<typeof handleIam>) => (r: ServiceRequest) => {
    const fault = queue.shift();
    if (fault === 'expired') return queryErrorResponse(xmlns, signatureError('ExpiredToken'), 'req-1');
    return fault ? queryErrorResponse(xmlns, coreFaultError(fault, { action: 'sts:GetCallerIdentity' }), 'req-1') : run(r);
  };
  server = await startServiceServer([
    { matches: matchesIam, handle: faulted(IAM_XMLNS, (r) => handleIam(r, { ...base, state: new IamState() })) },
    { matches: matchesSts, handle: faulted(STS_XMLNS, (r) => handleSts(r, { ...base, iam: new IamState(), credentials })) },
    {
      matches: matchesSsoPortal,
      handle: (r) => {
        const fault = queue.shift();
        return fault && fault !== 'expired' ? ssoFaultResponse(fault, 'portal') : handleSsoPortal(r, { ...base, state: sso, credentials });
      },
    },
  ]);
});

afterAll(() => server.close());

beforeEach(() => {
  queue = [];
  server.requests.length = 0;
});

it('IAM: Throttling (400) and ServiceUnavailable (503) are retried by the SDK', async () => {
  const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 3 });
  queue = ['throttle', 'unavailable'];
  const result = await iam.send(new ListPoliciesCommand({}));
  expect(result.Policies).toEqual([]);
  expect(server.requests).toHaveLength(3);

  const once = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  queue = ['throttle'];
  const error = (await once.send(new ListPoliciesCommand({})).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
  expect(error.name).toBe('Throttling');
  expect(error.$metadata.httpStatusCode).toBe(400);
  iam.destroy();
  once.destroy();
});

it('STS: AccessDenied and ExpiredToken are not retried', async () => {
  const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 3 });
  queue = ['deny'];
  const denied = (await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Error;
  expect(denied.name).toBe('AccessDenied');
  expect(denied.message).toContain('is not authorized to perform: sts:GetCallerIdentity');
  expect(server.requests).toHaveLength(1);
  queue = ['expired'];
  const expired = (await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Error;
  expect(expired.name).toBe('ExpiredToken');
  expect(server.requests).toHaveLength(2);
  sts.destroy();
});

it('SSO portal: TooManyRequestsException (429) is retried, ForbiddenException is not', async () => {
  sso.tokens.set('tok', { accessToken: 'tok', clientId: 'c', startUrl: 'u', scopes: [], expiresAt: Date.now() + 3600_000 });
  const portal = new SSOClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 3 });
  queue = ['throttle'];
  expect((await portal.send(new ListAccountsCommand({ accessToken: 'tok' }))).accountList).toHaveLength(1);
  expect(server.requests).toHaveLength(2);
  queue = ['deny'];
  const denied = (await portal.send(new ListAccountsCommand({ accessToken: 'tok' })).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
  expect(denied.name).toBe('ForbiddenException');
  expect(denied.$metadata.httpStatusCode).toBe(403);
  expect(server.requests).toHaveLength(3);
  portal.destroy();
});
