/**
 * Control routes under `/_sandbox/`, for tests and for people simulating what
 * AWS would do on its own: flip an endpoint's state (as a failed push does),
 * change fault injection, check health. They need no signature: they are not
 * part of the AWS API, and the server only listens on loopback.
 *
 *   GET  /_sandbox/health          → 200 {"status":"ok",…}
 *   POST /_sandbox/endpoint-state  {"AppInstanceUserArn","EndpointId","Status","StatusReason"}
 *                                  Status ACTIVE | INACTIVE | AUTO (AUTO drops the override)
 *   GET  /_sandbox/faults          → the current faults
 *   POST /_sandbox/faults          {"throttle":0.2,"unavailable":0.05,"latency":50} or {"spec":"throttle=0.2"}
 */
import { z } from 'zod';
import { ENDPOINT_STATUS_REASONS, ENDPOINT_STATUSES } from '../../shared/chime/shapes';
import { badRequest, notFound, SandboxError } from './errors';
import { faultsFromObject, formatFaults, parseFaultSpec, type FaultConfig, type Faults } from './faults';
import { parseBody } from './input';
import { endpointState, type EndpointStateValue, type SandboxState } from './state';

const endpointStateBody = z.object({
  AppInstanceUserArn: z.string(),
  EndpointId: z.string(),
  Status: z.enum([...ENDPOINT_STATUSES, 'AUTO']),
  StatusReason: z.enum(ENDPOINT_STATUS_REASONS).optional(),
});

export interface ControlDeps {
  readonly state: SandboxState;
  readonly faults: Faults;
  readonly region: string;
  readonly now: () => number;
  readonly validationDelayMs: number;
  readonly onMutation: () => void;
}

export class SandboxControls {
  constructor(private readonly deps: ControlDeps) {}

  /** Overrides the simulated state; `undefined` returns the endpoint to the simulation. */
  setEndpointState(userArn: string, endpointId: string, state: EndpointStateValue | undefined): EndpointStateValue {
    const endpoint = this.deps.state.user(userArn)?.endpoints.get(endpointId);
    if (!endpoint) throw notFound(`Endpoint ${endpointId} of ${userArn} does not exist`);
    if (state?.Status === 'ACTIVE' && state.StatusReason) throw badRequest('StatusReason is only allowed with Status INACTIVE');
    endpoint.override = state && { Status: state.Status, ...(state.StatusReason && { StatusReason: state.StatusReason }) };
    this.deps.onMutation();
    return endpointState(endpoint, this.deps.now(), this.deps.validationDelayMs);
  }

  setFaults(faults: FaultConfig | string): FaultConfig {
    this.deps.faults.config = typeof faults === 'string' ? parseFaultSpec(faults) : faults;
    return this.deps.faults.config;
  }

  get faults(): FaultConfig {
    return this.deps.faults.config;
  }

  /** Answers a `/_sandbox/…` request. */
  handle(method: string, path: string, bodyText: string): { status: number; body: Record<string, unknown> } {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /_sandbox/health':
        return { status: 200, body: { status: 'ok', region: this.deps.region, appInstances: this.deps.state.appInstances.size } };
      case 'GET /_sandbox/faults':
        return { status: 200, body: this.faultsBody() };
      case 'POST /_sandbox/faults':
        try {
          this.setFaults(faultsFromObject(parseBody(bodyText)));
        } catch (error) {
          throw error instanceof SandboxError ? error : badRequest(error instanceof Error ? error.message : String(error));
        }
        return { status: 200, body: this.faultsBody() };
      case 'POST /_sandbox/endpoint-state': {
        const parsed = endpointStateBody.safeParse(parseBody(bodyText));
        if (!parsed.success) {
          throw badRequest(`Expected {"AppInstanceUserArn","EndpointId","Status":"ACTIVE|INACTIVE|AUTO","StatusReason"}: ${z.prettifyError(parsed.error)}`);
        }
        const { AppInstanceUserArn, EndpointId, Status, StatusReason } = parsed.data;
        const state = Status === 'AUTO' ? undefined : { Status, StatusReason };
        const EndpointState = this.setEndpointState(AppInstanceUserArn, EndpointId, state);
        return { status: 200, body: { AppInstanceUserArn, EndpointId, EndpointState } };
      }
      default:
        throw new SandboxError('UnknownOperationException', `No sandbox control route ${route}`);
    }
  }

  private faultsBody() {
    const { throttle, unavailable, latencyMs } = this.deps.faults.config;
    return { throttle, unavailable, latency: latencyMs, spec: formatFaults(this.deps.faults.config) };
  }
}
