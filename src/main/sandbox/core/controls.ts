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
import { badRequest, SandboxError } from './errors';
import { faultsFromObject, formatFaults, type FaultConfig, type Faults } from './faults';
import type { ControlRoute, SandboxService } from './service';

function parseObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

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
          deps.faults.config = faultsFromObject(parseObject(req.body));
        } catch (error) {
          throw error instanceof SandboxError ? error : badRequest(error instanceof Error ? error.message : String(error));
        }
        return { status: 200, body: faultsBody(deps.faults.config) };
      },
    },
  ];
}
