/**
 * The core's control routes (services add their own through `controls`):
 *
 *   GET  /_sandbox/health   → 200 {"status":"ok","region",…, plus each service's health() members}
 *   GET  /_sandbox/faults   → the current faults
 *   POST /_sandbox/faults   {"spec":"throttle=0.2,deny=chime:SendChannelMessage"} or the JSON form
 *                           {"throttle":0.2,"unavailable":0.05,"latency":50,"deny":["…"],"after-commit":0.1}
 *
 * Control routes need no signature (they are not part of the AWS API), are
 * never faulted, and refuse browser requests (see core/server.ts).
 */
import { parseBody } from './body';
import { badRequest, SandboxError } from './errors';
import { faultsFromObject, formatFaults, type FaultConfig, type Faults } from './faults';
import { restJsonError, type ControlRoute, type SandboxResponse, type SandboxService } from './service';

export function faultsBody(config: FaultConfig): Record<string, unknown> {
  const { throttle, unavailable, latencyMs, deny = [], afterCommit = 0 } = config;
  return { throttle, unavailable, latency: latencyMs, deny, 'after-commit': afterCommit, spec: formatFaults(config) };
}

export function coreControls(deps: { region: string; faults: Faults; services: () => readonly SandboxService[]; health: () => Record<string, unknown> }): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: '/_sandbox/health',
      mutating: false,
      handle: () => {
        const extra = Object.assign({}, ...deps.services().map((s) => s.health?.() ?? {})) as Record<string, unknown>;
        return { status: 200, body: { status: 'ok', region: deps.region, services: deps.services().map((s) => s.name), ...deps.health(), ...extra } };
      },
    },
    { method: 'GET', path: '/_sandbox/faults', mutating: false, handle: () => ({ status: 200, body: faultsBody(deps.faults.config) }) },
    {
      method: 'POST',
      path: '/_sandbox/faults',
      mutating: false,
      handle: (req) => {
        try {
          deps.faults.config = faultsFromObject(parseBody(req.body));
        } catch (error) {
          throw error instanceof SandboxError ? error : badRequest(error instanceof Error ? error.message : String(error));
        }
        return { status: 200, body: faultsBody(deps.faults.config) };
      },
    },
  ];
}

// ---------------------------------------------------------------- helpers for self-contained control handlers

/**
 * What a control handler that owns several routes (devices, emulators)
 * answers: the core's response shape, with a body. Errors are the sandbox's
 * REST-JSON error (`x-amzn-ErrorType`, `{"Code","Message"}`), as the core
 * writes for every control route.
 */
export type ControlAnswer = SandboxResponse & { readonly body: Record<string, unknown> | string };

export function errorAnswer(error: SandboxError): ControlAnswer {
  return { ...restJsonError(error, error.toBody()), body: error.toBody() };
}

/** Runs a route; a SandboxError becomes its answer, anything else propagates (an internal error). */
export function answering(route: () => ControlAnswer): ControlAnswer {
  try {
    return route();
  } catch (error) {
    if (error instanceof SandboxError) return errorAnswer(error);
    throw error;
  }
}

/** `path?query` split, for handlers that get the raw request target. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  return { path: q < 0 ? target : target.slice(0, q), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}
