/**
 * Opaque page markers for the query and portal APIs (IAM `Marker`, SSO
 * `nextToken`): base64url of the last key of the previous page, bound to the
 * list it came from, so a marker from one role's policies cannot page
 * another's. Items are paged in their sort-key order and a page seeks past
 * the marker's key, so inserting or deleting between pages never repeats or
 * skips an item that stayed.
 */
export function encodeMarker(scope: string, key: string): string {
  return Buffer.from(JSON.stringify([scope, key])).toString('base64url');
}

/** The key a marker continues after, or undefined when the marker was not issued for `scope`. */
export function decodeMarker(scope: string, marker: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === scope && typeof parsed[1] === 'string') return parsed[1];
  } catch {
    // fall through
  }
  return undefined;
}

/** One page of `items` (any order) sorted by `key`, after the marker's key. Throws `invalid()` for a foreign marker. */
export function pageByKey<T>(
  items: Iterable<T>,
  key: (item: T) => string,
  scope: string,
  marker: string | undefined,
  limit: number,
  invalid: () => Error,
): { items: T[]; next?: string } {
  let after: string | undefined;
  if (marker !== undefined) {
    after = decodeMarker(scope, marker);
    if (after === undefined) throw invalid();
  }
  const sorted = [...items].map((item) => [key(item), item] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter(([k]) => k > after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(([, item]) => item), ...(rest.length > limit && last && { next: encodeMarker(scope, last[0]) }) };
}
