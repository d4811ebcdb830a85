import type { Endpoint } from './endpointsSlice';

export type EndpointSortKey = 'name' | 'type' | 'state' | 'created';
export interface EndpointSort {
  readonly key: EndpointSortKey;
  readonly direction: 'ascending' | 'descending';
}

/** Newest first: a developer looks for the endpoint they just registered. */
export const DEFAULT_ENDPOINT_SORT: EndpointSort = { key: 'created', direction: 'descending' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const nameOf = (e: Endpoint) => e.Name || e.EndpointId || '';

function compareBy(key: EndpointSortKey, a: Endpoint, b: Endpoint): number {
  switch (key) {
    case 'name':
      return collator.compare(nameOf(a), nameOf(b));
    case 'type':
      return collator.compare(a.Type ?? '', b.Type ?? '');
    case 'state':
      // INACTIVE first when ascending: the rows that need attention.
      return collator.compare(
        `${a.EndpointState?.Status === 'INACTIVE' ? 0 : 1}${a.EndpointState?.StatusReason ?? ''}`,
        `${b.EndpointState?.Status === 'INACTIVE' ? 0 : 1}${b.EndpointState?.StatusReason ?? ''}`,
      );
    case 'created':
      return (a.CreatedTimestamp ?? 0) - (b.CreatedTimestamp ?? 0);
  }
}

/** A sorted copy; ties fall back to the name, then the id, so the order is stable between renders. */
export function sortEndpoints(endpoints: readonly Endpoint[], sort: EndpointSort): Endpoint[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...endpoints].sort(
    (a, b) =>
      sign * compareBy(sort.key, a, b) ||
      collator.compare(nameOf(a), nameOf(b)) ||
      collator.compare(a.EndpointId ?? '', b.EndpointId ?? ''),
  );
}
