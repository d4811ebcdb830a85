/**
 * The sandbox's STS (query protocol, XML answers). Entry points for the core:
 *
 *   matchesSts(request)       POST / with a form body whose SigV4 credential
 *                             scope names service `sts` (or, unsigned, whose
 *                             Version is 2011-06-15: AssumeRoleWithWebIdentity
 *                             is an unsigned call)
 *   handleSts(request, ctx)   → {status, headers, body};
 *                             ctx = {now, region, accountId, iam: IamState, credentials: IssuedCredentials, mfaCode?}
 *   stsActionOf(request)      `sts:AssumeRole`…, for the core's `deny=` faults
 *
 * Credentials it issues live in `ctx.credentials` (shared with the SSO
 * portal): the core's SigV4 check asks `credentials.isIssuedKey(key)` and
 * `credentials.check(key, x-amz-security-token, now)` (see credentials.ts).
 * STS is signed for us-east-1 by default (botocore may use the request's
 * region for sts.{region}.amazonaws.com): accept any region in its scope.
 */
import { credentialScope, type ServiceRequest, type ServiceResponse } from '../protocols/http';
import { dispatchQuery, looksLikeQuery, parseQueryCall, type QueryService } from '../protocols/query';
import { STS_OPERATIONS, type StsContext } from './handlers';

export { IssuedCredentials, type IssuedCredential, type CredentialCheck } from './credentials';
export { SANDBOX_MFA_CODE, type StsContext } from './handlers';

export const STS_VERSION = '2011-06-15';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_SIGNING_NAME = 'sts';
/** Operations that take no signature (the core must not demand one for them). */
export const STS_UNSIGNED_ACTIONS: readonly string[] = ['AssumeRoleWithWebIdentity'];

const SERVICE: QueryService<StsContext> = {
  version: STS_VERSION,
  xmlns: STS_XMLNS,
  operations: STS_OPERATIONS,
  internalErrorCode: 'InternalFailure',
};

export const STS_OPERATION_NAMES = Object.keys(STS_OPERATIONS);

export function matchesSts(request: ServiceRequest): boolean {
  if (!looksLikeQuery(request)) return false;
  const scope = credentialScope(request);
  if (scope) return scope.service === STS_SIGNING_NAME;
  try {
    return parseQueryCall(request).version === STS_VERSION;
  } catch {
    return false;
  }
}

export function stsActionOf(request: ServiceRequest): string | undefined {
  try {
    return `sts:${parseQueryCall(request).action}`;
  } catch {
    return undefined;
  }
}

export function handleSts(request: ServiceRequest, ctx: StsContext, log?: (line: string) => void): ServiceResponse {
  return dispatchQuery(SERVICE, request, ctx, log);
}
