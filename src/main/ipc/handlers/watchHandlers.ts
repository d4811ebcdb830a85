import type { FollowReason, WatchCoordinator } from '../../watch/watchCoordinator';
import { ok } from '../../../shared/errors';
import type { WatchTarget } from '../../../shared/workspace/workspace';
import type { EndpointSnapshot } from '../../../shared/workspace/watch';

export function watchHandlers(watch: WatchCoordinator) {
  return {
    'watch:set': ({ target, watched }: { target: WatchTarget; watched: boolean }) => watch.setWatched(target, watched),
    'watch:list': () => ok(watch.targets()),
    'watch:health': () => ok(watch.health()),
    'watch:summary': () => ok(watch.summary()),
    'watch:retry': () => ok(watch.retryNow()),
    'watch:follow': ({ userArn, endpointId, known, after }: { userArn: string; endpointId: string; known: EndpointSnapshot; after?: FollowReason | undefined }) =>
      ok(watch.follow({ userArn, endpointId }, known, after)),
    'watch:history': ({ userArn, endpointId }: { userArn: string; endpointId: string }) => ok(watch.history(userArn, endpointId)),
  };
}
