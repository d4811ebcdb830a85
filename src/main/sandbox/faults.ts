/**
 * Fault injection, so apps and the workbench can be tried against a bad day:
 * `throttle=P` answers ThrottledClientException (429) with probability P,
 * `unavailable=P` ServiceUnavailableException (503), `latency=MS` delays every
 * API call. One random draw per request decides, from an injectable source so
 * tests are deterministic. Control routes are never faulted.
 */
import { SandboxError } from './errors';

export interface FaultConfig {
  /** Probability 0..1 of a 429. */
  readonly throttle: number;
  /** Probability 0..1 of a 503. */
  readonly unavailable: number;
  /** Added delay in milliseconds. */
  readonly latencyMs: number;
}

export const NO_FAULTS: FaultConfig = { throttle: 0, unavailable: 0, latencyMs: 0 };

const KEYS = { throttle: 'throttle', unavailable: 'unavailable', latency: 'latencyMs' } as const;

function checked(key: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`Fault "${key}" needs a number >= 0, got ${String(value)}`);
  if (key !== 'latency' && n > 1) throw new Error(`Fault "${key}" is a probability between 0 and 1, got ${n}`);
  if (key === 'latency' && n > 60_000) throw new Error(`Fault "latency" is at most 60000 ms, got ${n}`);
  return n;
}

/** Parses `throttle=0.2,unavailable=0.05,latency=50` (empty or `none`: no faults). */
export function parseFaultSpec(spec: string): FaultConfig {
  const entries: Record<string, unknown> = {};
  for (const part of spec.split(',').map((p) => p.trim())) {
    if (part === '' || part === 'none') continue;
    const [key = '', value, extra] = part.split('=');
    if (value === undefined || extra !== undefined) throw new Error(`Fault "${part}" is not key=value`);
    entries[key.trim()] = value.trim();
  }
  return faultsFromObject(entries);
}

/** Accepts `{"throttle":0.2,"latency":50}` or `{"spec":"throttle=0.2"}`; unset faults are off. */
export function faultsFromObject(value: Record<string, unknown>): FaultConfig {
  if (typeof value['spec'] === 'string' && Object.keys(value).length === 1) return parseFaultSpec(value['spec']);
  const config: { -readonly [K in keyof FaultConfig]: number } = { ...NO_FAULTS };
  for (const [key, raw] of Object.entries(value)) {
    if (!Object.hasOwn(KEYS, key)) throw new Error(`Unknown fault "${key}" (known: throttle, unavailable, latency)`);
    config[KEYS[key as keyof typeof KEYS]] = checked(key, raw);
  }
  return config;
}

export function formatFaults(config: FaultConfig): string {
  return `throttle=${config.throttle},unavailable=${config.unavailable},latency=${config.latencyMs}`;
}

export class Faults {
  constructor(
    public config: FaultConfig,
    private readonly random: () => number,
  ) {}

  /** Waits for the latency, then throws the fault this request draws, if any. */
  async apply(): Promise<void> {
    const { throttle, unavailable, latencyMs } = this.config;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (throttle === 0 && unavailable === 0) return;
    const r = this.random();
    if (r < throttle) throw new SandboxError('ThrottledClientException', 'Rate exceeded (sandbox fault injection)');
    if (r < throttle + unavailable) {
      throw new SandboxError('ServiceUnavailableException', 'Service unavailable (sandbox fault injection)');
    }
  }
}
