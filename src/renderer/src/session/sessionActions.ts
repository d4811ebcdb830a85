/**
 * Actions that span slices: launching, switching connection, choosing an
 * AppInstance or user. Each persists the choice to the active workspace, so
 * the next launch restores it without a click.
 */
import { useAppStore, type AppState } from '../store';
import { createAdminSlice } from '../features/admin/adminSlice';
import { forgetDescribedEndpoints } from '../features/endpoints/endpointsSlice';
import type { Connection, Workspace, WorkspacePatch } from '../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../shared/errors';
import { DEFAULT_REGION } from '../../../shared/aws/regions';

const store = () => useAppStore.getState();

/** The admin view's data fields (not its actions), as a fresh store has them. */
function adminInitialData(): Partial<AppState> {
  const fresh = createAdminSlice(() => {}, () => useAppStore.getState(), useAppStore);
  return Object.fromEntries(Object.entries(fresh).filter(([, v]) => typeof v !== 'function')) as Partial<AppState>;
}

/**
 * Everything that belonged to the old connection (or region) goes: the
 * AppInstances and their users, the selected user and its endpoints, the
 * admin view's data, the follows of new endpoints. Views then show their
 * empty or loading state until the new connection's data arrives, never the
 * old connection's data under the new name.
 */
export function resetConnectionViews(): void {
  store().clearAppInstances();
  forgetDescribedEndpoints();
  store().cancelUserLoad();
  store().selectUser(undefined);
  void store().loadUserDetail();
  useAppStore.setState({ ...adminInitialData(), follows: {}, userFilter: '' });
}

export async function bootstrap(): Promise<void> {
  void store().loadAppInfo();
  // The profiles and the workspace are independent reads: one round trip instead of two before the first rows.
  const [, restored] = await Promise.all([store().loadProfiles(), store().restoreWorkspace()]);
  await applyWorkspace(restored?.workspace);
}

/** Makes another workspace active and restores its connection, region, AppInstance and user, as a launch would. */
export async function switchWorkspace(id: string): Promise<WorkbenchError | undefined> {
  const result = await store().switchWorkspaceTo(id);
  if (!result.ok) return result.error;
  resetConnectionViews();
  await applyWorkspace(result.value.workspace);
  return undefined;
}

/** Deleting the active workspace leaves main with another one (or a fresh one) to restore. */
export async function deleteWorkspace(id: string): Promise<WorkbenchError | undefined> {
  const result = await store().deleteWorkspace(id);
  if (!result.ok) return result.error;
  if (!result.value.wasActive) return undefined;
  resetConnectionViews();
  const restored = await store().restoreWorkspace();
  await applyWorkspace(restored?.workspace);
  return undefined;
}

async function applyWorkspace(ws: Workspace | undefined): Promise<void> {
  const connection: Connection = ws?.connection ?? { kind: 'sandbox' };
  const ok = await store().selectConnection(connection, ws?.region ?? DEFAULT_REGION);
  // After the connection: main has just started the watcher for it, so its health is current.
  void store().loadWatch();
  if (!ok) return;
  void store().loadIdentity();
  const appInstanceArn = ws?.appInstanceArn ?? undefined;
  if (appInstanceArn) {
    // The restored AppInstance's users need not wait for the list of AppInstances: both loads at once.
    await Promise.all([store().loadAppInstances(), selectAppInstance(appInstanceArn, { persist: false, userArn: ws?.selectedUserArn ?? undefined })]);
    return;
  }
  await store().loadAppInstances();
  // First launch on the sandbox: with a single AppInstance there is nothing to choose.
  const listed = store().appInstances?.value ?? [];
  const only = listed.length === 1 ? listed[0]?.AppInstanceArn : undefined;
  if (only) await selectAppInstance(only);
}

export async function changeConnection(connection: Connection, region: string): Promise<void> {
  resetConnectionViews();
  const ok = await store().selectConnection(connection, region);
  if (!ok) {
    // Main kept the old connection: show its data again rather than nothing (the picker shows why).
    if (store().connection) await store().loadAppInstances();
    return;
  }
  await persist({ connection, region, appInstanceArn: null, selectedUserArn: null });
  void store().loadIdentity();
  await store().loadAppInstances();
}

export async function selectAppInstance(
  arn: string | undefined,
  options: { persist?: boolean; userArn?: string } = {},
): Promise<void> {
  store().setSelectedAppInstance(arn);
  store().selectUser(options.userArn);
  if (options.persist !== false) await persist({ appInstanceArn: arn ?? null, selectedUserArn: null });
  if (arn) store().startUserLoad(arn);
  else store().cancelUserLoad();
}

export async function selectUser(arn: string | undefined): Promise<void> {
  store().selectUser(arn);
  await persist({ selectedUserArn: arn ?? null });
}

async function persist(patch: WorkspacePatch): Promise<void> {
  await store().patchActiveWorkspace(patch);
}
