import type { WatchTarget } from '../../../../shared/workspace/workspace';

export function sameTarget(a: WatchTarget, b: WatchTarget): boolean {
  return a.userArn === b.userArn && (a.endpointId ?? undefined) === (b.endpointId ?? undefined);
}

/** The user as a whole is watched (every endpoint of theirs). */
export function isUserWatched(targets: readonly WatchTarget[], userArn: string): boolean {
  return targets.some((t) => t.userArn === userArn && !t.endpointId);
}

export function isEndpointWatchedAlone(targets: readonly WatchTarget[], userArn: string, endpointId: string): boolean {
  return targets.some((t) => t.userArn === userArn && t.endpointId === endpointId);
}
