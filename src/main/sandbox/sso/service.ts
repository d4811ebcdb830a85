/**
 * IAM Identity Center as sandbox services: SSO OIDC (anonymous, REST-JSON
 * with OAuth error bodies) and the SSO portal (bearer token in
 * `x-amz-sso_bearer_token`), neither SigV4-signed, plus the control route
 * `POST /_sandbox/sso/approve` `{"UserCode","Deny"?}` (the person at the
 * browser). `deny=` names: `sso-oauth:CreateToken`, `sso:GetRoleCredentials`…
 */
import { parseBody } from '../core/body';
import type { SandboxError } from '../core/errors';
import type { FaultErrors, SandboxCore, SandboxService } from '../core/service';
import type { AccountStates } from '../iam/service';
import { AnsweredError, fromServiceResponse, toServiceRequest } from '../protocols/adapt';
import { jsonErrorResponse, RestJsonError } from '../protocols/jsonAnswers';
import { approveDeviceCode, handleSsoOidc, matchesSsoOidc, handleSsoPortal, matchesSsoPortal, SSO_APPROVE_PATH, ssoActionOf, ssoFaultResponse } from './index';
import { SsoState } from './state';

function ssoFaultErrors(kind: 'oidc' | 'portal'): FaultErrors {
  const answered = (fault: 'throttle' | 'unavailable' | 'deny') => () => new AnsweredError(ssoFaultResponse(fault, kind));
  const internal = (message: string) =>
    new AnsweredError(
      jsonErrorResponse(
        kind === 'oidc'
          ? new RestJsonError('InternalServerException', 500, { error: 'server_error', error_description: message })
          : new RestJsonError('InternalServerException', 500, { message }),
      ),
    );
  return { throttled: answered('throttle'), unavailable: answered('unavailable'), denied: answered('deny'), unauthorized: answered('deny'), internal };
}

function renderJsonError(kind: 'oidc' | 'portal') {
  return (error: SandboxError) =>
    error instanceof AnsweredError
      ? error.response
      : jsonErrorResponse(
          new RestJsonError(error.type, error.status, kind === 'oidc' ? { error: 'invalid_request', error_description: error.message } : { message: error.message }),
        );
}

export function createSsoOidcService(core: SandboxCore, states: AccountStates): SandboxService {
  return {
    name: 'sso-oidc',
    auth: { kind: 'none' },
    actionPrefix: 'sso-oauth',
    faultErrors: ssoFaultErrors('oidc'),
    match: (req) => {
      const request = toServiceRequest(req);
      if (!matchesSsoOidc(request)) return undefined;
      return {
        name: ssoActionOf(request)?.split(':')[1] ?? 'Unknown',
        mutating: req.method === 'POST',
        run: () => fromServiceResponse(handleSsoOidc(request, { now: core.now, region: core.region, accountId: core.account, requestId: req.requestId, state: states.sso }, core.log)),
      };
    },
    renderError: renderJsonError('oidc'),
    state: {
      key: 'sso',
      toJSON: () => states.sso.toJSON(),
      fromJSON: (data) => {
        states.sso = data === undefined ? new SsoState() : SsoState.fromJSON(data);
      },
    },
    controls: [
      {
        method: 'POST',
        path: SSO_APPROVE_PATH,
        mutating: true,
        handle: (req) => approveDeviceCode(states.sso, parseBody(req.body), core.now()),
      },
    ],
  };
}

export function createSsoPortalService(core: SandboxCore, states: AccountStates): SandboxService {
  return {
    name: 'sso',
    auth: { kind: 'none' },
    actionPrefix: 'sso',
    faultErrors: ssoFaultErrors('portal'),
    match: (req) => {
      const request = toServiceRequest(req);
      if (!matchesSsoPortal(request)) return undefined;
      return {
        name: ssoActionOf(request)?.split(':')[1] ?? 'Unknown',
        // GetRoleCredentials issues credentials (kept for the SigV4 check).
        mutating: req.method === 'POST' || request.path === '/federation/credentials',
        run: () =>
          fromServiceResponse(
            handleSsoPortal(request, { now: core.now, region: core.region, accountId: core.account, requestId: req.requestId, state: states.sso, credentials: states.credentials }, core.log),
          ),
      };
    },
    renderError: renderJsonError('portal'),
  };
}
