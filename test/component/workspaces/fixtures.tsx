import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkspaceMenu } from '../../../src/renderer/src/features/workspaces/WorkspaceMenu';
import { StoreNotices } from '../../../src/renderer/src/features/workspaces/StoreNotices';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import { DEFAULT_SETTINGS, type Workspace } from '../../../src/shared/workspace/workspace';
import type { WorkspaceRestore } from '../../../src/shared/ipc/appTypes';
import { installFakeApi, type FakeApi, type FakeHandlers } from '../fakeApi';
import { APP_ARN, HEX64 } from '../registration/fixtures';

export const INSTANCE_ARN = 'arn:aws:chime:eu-west-1:000000000000:app-instance/team-inst';
export const TEAM_USER_ARN = `${INSTANCE_ARN}/user/bob`;

export const PERSONAL: Workspace = {
  id: 'ws-personal',
  name: 'Personal',
  connection: { kind: 'sandbox' },
  region: 'us-east-1',
  watchList: [],
  devices: [{ id: 'dev-1', label: 'My iPhone', type: 'APNS_SANDBOX', deviceToken: HEX64, pinpointAppArn: APP_ARN }],
  createdAt: 1,
  updatedAt: 1,
};

export const TEAM: Workspace = {
  id: 'ws-team',
  name: 'Team QA',
  connection: { kind: 'profile', profile: 'qa' },
  region: 'eu-west-1',
  appInstanceArn: INSTANCE_ARN,
  selectedUserArn: TEAM_USER_ARN,
  watchList: [{ userArn: TEAM_USER_ARN }],
  devices: [],
  createdAt: 2,
  updatedAt: 2,
};

export const restoreOf = (workspace: Workspace, workspaces: readonly Workspace[]): WorkspaceRestore => ({
  workspace,
  list: { workspaces, activeId: workspace.id },
  settings: DEFAULT_SETTINGS,
  notices: [],
});

/**
 * The header's workspace menu over a fake main that answers the session's
 * calls (connection, AppInstances and users stream as `pages:page` events).
 */
export function setupMenu(handlers: FakeHandlers = {}) {
  const pages: Record<string, unknown[]> = {
    ListAppInstances: [{ AppInstanceArn: INSTANCE_ARN, Name: 'Team instance' }],
    ListAppInstanceUsers: [{ AppInstanceUserArn: TEAM_USER_ARN, Name: 'Bob' }],
  };
  // The pages:start fake reads `api` only when called, after it is assigned.
  const api: FakeApi = installFakeApi({
    'connection:select': ({ connection, region }) => ({
      info: connection.kind === 'profile' ? { kind: 'profile', profile: connection.profile, region } : { kind: 'sandbox', region },
      status: 'connected',
    }),
    'connection:whoami': () => ({ account: '000000000000', arn: 'arn:aws:iam::000000000000:user/qa', userId: 'qa' }),
    'pages:start': (input) => {
      const { loadId, operation } = input as { loadId: string; operation: string };
      const items = pages[operation] ?? [];
      setTimeout(() => api.emit('pages:page', { loadId, operation, pageIndex: 0, items, loadedCount: items.length, done: true }));
      return { loadId };
    },
    'watch:list': () => [],
    'app:info': () => ({ version: '0.1.0', platform: 'linux', encryptionAvailable: true }),
    ...handlers,
  });
  subscribeToMain();
  useAppStore.setState({ workspaces: [PERSONAL, TEAM], activeWorkspace: PERSONAL, settings: DEFAULT_SETTINGS });
  render(
    <>
      <WorkspaceMenu />
      <StoreNotices />
    </>,
  );
  const callsTo = (channel: string) => api.calls.filter((c) => c.channel === channel);
  return { api, user: userEvent.setup(), callsTo };
}
