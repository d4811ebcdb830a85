import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectionPicker } from '../../../src/renderer/src/features/connection/ConnectionPicker';
import { UserDetail } from '../../../src/renderer/src/features/endpoints/UserDetail';
import { UserDirectory } from '../../../src/renderer/src/features/users/UserDirectory';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';

const SANDBOX_APP = 'arn:aws:chime:us-east-1:000000000000:app-instance/demo';
const SANDBOX_USER = `${SANDBOX_APP}/user/alice`;

describe('Changing connection', () => {
  it("clears the old connection's users, selected user and endpoints instead of leaving them on screen", async () => {
    let connection = { info: { kind: 'sandbox', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' }, status: 'connected' };
    installFakeApi({
      'connection:select': (input) => {
        connection = { info: { kind: 'profile', profile: 'dev', region: (input as { region: string }).region }, status: 'connected' } as never;
        return connection as never;
      },
      'connection:whoami': () => ({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/dev', userId: 'AIDA' }),
      'pages:start': (input) => ({ loadId: (input as { loadId: string }).loadId }),
      'workspace:update': () => ({ ok: false, error: { code: 'NoWorkspace', message: 'none', retryable: false } }),
      'chime:DescribeAppInstanceUser': () => ({ AppInstanceUser: { AppInstanceUserArn: SANDBOX_USER, Name: 'Alice' } }),
      'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }),
    });
    act(() =>
      useAppStore.setState({
        profiles: { key: 'profiles', loading: false, value: [{ name: 'dev', kind: 'static', region: 'eu-central-1', isDefault: false }] },
        connection: connection as never,
        appInstances: { key: 'test', loading: false, value: [{ AppInstanceArn: SANDBOX_APP, Name: 'Demo' }] },
        selectedAppInstanceArn: SANDBOX_APP,
        users: [{ AppInstanceUserArn: SANDBOX_USER, Name: 'Alice' }],
        userLoad: { appInstanceArn: SANDBOX_APP, loading: false, loadedCount: 1, startedAt: 0, doneAt: 1 },
        selectedUserArn: SANDBOX_USER,
      }),
    );
    render(
      <>
        <ConnectionPicker />
        <UserDirectory />
        <UserDetail />
      </>,
    );
    expect(await screen.findByRole('heading', { name: 'Alice' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Connection' }), 'profile:dev');
    await waitFor(() => expect(useAppStore.getState().connection?.info.kind).toBe('profile'));
    expect(screen.queryByRole('heading', { name: 'Alice' })).not.toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'Alice' })).not.toBeInTheDocument();
    expect(screen.getByText('No user selected')).toBeInTheDocument();
    expect(useAppStore.getState()).toMatchObject({ users: [], endpoints: { key: '', loading: false }, selectedUserArn: undefined, userDetail: undefined });
  });
});
