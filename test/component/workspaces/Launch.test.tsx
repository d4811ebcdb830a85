import { describe, expect, it, onTestFinished } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { bootstrap } from '../../../src/renderer/src/session/sessionActions';
import { WorkspaceMenu } from '../../../src/renderer/src/features/workspaces/WorkspaceMenu';
import { StoreNotices } from '../../../src/renderer/src/features/workspaces/StoreNotices';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import { installFakeApi, type FakeApi } from '../fakeApi';
import { INSTANCE_ARN, PERSONAL, restoreOf, TEAM, TEAM_USER_ARN } from './fixtures';

describe('Launch', () => {
  it('restores the last workspace, its watch list and theme without a click, and shows store notices', async () => {
    const api: FakeApi = installFakeApi({
      'profiles:list': () => ({ profiles: [{ name: 'qa', kind: 'static', isDefault: false }], configFile: '~/.aws/config', credentialsFile: '~/.aws/credentials', problems: [] }),
      'workspace:restore': () => ({
        ...restoreOf(TEAM, [PERSONAL, TEAM]),
        settings: { notifyOnInactive: true, watchIntervalMs: 5000, theme: 'dark' },
        notices: [{ kind: 'store-recovered', message: 'Your saved data could not be read. It was kept as ws.corrupt.json.', movedTo: 'ws.corrupt.json' }],
      }),
      'connection:select': () => ({ info: { kind: 'profile', profile: 'qa', region: 'eu-west-1' }, status: 'connected' }),
      'connection:whoami': () => ({ account: '000000000000', arn: 'arn:aws:iam::000000000000:user/qa', userId: 'qa' }),
      'pages:start': (input) => {
        const { loadId, operation } = input as { loadId: string; operation: string };
        const items = operation === 'ListAppInstances' ? [{ AppInstanceArn: INSTANCE_ARN, Name: 'Team' }] : [];
        setTimeout(() => api.emit('pages:page', { loadId, operation, pageIndex: 0, items, loadedCount: items.length, done: true }));
        return { loadId };
      },
      'watch:list': () => TEAM.watchList,
      'app:info': () => ({ version: '0.1.0', platform: 'linux', encryptionAvailable: true }),
    });
    onTestFinished(() => void delete document.documentElement.dataset.theme);
    subscribeToMain();
    render(
      <>
        <WorkspaceMenu />
        <StoreNotices />
      </>,
    );
    await act(() => bootstrap());
    await waitFor(() => expect(useAppStore.getState().selectedUserArn).toBe(TEAM_USER_ARN));
    expect(useAppStore.getState().selectedAppInstanceArn).toBe(INSTANCE_ARN);
    expect(useAppStore.getState().watchTargets).toEqual([{ userArn: TEAM_USER_ARN }]);
    expect(screen.getByRole('combobox', { name: 'Workspace' })).toHaveDisplayValue('Team QA');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByRole('alert')).toHaveTextContent('It was kept as ws.corrupt.json.');
    expect(api.calls.filter((c) => c.channel === 'workspace:update')).toHaveLength(0);
  });
});
