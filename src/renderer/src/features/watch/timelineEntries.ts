/**
 * What the timeline lists: the stored history main keeps per endpoint, plus
 * the events pushed since it was read, newest first, each in plain words.
 */
import type { HistoryEntry, WatchEvent, EndpointSnapshot } from '../../../../shared/workspace/watch';
import { describeEndpointState, endpointStateLabel } from '../../../../shared/workspace/endpointStateText';

export interface TimelineEntry {
  readonly at: number;
  readonly kind: HistoryEntry['kind'];
  /** "ACTIVE → INACTIVE (INVALID_DEVICE_TOKEN)" */
  readonly summary: string;
  /** The after-state explained, when the state is what changed. */
  readonly detail?: string;
}

const entryKey = (e: { at: number; kind: string }) => `${e.at}|${e.kind}`;

/** History plus live events for the endpoint, deduplicated (an event may already be in the history read after it). */
export function mergeTimeline(
  history: readonly HistoryEntry[],
  live: readonly WatchEvent[],
  userArn: string,
  endpointId: string,
): TimelineEntry[] {
  const seen = new Set(history.map(entryKey));
  const fresh = live.filter((e) => e.userArn === userArn && e.endpointId === endpointId && !seen.has(entryKey(e)));
  return [...history, ...fresh].map(describeEntry).sort((a, b) => b.at - a.at);
}

const state = (s: EndpointSnapshot | undefined) => endpointStateLabel(s?.status, s?.statusReason);
const allow = (s: EndpointSnapshot | undefined) => (s?.allowMessages === 'ALL' ? 'allowed' : s?.allowMessages === 'NONE' ? 'blocked' : 'unknown');

export function describeEntry(entry: HistoryEntry): TimelineEntry {
  const { at, kind, before, after } = entry;
  switch (kind) {
    case 'state-changed':
      return { at, kind, summary: `${state(before)} → ${state(after)}`, detail: describeEndpointState(after?.status, after?.statusReason) };
    case 'allow-messages-changed':
      return { at, kind, summary: `Messages ${allow(before)} → ${allow(after)}` };
    case 'name-changed':
      return { at, kind, summary: `Renamed “${before?.name ?? ''}” → “${after?.name ?? ''}”` };
    case 'appeared':
      return { at, kind, summary: `Appeared as ${state(after)}` };
    case 'disappeared':
      return { at, kind, summary: `Disappeared (was ${state(before)})` };
  }
}
