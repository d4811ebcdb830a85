import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SendTestPushDialog } from '../../../src/renderer/src/features/push/SendTestPushDialog';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { USER_ARN, seedStore } from '../registration/fixtures';
import type { PlanTestPushInput } from '../../../src/shared/push/testPush';
import { CHANNEL_ARN, INSTANCE_ARN, SENDER_ARN, WORKSPACE, memberPlan } from './fixtures';

const BOB = `${INSTANCE_ARN}/user/bob`;
const BOT = `${INSTANCE_ARN}/bot/helper`;
const TEAM = `${INSTANCE_ARN}/channel/team`;
const LOBBY = `${INSTANCE_ARN}/channel/lobby`;
const OWN = `${INSTANCE_ARN}/channel/own-alice`;

function setup(handlers: FakeHandlers = {}, options: { sandbox?: boolean } = {}) {
  seedStore([]);
  useAppStore.setState({
    activeWorkspace: WORKSPACE,
    workspaces: [WORKSPACE],
    users: [
      { AppInstanceUserArn: USER_ARN, Name: 'Alice' },
      { AppInstanceUserArn: BOB, Name: 'Bob' },
    ],
  });
  if (options.sandbox === false)
    useAppStore.setState({
      connection: { info: { kind: 'profile', profile: 'dev', region: 'us-east-1' }, status: 'connected' },
    });
  const api = installFakeApi({
    'push:choices': () => ({
      channels: [
        { arn: TEAM, name: 'Team', targetIsMember: true },
        { arn: LOBBY, name: 'Lobby', targetIsMember: false },
      ],
      bots: [{ arn: BOT, name: 'Helper' }],
    }),
    'push:plan': (input) =>
      input.ownChannel
        ? memberPlan({ channel: { arn: OWN, name: 'Workbench push tests for alice', exists: true, chosen: 'own', memberCount: 2 } })
        : memberPlan({ channel: { arn: input.channelArn ?? CHANNEL_ARN, name: input.channelArn ? 'Team' : 'Workbench push tests', exists: true, chosen: input.channelArn ? 'given' : 'tag', memberCount: 5 } }),
    'watch:follow': () => ({ untilMs: Date.now() + 60_000 }),
    'workspace:update': ({ patch }) => ({ ...WORKSPACE, ...(patch.testPushes && { testPushes: patch.testPushes }), updatedAt: 2 }),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<SendTestPushDialog onClose={vi.fn()} />);
  const plans = () => api.calls.filter((c) => c.channel === 'push:plan').map((c) => c.input as PlanTestPushInput);
  return { api, user, plans, dialog: screen.getByRole('dialog', { name: 'Send test push' }) };
}

describe('picking the channel and the sender', () => {
  it('offers the target’s channels, the users and the bots, and re-plans with each pick', async () => {
    const { api, user, plans, dialog } = setup();
    const channel = within(dialog).getByLabelText('Channel');
    await within(channel).findByRole('option', { name: 'Team (member)' });
    expect(within(channel).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'The test channel (Workbench push tests)',
      'A channel of this user’s own (only the sender and this user)',
      'Team (member)',
      'Lobby',
      'Another channel (type its ARN)',
    ]);
    const sender = within(dialog).getByLabelText('Sender');
    // The target is no sender of her own test push.
    expect(within(sender).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'workbench-push-sender (created if missing)',
      'Bob',
      'Helper (bot)',
      'Another user or bot (type its ARN)',
    ]);
    expect(api.calls.find((c) => c.channel === 'push:choices')?.input).toEqual({ appInstanceArn: INSTANCE_ARN, userArn: USER_ARN, senderArn: SENDER_ARN });

    await user.selectOptions(channel, TEAM);
    await waitFor(() => expect(plans().at(-1)).toEqual({ appInstanceArn: INSTANCE_ARN, userArn: USER_ARN, channelArn: TEAM }));
    await user.selectOptions(sender, BOT);
    await waitFor(() => expect(plans().at(-1)).toEqual({ appInstanceArn: INSTANCE_ARN, userArn: USER_ARN, channelArn: TEAM, senderArn: BOT }));
    // The choices follow the sender: the channels it can see.
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'push:choices').at(-1)?.input).toMatchObject({ senderArn: BOT }));
    expect(channel).toHaveValue(TEAM);
    expect(sender).toHaveValue(BOT);
  });

  it('keeps a typed ARN as the fallback', async () => {
    const { user, plans, dialog } = setup();
    const channel = within(dialog).getByLabelText('Channel');
    await within(channel).findByRole('option', { name: 'Team (member)' });
    await user.selectOptions(channel, 'other');
    const before = plans().length;
    const typed = `${INSTANCE_ARN}/channel/typed`;
    await user.type(within(dialog).getByLabelText('Channel ARN'), typed);
    await user.click(within(dialog).getByRole('button', { name: 'Plan with these' }));
    await waitFor(() => expect(plans().at(-1)).toEqual({ appInstanceArn: INSTANCE_ARN, userArn: USER_ARN, channelArn: typed }));
    expect(plans().length).toBe(before + 1);
    expect(channel).toHaveValue('other');
  });
});

describe('who a test push notifies', () => {
  it('names the members of the channel and offers a channel of my own, then says which was used', async () => {
    const { user, plans, dialog } = setup();
    const note = await within(dialog).findByRole('note', { name: 'Who is notified' });
    expect(note).toHaveTextContent(
      'A channel message notifies every member whose preference allows it: “Workbench push tests” has 5 members, so 3 others besides the sender may get this push too.',
    );
    await user.click(within(note).getByRole('button', { name: 'Use a channel of my own' }));
    await waitFor(() => expect(plans().at(-1)).toEqual({ appInstanceArn: INSTANCE_ARN, userArn: USER_ARN, ownChannel: true }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Who is notified')).toHaveTextContent(
        'Using “Workbench push tests for alice”, this user’s own test channel: its only members are the sender and this user',
      ),
    );
    expect(within(dialog).queryByRole('note', { name: 'Who is notified' })).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText('Channel')).toHaveValue('own');
  });

  it('on AWS the result says to check the device and that EndpointState is followed for 60 s', async () => {
    const { user, api, dialog } = setup(
      { 'push:send': () => ({ messageId: 'msg-7', channelArn: CHANNEL_ARN, senderArn: SENDER_ARN, created: [] }) },
      { sandbox: false },
    );
    await within(dialog).findByRole('note', { name: 'Who is notified' });
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Sent, message id msg-7'));
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Deliveries cannot be seen on AWS: check the device. The app follows the endpoints’ EndpointState for 60 s.',
    );
    expect(within(dialog).getByRole('status')).toHaveTextContent('in the channel “Workbench push tests”');
    // No simulated devices on AWS: nothing asks the sandbox.
    expect(api.calls.some((c) => c.channel.startsWith('devices:'))).toBe(false);
  });
});
