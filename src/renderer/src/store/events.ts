/**
 * Routes every event main pushes into the store. Called once by App; returns
 * the function that unsubscribes all of them.
 */
import { getApi } from '../api';
import { useAppStore } from '.';
import { routePage } from '../features/pages/pagedLoads';

export function subscribeToMain(): () => void {
  const api = getApi();
  const s = () => useAppStore.getState();
  const unsubscribers = [
    api['connection:changed']((state) => s().connectionChanged(state)),
    api['mfa:request']((request) => s().mfaRequested(request)),
    api['activity:appended']((entry) => s().activityAppended(entry)),
    api['pages:page']((page) => routePage(page)),
    api['watch:change']((change) => s().watchChanged(change)),
    api['watch:status']((health) => s().watchHealthChanged(health)),
    api['store:notice']((notice) => s().storeNotice(notice)),
    api['doctor:check']((event) => s().doctorCheckArrived(event)),
    api['sso:progress']((progress) => s().ssoProgress(progress)),
    api['sso:session']((session) => s().ssoSessionChanged(session)),
    api['connection:credentials']((refresh) => s().credentialsRefreshed(refresh)),
  ];
  return () => unsubscribers.forEach((off) => off());
}
