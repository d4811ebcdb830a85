/**
 * Amazon Chime SDK Identity (REST-JSON, signing name `chime`) as a sandbox
 * service: routes from the OPERATIONS table (src/shared/chime/operations.ts),
 * input validated with the shared schemas, handlers per resource.
 */
import { OPERATIONS, type OperationName } from '../../../shared/chime/operations';
import { SandboxError } from '../core/errors';
import { restJsonError, type FaultErrors, type SandboxCore, type SandboxService } from '../core/service';
import { identityControls } from './controls';
import { HANDLERS, type HandlerContext } from './handlers';
import { buildInput, parseBody, validateInput } from './input';
import { identitySlice } from './persistence';
import { matchRoute } from './router';
import type { SandboxState } from './state';

const HAS_BODY_MEMBERS = new Set(
  Object.entries(OPERATIONS)
    .filter(([, op]) => Object.values(op.input).some((m) => m.in === 'body'))
    .map(([name]) => name),
);

/** The Chime services' (Identity, Messaging) answers for what the core decides. */
export const CHIME_FAULT_ERRORS: FaultErrors = {
  throttled: (m) => new SandboxError('ThrottledClientException', m),
  unavailable: (m) => new SandboxError('ServiceUnavailableException', m),
  denied: (m) => new SandboxError('ForbiddenException', m),
  unauthorized: (m) => new SandboxError('UnauthorizedClientException', m),
  internal: (m) => new SandboxError('ServiceFailureException', m),
};

/** Chime bodies: `{"Code","Message"}` (clients type the error by the header). */
export const renderChimeError = (error: SandboxError) => restJsonError(error, error.toBody());

export interface IdentityOptions {
  readonly state: SandboxState;
  readonly endpointLimit: number;
  readonly validationDelayMs: number;
}

export function createIdentityService(core: SandboxCore, options: IdentityOptions): SandboxService {
  const { state } = options;
  const ctx: HandlerContext = {
    state,
    region: core.region,
    now: core.now,
    pages: core.pages,
    idempotency: core.idempotency,
    endpointLimit: options.endpointLimit,
    validationDelayMs: options.validationDelayMs,
    denies: core.denies,
  };
  core.idempotency.resolver('appInstance', (arn) => state.appInstance(arn) !== undefined);
  core.idempotency.resolver('user', (arn) => state.user(arn) !== undefined);
  core.idempotency.resolver('bot', (arn) => state.bot(arn) !== undefined);
  core.idempotency.resolver('endpoint', (ref) => {
    const [userArn = '', id = ''] = ref.split('#');
    return state.user(userArn)?.endpoints.has(id) ?? false;
  });
  return {
    name: 'identity',
    auth: { kind: 'sigv4', signingName: 'chime' },
    actionPrefix: 'chime',
    faultErrors: CHIME_FAULT_ERRORS,
    renderError: renderChimeError,
    state: identitySlice(state),
    controls: identityControls({ state, now: core.now, validationDelayMs: options.validationDelayMs }),
    match(req) {
      const match = matchRoute(req.method, req.rawPath, req.query);
      if (!match) return undefined;
      const operation: OperationName = match.operation;
      return {
        name: operation,
        mutating: req.method !== 'GET',
        run: () => {
          const json = HAS_BODY_MEMBERS.has(operation) ? parseBody(req.body) : {};
          const input = validateInput(operation, buildInput(operation, match.labels, req.query, json));
          return { status: OPERATIONS[operation].status, body: HANDLERS[operation](input, ctx) };
        },
      };
    },
  };
}
