/**
 * SDK outputs carry Date objects and `$metadata`; IPC values must be the same
 * under structured clone (Electron) and JSON (the harness). Dates become epoch
 * milliseconds and `$metadata` is dropped, matching `Plain<T>` in the contract.
 */
export function toPlain<T>(value: T): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === '$metadata' || member === undefined) continue;
      out[key] = toPlain(member);
    }
    return out;
  }
  return value;
}
