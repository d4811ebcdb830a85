/** `--timeout 60s`, `--interval 500ms`, `2m`; a bare number is seconds. */
import { usageError } from './io';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Longer waits are a typo, not a plan (a CI job would hang for days). */
const MAX_MS = 24 * 3_600_000;

export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000) : NaN;
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_MS) {
    throw usageError(`${flag} needs a duration such as 60s, 500ms or 2m (at most 24h), got "${text}"`);
  }
  return Math.round(ms);
}

export const formatDuration = (ms: number): string => (ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`);
