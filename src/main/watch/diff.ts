/**
 * Diffing two listings of one user's endpoints into typed events. Pure, so the
 * watcher's correctness rests on a function tested on its own. One event per
 * kind of change, each carrying the whole before/after snapshot, so a timeline
 * entry can be read without the others.
 */
import type { EndpointSnapshot, WatchEvent, WatchEventKind } from '../../shared/workspace/watch';

export type Listing = ReadonlyMap<string, EndpointSnapshot>;

export function toListing(endpoints: readonly EndpointSnapshot[]): Map<string, EndpointSnapshot> {
  return new Map(endpoints.map((e) => [e.endpointId, e]));
}

export function diffListings(userArn: string, before: Listing, after: Listing, at: number): WatchEvent[] {
  const events: WatchEvent[] = [];
  const push = (kind: WatchEventKind, endpointId: string, b?: EndpointSnapshot, a?: EndpointSnapshot): void => {
    events.push({ kind, userArn, endpointId, at, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  };
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (!prev) {
      push('appeared', id, undefined, next);
      continue;
    }
    if (prev.status !== next.status || prev.statusReason !== next.statusReason) push('state-changed', id, prev, next);
    if (prev.allowMessages !== next.allowMessages) push('allow-messages-changed', id, prev, next);
    if (prev.name !== next.name) push('name-changed', id, prev, next);
  }
  for (const [id, prev] of before) if (!after.has(id)) push('disappeared', id, prev, undefined);
  return events;
}
