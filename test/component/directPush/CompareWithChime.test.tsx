/**
 * "Compare with Chime" in the Direct push dialog over a fake main: the
 * payload's title and body go as a Chime test push (push:plan, push:send) to
 * the endpoint's user and as a direct push to its token; the sandbox's record
 * of this endpoint before and after the Chime send says what Chime did; both
 * outcomes are shown side by side under a one-line verdict.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DirectPushDialog } from '../../../src/renderer/src/features/directPush/DirectPushDialog';
import type { DirectPushTarget } from '../../../src/renderer/src/features/directPush/directPushForm';
import { useAppStore } from '../../../src/renderer/src/store';
import type { DirectPushOutcome, DirectPushSettings } from '../../../src/shared/ipc/directPushContract';
import type { LastDelivery } from '../../../src/shared/push/deliveries';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { seedStore, USER_ARN } from '../registration/fixtures';
import { memberPlan, WORKSPACE } from '../push/fixtures';

const TOKEN = 'ab'.repeat(32);
const TARGET: DirectPushTarget = {
  label: "Hank's iPhone",
  type: 'APNS',
  deviceToken: TOKEN,
  endpoint: { userArn: USER_ARN, endpointId: 'ep-1' },
};
const SAVED: DirectPushSettings = {
  apns: { keyId: 'ABCDE12345', teamId: 'TEAM123456', topic: 'com.example.app', environment: 'production', pushType: 'alert' },
  apnsKey: { handle: 'saved-1', kind: 'apnsKey', fileName: 'AuthKey_ABCDE12345.p8' },
  payloads: [],
  keysEncrypted: true,
  unreadableKeys: [],
};
const ACCEPTED: DirectPushOutcome = {
  service: 'apns',
  ok: true,
  status: 200,
  apnsId: '0c7f1a6e-6d3b-4c8e-9a55-1f0e2d3c4b5a',
  host: 'api.push.apple.com',
  credentialLabel: 'AuthKey_ABCDE12345.p8 · Team TEAM123456',
};
const EARLIER: LastDelivery = { kind: 'delivered', time: 1_000, title: 'Old', via: 'CHIME', pushType: 'alert', deviceId: 'd1' };

function setup(handlers: FakeHandlers, options: { sandbox?: boolean; target?: DirectPushTarget } = {}) {
  seedStore([]);
  if (options.sandbox === false)
    useAppStore.setState({ connection: { info: { kind: 'profile', profile: 'dev', region: 'us-east-1' }, status: 'connected' } });
  useAppStore.setState({ activeWorkspace: WORKSPACE, workspaces: [WORKSPACE] });
  const api = installFakeApi({
    'directPush:settings': () => SAVED,
    'push:plan': () => memberPlan(),
    'workspace:update': ({ patch }) => ({ ...WORKSPACE, ...(patch.testPushes && { testPushes: patch.testPushes }), updatedAt: 2 }),
    'watch:follow': () => ({ untilMs: Date.now() + 10_000 }),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<DirectPushDialog target={options.target ?? TARGET} onClose={() => {}} />);
  const dialog = screen.getByRole('dialog', { name: 'Direct push' });
  const order = () => api.calls.map((c) => c.channel).filter((c) => /^(push:|directPush:send|devices:)/.test(c));
  return { api, user, dialog, order };
}

describe('Compare with Chime', () => {
  it('is offered on an endpoint row only', () => {
    const { dialog } = setup({}, { target: { label: 'Saved', type: 'APNS', deviceToken: TOKEN } });
    expect(within(dialog).queryByRole('button', { name: 'Compare with Chime' })).toBeNull();
  });

  it('on the sandbox: Chime skipped the endpoint, Apple accepted: the verdict blames the Chime side', async () => {
    let reads = 0;
    const { user, dialog, order, api } = setup({
      // Before and after the Chime send: the same earlier delivery, so nothing reached the endpoint.
      'devices:lastDeliveries': () => {
        reads += 1;
        return [{ endpointId: 'ep-1', last: EARLIER }];
      },
      'push:send': () => ({ messageId: 'msg-1', channelArn: memberPlan().channel.arn!, senderArn: memberPlan().sender.arn, created: [] }),
      'directPush:send': () => ({ ok: true, value: ACCEPTED }),
    });
    await within(dialog).findByRole('button', { name: 'Key file (.p8) AuthKey_ABCDE12345.p8' });
    await user.click(within(dialog).getByRole('button', { name: 'Compare with Chime' }));

    const comparison = await within(dialog).findByRole('region', { name: 'Comparison' });
    expect(comparison).toHaveTextContent(
      "Apple accepted the direct push but Chime's did not reach this endpoint: the problem is on the Chime/Pinpoint side — run Check push readiness.",
    );
    const chime = within(comparison).getByRole('region', { name: 'Through Chime' });
    expect(chime).toHaveTextContent('message id msg-1');
    expect(chime).toHaveTextContent('Chime skipped it');
    const direct = within(comparison).getByRole('region', { name: 'Direct answer' });
    expect(direct).toHaveTextContent('Status 200');
    expect(direct).toHaveTextContent(ACCEPTED.apnsId!);
    // Chime first, read back, then the direct push (whose own delivery would otherwise be the newest).
    const calls = order();
    const chimeSent = calls.indexOf('push:send');
    const directSent = calls.indexOf('directPush:send');
    expect(calls.slice(0, 3)).toEqual(['devices:lastDeliveries', 'push:plan', 'push:send']);
    expect(calls.slice(chimeSent, directSent)).toContain('devices:lastDeliveries');
    expect(reads).toBeGreaterThanOrEqual(2);
    // The same words both ways: the payload's alert title and body.
    const send = api.calls.find((c) => c.channel === 'push:send')?.input as { title: string; body: string; pushType: string };
    expect(send).toMatchObject({ title: 'Hello', body: 'A direct push from Chime Endpoint Workbench', pushType: 'DEFAULT' });
    expect(api.calls.find((c) => c.channel === 'directPush:send')?.input).toMatchObject({
      push: { token: TOKEN, payload: { aps: { alert: { title: 'Hello' } } } },
    });
  });

  it('on the sandbox: Chime delivered, Apple refused: the verdict blames the direct push settings', async () => {
    let reads = 0;
    const { user, dialog } = setup({
      'devices:lastDeliveries': () => {
        reads += 1;
        return reads === 1
          ? []
          : [{ endpointId: 'ep-1', last: { ...EARLIER, time: Date.UTC(2026, 0, 1, 12, 3, 4), title: 'Hello' } }];
      },
      'push:send': () => ({ messageId: 'msg-2', channelArn: memberPlan().channel.arn!, senderArn: memberPlan().sender.arn, created: [] }),
      'directPush:send': () => ({
        ok: true,
        value: { ...ACCEPTED, ok: false, status: 403, reason: 'InvalidProviderToken', apnsId: undefined },
      }),
    });
    await within(dialog).findByRole('button', { name: 'Key file (.p8) AuthKey_ABCDE12345.p8' });
    await user.click(within(dialog).getByRole('button', { name: 'Compare with Chime' }));
    const comparison = await within(dialog).findByRole('region', { name: 'Comparison' });
    expect(comparison).toHaveTextContent(
      "Chime's push was delivered but Apple refused the direct push",
    );
    expect(within(comparison).getByRole('region', { name: 'Through Chime' })).toHaveTextContent(/This endpoint: delivered \d\d:\d\d:\d\d/);
    expect(within(comparison).getByRole('region', { name: 'Direct answer' })).toHaveTextContent('Status 403 · InvalidProviderToken');
  });

  it('on AWS: Chime failed to send, and says to check the device otherwise', async () => {
    const { user, dialog, order } = setup(
      {
        'push:send': () => ({
          ok: false,
          error: { code: 'ForbiddenException', message: 'Not allowed to send.', retryable: false },
        }),
        'directPush:send': () => ({ ok: true, value: ACCEPTED }),
      },
      { sandbox: false },
    );
    await within(dialog).findByRole('button', { name: 'Key file (.p8) AuthKey_ABCDE12345.p8' });
    await user.click(within(dialog).getByRole('button', { name: 'Compare with Chime' }));
    const comparison = await within(dialog).findByRole('region', { name: 'Comparison' });
    expect(comparison).toHaveTextContent(
      "Apple accepted the direct push but Chime's failed: the problem is on the Chime/Pinpoint side — run Check push readiness.",
    );
    expect(within(comparison).getByRole('region', { name: 'Through Chime' })).toHaveTextContent('Not allowed to send.');
    // No sandbox: no device records asked for.
    expect(order()).not.toContain('devices:lastDeliveries');
  });

  it('sends nothing when the payload has no title and body to compare', async () => {
    const { user, dialog, order } = setup({});
    await within(dialog).findByRole('button', { name: 'Key file (.p8) AuthKey_ABCDE12345.p8' });
    await user.selectOptions(within(dialog).getByLabelText('Push type'), 'background');
    await user.selectOptions(within(dialog).getByLabelText('Priority'), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Compare with Chime' }));
    expect(await within(dialog).findByText(/give the payload a aps.alert with a "title" and a "body"/)).toBeInTheDocument();
    expect(order()).toEqual([]);
  });
});
