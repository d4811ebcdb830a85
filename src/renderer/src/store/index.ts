/**
 * One zustand store made of feature slices. Each slice lives in its feature
 * folder with its state and async actions; components select narrowly.
 */
import { create, type StateCreator } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from '../features/connection/connectionSlice';
import { createAppInstancesSlice, type AppInstancesSlice } from '../features/appInstances/appInstancesSlice';
import { createUsersSlice, type UsersSlice } from '../features/users/usersSlice';
import { createEndpointsSlice, forgetDescribedEndpoints, type EndpointsSlice } from '../features/endpoints/endpointsSlice';
import { createActivitySlice, type ActivitySlice } from '../features/activity/activitySlice';
import { createWatchSlice, type WatchSlice } from '../features/watch/watchSlice';
import { createWorkspacesSlice, type WorkspacesSlice } from '../features/workspaces/workspacesSlice';
import { createAdminSlice, type AdminSlice } from '../features/admin/adminSlice';
import { createTokenSearchSlice, type TokenSearchSlice } from '../features/registration/tokenSearchSlice';
import { createDoctorSlice, type DoctorSlice } from '../features/doctor/doctorSlice';
import { createDirectPushSlice, type DirectPushSlice } from '../features/directPush/directPushSlice';
import { createPushSlice, type PushSlice } from '../features/push/pushSlice';
import { createDevicesSlice, type DevicesSlice } from '../features/devices/devicesSlice';
import { createSsoSlice, type SsoSlice } from '../features/sso/ssoSlice';

export type AppState = ConnectionSlice &
  AppInstancesSlice &
  UsersSlice &
  EndpointsSlice &
  ActivitySlice &
  WatchSlice &
  WorkspacesSlice &
  AdminSlice &
  TokenSearchSlice &
  DoctorSlice &
  DirectPushSlice &
  PushSlice &
  DevicesSlice &
  SsoSlice;

/** What every slice creator looks like: it may read and call the whole store. */
export type SliceCreator<S> = StateCreator<AppState, [], [], S>;

export const useAppStore = create<AppState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createAppInstancesSlice(...a),
  ...createUsersSlice(...a),
  ...createEndpointsSlice(...a),
  ...createActivitySlice(...a),
  ...createWatchSlice(...a),
  ...createWorkspacesSlice(...a),
  ...createAdminSlice(...a),
  ...createTokenSearchSlice(...a),
  ...createDoctorSlice(...a),
  ...createDirectPushSlice(...a),
  ...createPushSlice(...a),
  ...createDevicesSlice(...a),
  ...createSsoSlice(...a),
}));

/** Tests call this between cases so no state leaks from one to the next. */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
  forgetDescribedEndpoints();
}
