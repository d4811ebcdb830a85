/**
 * IAM and STS as sandbox services (query protocol, XML errors). Both sign for
 * us-east-1 whatever region the sandbox serves (`globalRegion`). Their states
 * live in one `AccountStates` (IAM roles and policies, the credentials STS and
 * the SSO portal issue, Identity Center's clients and tokens), shared with the
 * delivery simulation's push-role check and the core's SigV4 check.
 */
import { SandboxError } from '../core/errors';
import type { FaultErrors, SandboxCore, SandboxService } from '../core/service';
import { AnsweredError, fromServiceResponse, toServiceRequest } from '../protocols/adapt';
import { coreFaultError, QueryError, queryErrorResponse, signatureError } from '../protocols/query';
import type { SsoState } from '../sso/state';
import { handleSts, IssuedCredentials, matchesSts, STS_UNSIGNED_ACTIONS, STS_XMLNS, stsActionOf } from '../sts';
import { handleIam, IAM_XMLNS, iamActionOf, matchesIam } from './index';
import { IamState } from './state';

/** The account-wide states of IAM, STS and Identity Center (replaced wholesale when a data file is restored). */
export interface AccountStates {
  iam: IamState;
  credentials: IssuedCredentials;
  sso: SsoState;
}

/** The core's own errors (faults, deny=, SigV4) as IAM and STS answer them (protocols/query.ts words them). */
export function queryFaultErrors(internalCode: string): FaultErrors {
  const from = (error: QueryError) => new SandboxError(error.code, error.message, error.status);
  return {
    throttled: () => from(coreFaultError('throttle')),
    unavailable: () => from(coreFaultError('unavailable')),
    denied: (message) => new SandboxError('AccessDenied', message, 403),
    unauthorized: () => from(signatureError('MissingAuthenticationToken')),
    internal: (message) => new SandboxError(internalCode, message, 500),
    credentials: (code, message) => from(signatureError(code, message)),
  };
}

function renderQueryError(xmlns: string) {
  return (error: SandboxError, requestId: string) =>
    error instanceof AnsweredError ? error.response : queryErrorResponse(xmlns, new QueryError(error.type === 'UnknownOperationException' ? 'InvalidAction' : error.type, error.message, error.status), requestId);
}

const IAM_MUTATING = /^(Create|Delete|Update|Put|Attach|Detach)/;

export function createIamService(core: SandboxCore, states: AccountStates): SandboxService {
  return {
    name: 'iam',
    auth: { kind: 'sigv4', signingName: 'iam', globalRegion: 'us-east-1' },
    actionPrefix: 'iam',
    faultErrors: queryFaultErrors('ServiceFailure'),
    match: (req) => {
      if (req.rawPath !== '/') return undefined;
      const request = toServiceRequest(req);
      if (!matchesIam(request)) return undefined;
      const name = iamActionOf(request)?.slice('iam:'.length) ?? 'Unknown';
      return {
        name,
        mutating: IAM_MUTATING.test(name),
        run: () =>
          fromServiceResponse(handleIam(request, { now: core.now, region: core.region, accountId: core.account, requestId: req.requestId, state: states.iam }, core.log)),
      };
    },
    renderError: renderQueryError(IAM_XMLNS),
    state: {
      key: 'iam',
      toJSON: () => states.iam.toJSON(),
      fromJSON: (data) => {
        states.iam = data === undefined ? new IamState() : IamState.fromJSON(data);
      },
    },
  };
}

const STS_MUTATING = /^(AssumeRole|GetSessionToken)/;

export function createStsService(core: SandboxCore, states: AccountStates): SandboxService {
  return {
    name: 'sts',
    auth: { kind: 'sigv4', signingName: 'sts', globalRegion: 'us-east-1' },
    actionPrefix: 'sts',
    faultErrors: queryFaultErrors('InternalFailure'),
    match: (req) => {
      if (req.rawPath !== '/') return undefined;
      const request = toServiceRequest(req);
      if (!matchesSts(request)) return undefined;
      const name = stsActionOf(request)?.slice('sts:'.length) ?? 'Unknown';
      return {
        name,
        mutating: STS_MUTATING.test(name),
        unsigned: STS_UNSIGNED_ACTIONS.includes(name),
        run: () =>
          fromServiceResponse(
            handleSts(request, { now: core.now, region: core.region, accountId: core.account, requestId: req.requestId, iam: states.iam, credentials: states.credentials }, core.log),
          ),
      };
    },
    renderError: renderQueryError(STS_XMLNS),
    state: {
      key: 'sts',
      toJSON: () => states.credentials.toJSON(),
      fromJSON: (data) => {
        states.credentials = data === undefined ? new IssuedCredentials() : IssuedCredentials.fromJSON(data);
      },
    },
  };
}
