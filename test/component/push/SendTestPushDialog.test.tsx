import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SendTestPushDialog } from '../../../src/renderer/src/features/push/SendTestPushDialog';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { USER_ARN, seedStore } from '../registration/fixtures';
import type { Endpoint } from '../../../src/renderer/src/features/endpoints/endpointsSlice';
import { CHANNEL_ARN, SENDER_ARN, WORKSPACE, createPlan, memberPlan } from './fixtures';

const ENDPOINTS: Endpoint[] = [
  {
    AppInstanceUserArn: USER_ARN,
    EndpointId: 'ep-1',
    Name: 'iPhone',
    Type: 'APNS',
    AllowMessages: 'ALL',
    EndpointState: { Status: 'ACTIVE' },
  },
];

function setup(handlers: FakeHandlers, options: { sandbox?: boolean } = {}) {
  seedStore(ENDPOINTS);
  if (options.sandbox === false)
    useAppStore.setState({
      connection: { info: { kind: 'profile', profile: 'dev', region: 'us-east-1' }, status: 'connected' },
    });
  useAppStore.setState({ activeWorkspace: WORKSPACE, workspaces: [WORKSPACE] });
  const api = installFakeApi({
    'push:choices': () => ({ channels: [], bots: [] }),
    'watch:follow': () => ({ untilMs: Date.now() + 10_000 }),
    'workspace:update': ({ patch }) => ({
      ...WORKSPACE,
      ...(patch.testPushes && { testPushes: patch.testPushes }),
      updatedAt: 2,
    }),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<SendTestPushDialog onClose={vi.fn()} />);
  const sends = () => api.calls.filter((c) => c.channel === 'push:send');
  return { api, user, sends, dialog: screen.getByRole('dialog', { name: 'Send test push' }) };
}

describe('Send test push', () => {
  it('says what will be created before anything is sent', async () => {
    const { api, dialog } = setup({ 'push:plan': () => createPlan() });
    const plan = await within(dialog).findByRole('region', { name: 'What this push will use' });
    expect(plan).toHaveTextContent('Sending will first create:');
    expect(plan).toHaveTextContent('Create the AppInstanceUser "workbench-push-sender".');
    expect(plan).toHaveTextContent('Create the channel "Workbench push tests".');
    expect(api.calls.map((c) => c.channel).sort()).toEqual(['push:choices', 'push:plan']);
    expect(api.calls.find((c) => c.channel === 'push:plan')?.input).toEqual({
      appInstanceArn: USER_ARN.slice(0, USER_ARN.indexOf('/user/')),
      userArn: USER_ARN,
    });
    // No member yet, so no preference editor; Default notifies.
    expect(within(dialog).queryByRole('group', { name: 'Push preference in this channel' })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent('This message would notify the user: no preferences set (ALL).');
  });

  it('checks Title and Body limits as typed and sends nothing out of bounds', async () => {
    const { user, sends, dialog } = setup({
      'push:plan': () => memberPlan(),
      'push:getPreference': () => ({ mode: 'Default' as const }),
    });
    await within(dialog).findByRole('region', { name: 'What this push will use' });
    const title = within(dialog).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'x'.repeat(51));
    await user.tab();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Title is at most 50 characters (now 51)');
    await user.clear(within(dialog).getByLabelText('Body'));
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByLabelText('Body')).toHaveAttribute('aria-invalid', 'true');
    expect(dialog).toHaveTextContent('Body is required');
    expect(sends()).toEqual([]);
  });

  it('sends, shows "Sent" with the message id, keeps the history and follows the endpoints', async () => {
    const { api, user, sends, dialog } = setup({
      'push:plan': () => memberPlan(),
      'push:getPreference': () => ({ mode: 'Default' as const }),
      'push:send': () => ({ messageId: 'msg-42', channelArn: CHANNEL_ARN, senderArn: SENDER_ARN, created: [] }),
    });
    await within(dialog).findByRole('region', { name: 'What this push will use' });
    const title = within(dialog).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Hello');
    await user.selectOptions(within(dialog).getByLabelText('Push type'), 'VOIP');
    await user.type(within(dialog).getByLabelText('Message attributes'), 'mention=Bob');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Sent, message id msg-42'));
    expect(sends()[0]?.input).toMatchObject({
      plan: { nonce: 'nonce-0001' },
      title: 'Hello',
      pushType: 'VOIP',
      messageAttributes: { mention: { StringValues: ['Bob'] } },
    });
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'watch:follow')).toBe(true));
    expect(api.calls.find((c) => c.channel === 'watch:follow')?.input).toMatchObject({
      userArn: USER_ARN,
      endpointId: 'ep-1',
      after: 'push',
      known: { status: 'ACTIVE' },
    });
    await waitFor(() =>
      expect(within(dialog).getByRole('region', { name: 'Recent test pushes' })).toHaveTextContent('Hello (VOIP) sent'),
    );
    const update = api.calls.find((c) => c.channel === 'workspace:update')?.input as {
      patch: { testPushes: unknown[] };
    };
    expect(update.patch.testPushes).toEqual([
      expect.objectContaining({
        title: 'Hello',
        userArn: USER_ARN,
        channelArn: CHANNEL_ARN,
        outcome: { kind: 'sent', messageId: 'msg-42' },
      }),
    ]);
  });

  it('shows the error with its meaning, and what the send created before failing', async () => {
    const message =
      'The sender may not send in this channel: it must be a member of the channel (a user or bot of the same AppInstance). (ForbiddenException: not a member) Already created and still there: the sender user workbench-push-sender.';
    const { user, dialog } = setup({
      'push:plan': () => createPlan(),
      'push:send': () => ({ ok: false as const, error: { code: 'ForbiddenException', message, retryable: false } }),
    });
    await within(dialog).findByRole('region', { name: 'What this push will use' });
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByText(/Not sent\./);
    expect(dialog).toHaveTextContent('The sender may not send in this channel');
    expect(dialog).toHaveTextContent('Already created and still there: the sender user workbench-push-sender.');
    expect(within(dialog).getByRole('status')).toHaveTextContent('');
  });

  it('answers "would this message notify?" from the saved Filtered preference and the attributes', async () => {
    const { user, dialog } = setup({
      'push:plan': () => memberPlan({ targetPreference: { mode: 'Filtered', filterRule: '{"mention":["Bob"]}' } }),
    });
    await within(dialog).findByRole('region', { name: 'What this push will use' });
    expect(dialog).toHaveTextContent(
      'This message would not notify the user: FilterRule does not match the message attributes.',
    );
    await user.type(within(dialog).getByLabelText('Message attributes'), 'mention=Bob');
    expect(dialog).toHaveTextContent('This message would notify the user: FilterRule matches the message attributes.');
    await user.clear(within(dialog).getByLabelText('Message attributes'));
    await user.type(within(dialog).getByLabelText('Message attributes'), 'mention');
    expect(within(dialog).getByLabelText('Message attributes')).toHaveAttribute('aria-invalid', 'true');
    expect(dialog).toHaveTextContent('Message attributes: "mention" is not KEY=VALUE');
  });

  it('on AWS says deliveries cannot be seen and to check the device', async () => {
    const { dialog } = setup(
      { 'push:plan': () => memberPlan(), 'push:getPreference': () => ({ mode: 'Default' as const }) },
      { sandbox: false },
    );
    await within(dialog).findByRole('region', { name: 'What this push will use' });
    expect(dialog).toHaveTextContent('On AWS the deliveries cannot be seen from here: check the device.');
  });
});
