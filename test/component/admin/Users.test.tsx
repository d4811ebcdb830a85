import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { APP_ARN, USER_ARN, inputsOf, serverError, stubUuids } from './helpers';

afterEach(() => vi.restoreAllMocks());

const base = {
  'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN, Name: 'Demo' } }),
  'chime:ListTagsForResource': () => ({ Tags: [] }),
  'chime:DescribeAppInstanceUser': () => ({ AppInstanceUser: { AppInstanceUserArn: USER_ARN, Name: 'Alice', Metadata: '' } }),
  'pages:start': () => ({ loadId: 'x' }),
};

async function openUsersTab() {
  useAppStore.setState({ selectedAppInstanceArn: APP_ARN });
  render(<AdminView />);
  await userEvent.click(screen.getByRole('tab', { name: 'Users' }));
}

describe('Create user', () => {
  it('validates user id, name and expiration days with the shared shapes', async () => {
    const api = installFakeApi(base);
    await openUsersTab();
    await userEvent.type(screen.getByLabelText('User ID'), '-alice');
    await userEvent.type(screen.getByLabelText('Name'), '   ');
    await userEvent.type(screen.getByLabelText('Expiration days'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));

    expect(screen.getByLabelText('User ID')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('User ID')).toHaveAccessibleDescription(/^User ID: use letters and digits, with : - _ \. @ allowed inside\./);
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Name must contain at least one non-space character/);
    expect(screen.getByLabelText('Expiration days')).toHaveAccessibleDescription(/greater than or equal to 1/);
    expect(inputsOf(api, 'chime:CreateAppInstanceUser')).toHaveLength(0);
  });

  it('sends a token and the expiration settings, adds the user to the directory and selects it', async () => {
    stubUuids();
    const api = installFakeApi({ ...base, 'chime:CreateAppInstanceUser': () => ({ AppInstanceUserArn: USER_ARN }) });
    await openUsersTab();
    await userEvent.type(screen.getByLabelText('User ID'), 'alice');
    await userEvent.type(screen.getByLabelText('Name'), 'Alice');
    await userEvent.type(screen.getByLabelText('Expiration days'), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));

    await waitFor(() => expect(useAppStore.getState().selectedUserArn).toBe(USER_ARN));
    expect(inputsOf(api, 'chime:CreateAppInstanceUser')).toEqual([
      {
        AppInstanceArn: APP_ARN,
        AppInstanceUserId: 'alice',
        Name: 'Alice',
        ClientRequestToken: '00000000-0000-4000-8000-000000000001',
        ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' },
      },
    ]);
    expect(useAppStore.getState().users).toEqual([{ AppInstanceUserArn: USER_ARN, Name: 'Alice' }]);
    expect(await screen.findByRole('button', { name: 'Delete user' })).toBeInTheDocument();
  });

  it('shows a conflict from the service with code and message', async () => {
    installFakeApi({ ...base, 'chime:CreateAppInstanceUser': () => serverError('ConflictException', 'User alice already exists', 409) });
    await openUsersTab();
    await userEvent.type(screen.getByLabelText('User ID'), 'alice');
    await userEvent.type(screen.getByLabelText('Name'), 'Alice');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('ConflictException');
    expect(alert).toHaveTextContent('User alice already exists');
    expect(useAppStore.getState().selectedUserArn).toBeUndefined();
  });
});

describe('Selected user', () => {
  it('sets expiration only within the shared range', async () => {
    const api = installFakeApi({ ...base, 'chime:PutAppInstanceUserExpirationSettings': () => ({ AppInstanceUserArn: USER_ARN }) });
    useAppStore.setState({ selectedUserArn: USER_ARN });
    await openUsersTab();
    const days = await screen.findByLabelText('Expiration days');
    await userEvent.type(days, '5476');
    await userEvent.click(screen.getByRole('button', { name: 'Set expiration' }));
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveAccessibleDescription(/less than or equal to 5475/);
    expect(inputsOf(api, 'chime:PutAppInstanceUserExpirationSettings')).toHaveLength(0);

    await userEvent.clear(days);
    await userEvent.type(days, '7');
    await userEvent.click(screen.getByRole('button', { name: 'Set expiration' }));
    await waitFor(() =>
      expect(inputsOf(api, 'chime:PutAppInstanceUserExpirationSettings')).toEqual([
        { AppInstanceUserArn: USER_ARN, ExpirationSettings: { ExpirationDays: 7, ExpirationCriterion: 'CREATED_TIMESTAMP' } },
      ]),
    );
  });

  it('clears expiration by sending the call without settings', async () => {
    const api = installFakeApi({
      ...base,
      'chime:DescribeAppInstanceUser': () => ({
        AppInstanceUser: { AppInstanceUserArn: USER_ARN, Name: 'Alice', ExpirationSettings: { ExpirationDays: 9, ExpirationCriterion: 'CREATED_TIMESTAMP' } },
      }),
      'chime:PutAppInstanceUserExpirationSettings': () => ({ AppInstanceUserArn: USER_ARN }),
    });
    useAppStore.setState({ selectedUserArn: USER_ARN });
    await openUsersTab();
    expect(await screen.findByLabelText('Expiration days')).toHaveValue('9');
    await userEvent.click(screen.getByRole('button', { name: 'Clear expiration' }));
    await waitFor(() => expect(inputsOf(api, 'chime:PutAppInstanceUserExpirationSettings')).toEqual([{ AppInstanceUserArn: USER_ARN }]));
  });

  it('names the endpoints that go with the user before deleting it, and deletes only on confirm', async () => {
    const api = installFakeApi({
      ...base,
      'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [{ EndpointId: 'e1' }, { EndpointId: 'e2' }] }),
      'chime:DeleteAppInstanceUser': () => ({}),
    });
    useAppStore.setState({ selectedUserArn: USER_ARN, users: [{ AppInstanceUserArn: USER_ARN, Name: 'Alice' }] });
    await openUsersTab();
    await userEvent.click(await screen.findByRole('button', { name: 'Delete user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete user "Alice"?' });
    expect(dialog).toHaveTextContent('Its 2 endpoints will be deleted with it');
    expect(within(dialog).getByRole('button', { name: 'Delete' })).not.toHaveFocus();
    expect(inputsOf(api, 'chime:DeleteAppInstanceUser')).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(useAppStore.getState().users).toEqual([]));
    expect(inputsOf(api, 'chime:DeleteAppInstanceUser')).toEqual([{ AppInstanceUserArn: USER_ARN }]);
    expect(useAppStore.getState().selectedUserArn).toBeUndefined();
  });
});
