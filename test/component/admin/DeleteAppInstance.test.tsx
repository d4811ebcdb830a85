import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { APP_ARN, inputsOf, serverError } from './helpers';

const user = (id: string) => ({ AppInstanceUserArn: `${APP_ARN}/user/${id}`, Name: id });

function installInstance(deleteResult: NonNullable<FakeHandlers['chime:DeleteAppInstance']> = () => ({})) {
  return installFakeApi({
    'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN, Name: 'Demo', Metadata: 'm' } }),
    'chime:ListTagsForResource': () => ({ Tags: [] }),
    // Two pages, to check the count walks NextToken.
    'chime:ListAppInstanceUsers': (input) =>
      (input as { NextToken?: string }).NextToken ? { AppInstanceUsers: [user('c')] } : { AppInstanceUsers: [user('a'), user('b')], NextToken: 'p2' },
    'chime:ListAppInstanceAdmins': () => ({ AppInstanceAdmins: [{ Admin: { Arn: `${APP_ARN}/user/a`, Name: 'a' } }] }),
    'chime:ListAppInstanceBots': () => ({ AppInstanceBots: [] }),
    'chime:ListAppInstanceUserEndpoints': (input) =>
      ({ AppInstanceUserEndpoints: (input as { AppInstanceUserArn: string }).AppInstanceUserArn.endsWith('/a') ? [{ EndpointId: 'e1' }, { EndpointId: 'e2' }] : [] }),
    'chime:DeleteAppInstance': deleteResult,
    'pages:start': () => ({ loadId: 'x' }),
  });
}

describe('Delete app instance', () => {
  it('counts what depends on it, names it in a confirmation whose default is Cancel, and deletes only on confirm', async () => {
    const api = installInstance();
    useAppStore.setState({ selectedAppInstanceArn: APP_ARN });
    render(<AdminView />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete app instance' }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete app instance "Demo"?' });
    const list = within(dialog).getByRole('list', { name: 'Deleted with it' });
    expect(list).toHaveTextContent('3 users');
    expect(list).toHaveTextContent('2 endpoints');
    expect(list).toHaveTextContent('1 admin');
    expect(list).toHaveTextContent('0 bots');
    // Focus starts in the typed confirmation, never on Delete; Delete waits for the exact name.
    const typed = within(dialog).getByRole('textbox', { name: 'Type Demo to confirm' });
    expect(typed).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toBeDisabled();
    await userEvent.keyboard('{Enter}');
    await userEvent.type(typed, 'demo');
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(inputsOf(api, 'chime:DeleteAppInstance')).toHaveLength(0);

    // Escape cancels.
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(inputsOf(api, 'chime:DeleteAppInstance')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Delete app instance' }));
    const again = await screen.findByRole('dialog');
    await userEvent.type(within(again).getByRole('textbox', { name: 'Type Demo to confirm' }), 'Demo');
    await userEvent.click(within(again).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(useAppStore.getState().selectedAppInstanceArn).toBeUndefined());
    expect(inputsOf(api, 'chime:DeleteAppInstance')).toEqual([{ AppInstanceArn: APP_ARN }]);
  });

  it('keeps the dialog open with the server error when the delete fails', async () => {
    installInstance(() => serverError('ConflictException', 'The app instance is busy', 409));
    useAppStore.setState({ selectedAppInstanceArn: APP_ARN });
    render(<AdminView />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete app instance' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Type Demo to confirm' }), 'Demo');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('ConflictException');
    expect(alert).toHaveTextContent('The app instance is busy');
    expect(useAppStore.getState().selectedAppInstanceArn).toBe(APP_ARN);
  });
});
