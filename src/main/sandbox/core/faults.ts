/**
 * Fault injection, so apps and the workbench can be tried against a bad day.
 * One grammar for `--faults` and `POST /_sandbox/faults` (`{"spec":"…"}` or
 * the JSON form `{"throttle":0.2,"deny":["chime:SendChannelMessage"]}`):
 *
 *   throttle=P        the service's throttling error (Chime 429 ThrottledClientException,
 *                     Pinpoint 429 TooManyRequestsException) with probability P
 *   unavailable=P     503 ServiceUnavailableException with probability P
 *   latency=MS        delays every API call
 *   deny=A|B…         IAM action names (`chime:SendChannelMessage`, `mobiletargeting:GetApp`,
 *                     `chime:*`): the call answers the service's own access-denied error
 *   after-commit=P    a share P of mutating calls answer 503 after their change is
 *                     committed (and fsynced with --data), to prove idempotent retries
 *
 * One random draw per request decides throttle/unavailable, a second one (for
 * mutating calls only, when after-commit is on) the after-commit failure, from
 * an injectable source so tests are deterministic. Control routes are never faulted.
 */
import type { FaultErrors } from './service';

export interface FaultConfig {
  /** Probability 0..1 of the service's throttling error. */
  readonly throttle: number;
  /** Probability 0..1 of a 503. */
  readonly unavailable: number;
  /** Added delay in milliseconds. */
  readonly latencyMs: number;
  /** IAM action names (case-insensitive, `*` wildcards) that are denied. */
  readonly deny?: readonly string[];
  /** Probability 0..1 that a mutating call answers 503 after committing. */
  readonly afterCommit?: number;
}

export const NO_FAULTS: FaultConfig = { throttle: 0, unavailable: 0, latencyMs: 0 };

const KNOWN = ['throttle', 'unavailable', 'latency', 'deny', 'after-commit'] as const;
const ALIASES: Record<string, (typeof KNOWN)[number]> = { latencyMs: 'latency', afterCommit: 'after-commit' };
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*]+$/;

function probability(key: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`Fault "${key}" needs a number >= 0, got ${String(value)}`);
  if (key === 'latency') {
    if (n > 60_000) throw new Error(`Fault "latency" is at most 60000 ms, got ${n}`);
  } else if (n > 1) {
    throw new Error(`Fault "${key}" is a probability between 0 and 1, got ${n}`);
  }
  return n;
}

function actions(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split('|') : value;
  if (!Array.isArray(list)) throw new Error('Fault "deny" needs IAM action names separated by |, such as chime:SendChannelMessage|mobiletargeting:GetApp');
  return list.map((a) => {
    const action = String(a).trim();
    if (!ACTION.test(action)) throw new Error(`Fault "deny": "${action}" is not an IAM action name such as mobiletargeting:GetApp`);
    return action;
  });
}

/** Parses `throttle=0.2,unavailable=0.05,latency=50,deny=chime:SendChannelMessage|mobiletargeting:GetApp,after-commit=0.5`. */
export function parseFaultSpec(spec: string): FaultConfig {
  const entries: Record<string, unknown> = {};
  for (const part of spec.split(',').map((p) => p.trim())) {
    if (part === '' || part === 'none') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`Fault "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (value.includes('=')) throw new Error(`Fault "${part}" is not key=value`);
    entries[key] = value;
  }
  return faultsFromObject(entries);
}

/** Accepts `{"throttle":0.2,"latency":50,"deny":["chime:X"],"after-commit":0.5}` or `{"spec":"throttle=0.2"}`; unset faults are off. */
export function faultsFromObject(value: Record<string, unknown>): FaultConfig {
  if (typeof value['spec'] === 'string' && Object.keys(value).length === 1) return parseFaultSpec(value['spec']);
  let config: FaultConfig = { ...NO_FAULTS };
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = ALIASES[rawKey] ?? rawKey;
    switch (key) {
      case 'throttle':
        config = { ...config, throttle: probability(key, raw) };
        break;
      case 'unavailable':
        config = { ...config, unavailable: probability(key, raw) };
        break;
      case 'latency':
        config = { ...config, latencyMs: probability(key, raw) };
        break;
      case 'deny': {
        const list = actions(raw);
        config = list.length > 0 ? { ...config, deny: list } : config;
        break;
      }
      case 'after-commit': {
        const p = probability(key, raw);
        config = p > 0 ? { ...config, afterCommit: p } : config;
        break;
      }
      default:
        throw new Error(`Unknown fault "${rawKey}" (known: ${KNOWN.join(', ')})`);
    }
  }
  return config;
}

export function formatFaults(config: FaultConfig): string {
  let spec = `throttle=${config.throttle},unavailable=${config.unavailable},latency=${config.latencyMs}`;
  if (config.deny?.length) spec += `,deny=${config.deny.join('|')}`;
  if (config.afterCommit) spec += `,after-commit=${config.afterCommit}`;
  return spec;
}

function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

export class Faults {
  constructor(
    public config: FaultConfig,
    private readonly random: () => number,
  ) {}

  /** Whether `deny=` names this IAM action (services use it for the permissions a call needs besides its own). */
  denies(action: string): boolean {
    return this.config.deny?.some((pattern) => actionMatches(pattern, action)) ?? false;
  }

  /** Waits for the latency, then throws the fault this request draws, if any (as the service's own error). */
  async apply(errors: FaultErrors, action: string): Promise<void> {
    const { throttle, unavailable, latencyMs, deny } = this.config;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (deny && this.denies(action)) {
      throw errors.denied(`User: arn:aws:iam::000000000000:user/sandbox is not authorized to perform: ${action} (sandbox fault injection: deny)`);
    }
    if (throttle === 0 && unavailable === 0) return;
    const r = this.random();
    if (r < throttle) throw errors.throttled('Rate exceeded (sandbox fault injection)');
    if (r < throttle + unavailable) throw errors.unavailable('Service unavailable (sandbox fault injection)');
  }

  /** Whether this committed mutating call answers 503 anyway. */
  failsAfterCommit(): boolean {
    const p = this.config.afterCommit ?? 0;
    return p > 0 && this.random() < p;
  }
}
