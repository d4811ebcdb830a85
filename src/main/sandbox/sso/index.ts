/**
 * IAM Identity Center for the credential chain: SSO OIDC and the SSO portal,
 * neither SigV4-signed. Entry points for the core:
 *
 *   matchesSsoOidc(request)    POST /client/register | /device_authorization | /token
 *                              (not /token?aws_iam=t), GET /authorize
 *   handleSsoOidc(request, ctx)    ctx = {now, region, accountId, state: SsoState, verificationUri?}
 *   matchesSsoPortal(request)  GET /federation/credentials | /assignment/accounts | /assignment/roles, POST /logout
 *   handleSsoPortal(request, ctx)  ctx = {now, region, accountId, state: SsoState, credentials: IssuedCredentials}
 *   POST /_sandbox/sso/approve {"UserCode","Deny"?}  the control route (sso/service.ts, approveDeviceCode)
 *
 * The core must not demand a signature on these routes, and must not apply
 * `x-amz-chime-bearer` or Identity routing to them.
 */
import type { ServiceResponse } from '../protocols/http';
import { jsonErrorResponse, RestJsonError } from '../protocols/jsonAnswers';

export { approveDeviceCode, GRANT, handleSsoOidc, matchesSsoOidc, OIDC_TIMINGS, type OidcContext } from './oidc';
export { handleSsoPortal, matchesSsoPortal, ROLE_CREDENTIALS_LIFETIME_MS, type PortalContext } from './portal';
export { defaultAccounts, SANDBOX_SSO_USER, SsoState, type AccountRecord } from './state';

export const SSO_APPROVE_PATH = '/_sandbox/sso/approve';

const OIDC_ACTIONS: Record<string, string> = { '/client/register': 'RegisterClient', '/device_authorization': 'StartDeviceAuthorization', '/token': 'CreateToken' };
const PORTAL_ACTIONS: Record<string, string> = {
  '/federation/credentials': 'GetRoleCredentials',
  '/assignment/accounts': 'ListAccounts',
  '/assignment/roles': 'ListAccountRoles',
  '/logout': 'Logout',
};

/**
 * The IAM-style action of an Identity Center request, for the core's `deny=` faults
 * (`sso-oauth:CreateToken`, `sso:GetRoleCredentials`, …; the signing names of the two
 * models). A denied call should answer AccessDeniedException (OIDC, 400, body
 * `{"error":"access_denied",…}`) or ForbiddenException (portal, 403).
 */
export function ssoActionOf(request: { readonly method: string; readonly path: string }): string | undefined {
  if (request.method === 'GET' && request.path === '/authorize') return 'sso-oauth:Authorize';
  const oidc = OIDC_ACTIONS[request.path];
  if (oidc) return `sso-oauth:${oidc}`;
  const portal = PORTAL_ACTIONS[request.path];
  return portal ? `sso:${portal}` : undefined;
}


/**
 * What the core answers for a fault or a `deny=` on an Identity Center route.
 * Portal: TooManyRequestsException 429, a 503 ServiceUnavailable, ForbiddenException
 * 403 ("No access"). OIDC (whose model has no throttling shape): SlowDownException
 * 400 for throttling, InternalServerException 500 for unavailability, and
 * AccessDeniedException 400 for a denial. All carry `x-amzn-ErrorType`.
 */
export function ssoFaultResponse(fault: 'throttle' | 'unavailable' | 'after-commit' | 'deny', service: 'oidc' | 'portal', requestId?: string): ServiceResponse {
  const oidc = (type: string, status: number, error: string, description: string) => new RestJsonError(type, status, { error, error_description: description });
  const portal = (type: string, status: number, message: string) => new RestJsonError(type, status, { message });
  let error: RestJsonError;
  if (service === 'oidc') {
    error =
      fault === 'throttle'
        ? oidc('SlowDownException', 400, 'slow_down', 'Rate exceeded (sandbox fault injection)')
        : fault === 'deny'
          ? oidc('AccessDeniedException', 400, 'access_denied', 'Access denied (sandbox fault injection)')
          : oidc('InternalServerException', 500, 'server_error', 'Service unavailable (sandbox fault injection)');
  } else {
    error =
      fault === 'throttle'
        ? portal('TooManyRequestsException', 429, 'Rate exceeded (sandbox fault injection)')
        : fault === 'deny'
          ? portal('ForbiddenException', 403, 'No access (sandbox fault injection)')
          : portal('ServiceUnavailableException', 503, 'Service unavailable (sandbox fault injection)');
  }
  return jsonErrorResponse(error, requestId);
}
