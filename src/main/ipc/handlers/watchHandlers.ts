import type { WatchCoordinator } from '../../watch/watchCoordinator';
import type { WatchTarget } from '../../../shared/workspace/workspace';

export function watchHandlers(watch: WatchCoordinator) {
  return {
    'watch:set': ({ target, watched }: { target: WatchTarget; watched: boolean }) => watch.setWatched(target, watched),
    'watch:list': () => watch.targets(),
    'watch:health': () => watch.health(),
    'watch:history': ({ userArn, endpointId }: { userArn: string; endpointId: string }) => watch.history(userArn, endpointId),
  };
}
