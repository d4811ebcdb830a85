import type { WatchCoordinator } from '../../watch/watchCoordinator';
import type { WatchTarget } from '../../../shared/workspace/workspace';
import type { EndpointSnapshot } from '../../../shared/workspace/watch';

export function watchHandlers(watch: WatchCoordinator) {
  return {
    'watch:set': ({ target, watched }: { target: WatchTarget; watched: boolean }) => watch.setWatched(target, watched),
    'watch:list': () => watch.targets(),
    'watch:health': () => watch.health(),
    'watch:summary': () => watch.summary(),
    'watch:retry': () => watch.retryNow(),
    'watch:follow': ({ userArn, endpointId, known }: { userArn: string; endpointId: string; known: EndpointSnapshot }) =>
      watch.follow({ userArn, endpointId }, known),
    'watch:history': ({ userArn, endpointId }: { userArn: string; endpointId: string }) => watch.history(userArn, endpointId),
  };
}
