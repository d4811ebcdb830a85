import type { WatchCoordinator } from '../../watch/watchCoordinator';
import { ok } from '../../../shared/errors';
import type { WatchTarget } from '../../../shared/workspace/workspace';

export function watchHandlers(watch: WatchCoordinator) {
  return {
    'watch:set': ({ target, watched }: { target: WatchTarget; watched: boolean }) => watch.setWatched(target, watched),
    'watch:list': () => ok(watch.targets()),
    'watch:health': () => ok(watch.health()),
    'watch:history': ({ userArn, endpointId }: { userArn: string; endpointId: string }) => ok(watch.history(userArn, endpointId)),
  };
}
