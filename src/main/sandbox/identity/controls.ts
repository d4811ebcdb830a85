/**
 * Identity's control route: flip an endpoint's state by hand (as a failed
 * push does).
 *
 *   POST /_sandbox/endpoint-state  {"AppInstanceUserArn","EndpointId","Status","StatusReason"}
 *                                  Status ACTIVE | INACTIVE | AUTO (AUTO drops the override)
 */
import { z } from 'zod';
import { ENDPOINT_STATUS_REASONS, ENDPOINT_STATUSES } from '../../../shared/chime/shapes';
import { badRequest, notFound } from '../core/errors';
import type { ControlRoute } from '../core/service';
import { parseBody } from './input';
import { endpointState, type EndpointStateValue, type SandboxState } from './state';

const endpointStateBody = z.object({
  AppInstanceUserArn: z.string(),
  EndpointId: z.string(),
  Status: z.enum([...ENDPOINT_STATUSES, 'AUTO']),
  StatusReason: z.enum(ENDPOINT_STATUS_REASONS).optional(),
});

/** Overrides the simulated state; `undefined` returns the endpoint to the simulation. */
export function setEndpointState(
  deps: { state: SandboxState; now: () => number; validationDelayMs: number },
  userArn: string,
  endpointId: string,
  state: EndpointStateValue | undefined,
): EndpointStateValue {
  const endpoint = deps.state.user(userArn)?.endpoints.get(endpointId);
  if (!endpoint) throw notFound(`Endpoint ${endpointId} of ${userArn} does not exist`);
  if (state?.Status === 'ACTIVE' && state.StatusReason) throw badRequest('StatusReason is only allowed with Status INACTIVE');
  endpoint.override = state && { Status: state.Status, ...(state.StatusReason && { StatusReason: state.StatusReason }) };
  return endpointState(endpoint, deps.now(), deps.validationDelayMs);
}

export function identityControls(deps: { state: SandboxState; now: () => number; validationDelayMs: number }): ControlRoute[] {
  return [
    {
      method: 'POST',
      path: '/_sandbox/endpoint-state',
      mutating: true,
      handle: (req) => {
        const parsed = endpointStateBody.safeParse(parseBody(req.body));
        if (!parsed.success) {
          throw badRequest(`Expected {"AppInstanceUserArn","EndpointId","Status":"ACTIVE|INACTIVE|AUTO","StatusReason"}: ${z.prettifyError(parsed.error)}`);
        }
        const { AppInstanceUserArn, EndpointId, Status, StatusReason } = parsed.data;
        const state = Status === 'AUTO' ? undefined : { Status, StatusReason };
        const EndpointState = setEndpointState(deps, AppInstanceUserArn, EndpointId, state);
        return { status: 200, body: { AppInstanceUserArn, EndpointId, EndpointState } };
      },
    },
  ];
}
