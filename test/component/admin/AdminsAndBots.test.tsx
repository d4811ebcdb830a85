import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { APP_ARN, BOT_ARN, USER_ARN, inputsOf, stubUuids } from './helpers';

afterEach(() => vi.restoreAllMocks());

const ALIAS = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST';

function render_(tab: string) {
  useAppStore.setState({ selectedAppInstanceArn: APP_ARN, selectedUserArn: USER_ARN });
  render(<AdminView />);
  return userEvent.click(screen.getByRole('tab', { name: tab }));
}

describe('Admins', () => {
  it('promotes the selected user and demotes only after confirmation', async () => {
    let admins: Array<{ Admin: { Arn: string; Name: string } }> = [];
    const api = installFakeApi({
      'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
      'chime:ListAppInstanceBots': () => ({ AppInstanceBots: [] }),
      'chime:ListAppInstanceAdmins': () => ({ AppInstanceAdmins: admins }),
      'chime:CreateAppInstanceAdmin': () => {
        admins = [{ Admin: { Arn: USER_ARN, Name: 'Alice' } }];
        return { AppInstanceAdmin: { Arn: USER_ARN, Name: 'Alice' }, AppInstanceArn: APP_ARN };
      },
      'chime:DeleteAppInstanceAdmin': () => {
        admins = [];
        return {};
      },
    });
    await render_('Admins');
    expect(screen.getByLabelText('User or bot ARN')).toHaveValue(USER_ARN);
    await userEvent.click(screen.getByRole('button', { name: 'Promote to admin' }));
    const demote = await screen.findByRole('button', { name: 'Demote Alice' });
    expect(inputsOf(api, 'chime:CreateAppInstanceAdmin')).toEqual([{ AppInstanceArn: APP_ARN, AppInstanceAdminArn: USER_ARN }]);

    await userEvent.click(demote);
    const dialog = screen.getByRole('dialog', { name: 'Demote "Alice"?' });
    expect(dialog).toHaveTextContent('The user itself is not deleted');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(inputsOf(api, 'chime:DeleteAppInstanceAdmin')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Demote Alice' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Demote' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Demote Alice' })).not.toBeInTheDocument());
    expect(inputsOf(api, 'chime:DeleteAppInstanceAdmin')).toEqual([{ AppInstanceArn: APP_ARN, AppInstanceAdminArn: USER_ARN }]);
  });

  it('does not suggest users who are already admins', async () => {
    const BOB = USER_ARN.replace(/[^/]+$/, 'bob');
    installFakeApi({
      'chime:ListAppInstanceAdmins': () => ({ AppInstanceAdmins: [{ Admin: { Arn: USER_ARN, Name: 'Alice' } }] }),
      'chime:ListAppInstanceBots': () => ({ AppInstanceBots: [] }),
    });
    useAppStore.setState({ users: [{ AppInstanceUserArn: USER_ARN, Name: 'Alice' }, { AppInstanceUserArn: BOB, Name: 'Bob' }] });
    await render_('Admins');
    await screen.findByRole('button', { name: 'Demote Alice' });
    const suggested = Array.from(document.querySelectorAll('datalist option')).map((o) => o.getAttribute('value'));
    expect(suggested).toEqual([BOB]);
  });

  it('refuses something that is not an ARN', async () => {
    const api = installFakeApi({ 'chime:ListAppInstanceAdmins': () => ({ AppInstanceAdmins: [] }), 'chime:ListAppInstanceBots': () => ({}) });
    await render_('Admins');
    const arn = screen.getByLabelText('User or bot ARN');
    await userEvent.clear(arn);
    await userEvent.type(arn, 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Promote to admin' }));
    expect(arn).toHaveAttribute('aria-invalid', 'true');
    expect(arn).toHaveAccessibleDescription(/: use an ARN \(arn:partition/);
    expect(inputsOf(api, 'chime:CreateAppInstanceAdmin')).toHaveLength(0);
  });
});

describe('Bots', () => {
  it('validates the Lex configuration and creates the bot with a token and InvokedBy', async () => {
    stubUuids();
    const api = installFakeApi({
      'chime:ListAppInstanceBots': () => ({ AppInstanceBots: [] }),
      'chime:CreateAppInstanceBot': () => ({ AppInstanceBotArn: BOT_ARN }),
      'chime:DescribeAppInstanceBot': () => ({ AppInstanceBot: { AppInstanceBotArn: BOT_ARN, Name: 'Helper', Configuration: { Lex: { LexBotAliasArn: ALIAS, LocaleId: 'en_US' } } } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
    });
    await render_('Bots');
    await userEvent.type(screen.getByLabelText('Name'), 'Helper');
    await userEvent.type(screen.getByLabelText('Lex bot alias ARN'), 'arn:aws:lex:bad');
    await userEvent.type(screen.getByLabelText('Welcome intent'), 'Say_hello2');
    await userEvent.click(screen.getByRole('button', { name: 'Create bot' }));
    expect(screen.getByLabelText('Lex bot alias ARN')).toHaveAccessibleDescription(/^Lex bot alias ARN: use a Lex V2 bot alias ARN/);
    expect(screen.getByLabelText('Locale ID')).toHaveAccessibleDescription(/Locale ID is required/);
    expect(screen.getByLabelText('Welcome intent')).toHaveAttribute('aria-invalid', 'true');
    expect(inputsOf(api, 'chime:CreateAppInstanceBot')).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText('Lex bot alias ARN'));
    await userEvent.type(screen.getByLabelText('Lex bot alias ARN'), ALIAS);
    await userEvent.type(screen.getByLabelText('Locale ID'), 'en_US');
    await userEvent.clear(screen.getByLabelText('Welcome intent'));
    await userEvent.type(screen.getByLabelText('Welcome intent'), 'Say_hello');
    await userEvent.click(screen.getByRole('radio', { name: 'Invoked by' }));
    await userEvent.selectOptions(screen.getByLabelText('Standard messages'), 'MENTIONS');
    await userEvent.click(screen.getByRole('button', { name: 'Create bot' }));

    await screen.findByRole('button', { name: 'Delete bot' });
    expect(inputsOf(api, 'chime:CreateAppInstanceBot')).toEqual([
      {
        AppInstanceArn: APP_ARN,
        Name: 'Helper',
        ClientRequestToken: '00000000-0000-4000-8000-000000000001',
        Configuration: { Lex: { LexBotAliasArn: ALIAS, LocaleId: 'en_US', WelcomeIntent: 'Say_hello', InvokedBy: { StandardMessages: 'MENTIONS', TargetedMessages: 'ALL' } } },
      },
    ]);
  });

  it('deletes a bot only after confirmation', async () => {
    const api = installFakeApi({
      'chime:ListAppInstanceBots': () => ({ AppInstanceBots: [{ AppInstanceBotArn: BOT_ARN, Name: 'Helper' }] }),
      'chime:DescribeAppInstanceBot': () => ({ AppInstanceBot: { AppInstanceBotArn: BOT_ARN, Name: 'Helper', Configuration: { Lex: { LexBotAliasArn: ALIAS, LocaleId: 'en_US', RespondsTo: 'STANDARD_MESSAGES' } } } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
      'chime:DeleteAppInstanceBot': () => ({}),
    });
    await render_('Bots');
    await userEvent.click(await screen.findByRole('button', { name: 'Open bot Helper' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete bot' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete bot "Helper"?' });
    expect(inputsOf(api, 'chime:DeleteAppInstanceBot')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(inputsOf(api, 'chime:DeleteAppInstanceBot')).toEqual([{ AppInstanceBotArn: BOT_ARN }]));
  });
});
