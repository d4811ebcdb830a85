/**
 * Drops members whose value is undefined, recursively, so a request carries
 * only what the user filled in: the activity log and its "Copy as AWS CLI
 * command" then show the same call the form made, without empty flags.
 */
export function compact<T extends Record<string, unknown>>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) ? compact(value) : value;
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
