import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CleanUpSection } from '../../../src/renderer/src/features/push/CleanUpSection';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { seedStore } from '../registration/fixtures';
import { CHANNEL_ARN, INSTANCE_ARN, SENDER_ARN, memberPlan } from './fixtures';

const DEVICE = 'device-0001';
const REMOVE = [
  { kind: 'channel' as const, arn: CHANNEL_ARN, text: `the channel ${CHANNEL_ARN} (tagged workbench:purpose=push-test)` },
  { kind: 'sender' as const, arn: SENDER_ARN, text: 'the sender user workbench-push-sender' },
  { kind: 'device' as const, arn: DEVICE, text: 'the simulated device "Alice iPhone" on the Local sandbox' },
];

describe('Clean up', () => {
  it('says what it will remove, simulated devices included, and removes exactly that once confirmed', async () => {
    seedStore([]);
    useAppStore.setState({ selectedAppInstanceArn: INSTANCE_ARN });
    const api = installFakeApi({
      'push:cleanupPlan': () => ({
        appInstanceArn: INSTANCE_ARN,
        remove: REMOVE,
        summary: [`Will remove: ${REMOVE.map((r) => r.text).join('; ')}.`],
      }),
      'push:cleanup': () => ({ removed: REMOVE.map(({ arn, text }) => ({ arn, text })), failed: [] }),
      'push:plan': () => memberPlan(),
    });
    const user = userEvent.setup();
    render(<CleanUpSection />);
    const section = screen.getByRole('region', { name: 'Clean up' });
    await user.click(within(section).getByRole('button', { name: 'Clean up…' }));
    await within(section).findByText(/the simulated device "Alice iPhone" on the Local sandbox/);
    expect(api.calls.filter((c) => c.channel === 'push:cleanup')).toEqual([]);
    await user.click(within(section).getByRole('button', { name: 'Remove these 3' }));
    await waitFor(() => expect(within(section).getByRole('status')).toHaveTextContent('Removed the channel'));
    expect(within(section).getByRole('status')).toHaveTextContent('the simulated device "Alice iPhone" on the Local sandbox');
    expect(api.calls.find((c) => c.channel === 'push:cleanup')?.input).toEqual({
      appInstanceArn: INSTANCE_ARN,
      confirmed: [CHANNEL_ARN, SENDER_ARN, DEVICE],
    });
  });

  it('says which removal failed', async () => {
    seedStore([]);
    useAppStore.setState({ selectedAppInstanceArn: INSTANCE_ARN });
    installFakeApi({
      'push:cleanupPlan': () => ({ appInstanceArn: INSTANCE_ARN, remove: [REMOVE[2]!], summary: [`Will remove: ${REMOVE[2]!.text}.`] }),
      'push:cleanup': () => ({ removed: [], failed: [{ arn: DEVICE, text: REMOVE[2]!.text, message: 'The Local sandbox did not answer' }] }),
      'push:plan': () => memberPlan(),
    });
    const user = userEvent.setup();
    render(<CleanUpSection />);
    const section = screen.getByRole('region', { name: 'Clean up' });
    await user.click(within(section).getByRole('button', { name: 'Clean up…' }));
    await user.click(await within(section).findByRole('button', { name: 'Remove it' }));
    await waitFor(() =>
      expect(within(section).getByRole('status')).toHaveTextContent(
        'Nothing was removed. Could not remove the simulated device "Alice iPhone" on the Local sandbox: The Local sandbox did not answer.',
      ),
    );
  });
});
