import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDirectory } from '../../../src/renderer/src/features/users/UserDirectory';
import { WatchToasts } from '../../../src/renderer/src/features/watch/WatchToasts';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';

const APP = 'arn:aws:chime:us-east-1:000000000000:app-instance/demo';
const ALICE = `${APP}/user/alice`;
const BOB = `${APP}/user/bob`;

beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 320 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 320 });
});

describe('Watched users', () => {
  it('shows each watched user’s health in the list, and a toast with Show when an endpoint turns INACTIVE', async () => {
    let summary = [{ userArn: BOB, polled: true, endpoints: 3, inactive: 0 }];
    installFakeApi({
      'watch:summary': () => summary,
      'workspace:update': () => ({ ok: false, error: { code: 'NoWorkspace', message: 'none', retryable: false } }),
    });
    act(() =>
      useAppStore.setState({
        selectedAppInstanceArn: APP,
        users: [
          { AppInstanceUserArn: ALICE, Name: 'Alice' },
          { AppInstanceUserArn: BOB, Name: 'Bob' },
        ],
        userLoad: { appInstanceArn: APP, loading: false, loadedCount: 2, startedAt: 0, doneAt: 1 },
        selectedUserArn: ALICE,
      }),
    );
    render(
      <>
        <UserDirectory />
        <WatchToasts />
      </>,
    );
    await act(() => useAppStore.getState().loadWatchSummary());
    expect(screen.getByRole('listitem', { name: 'Bob' })).toHaveAccessibleDescription('Watched · all ACTIVE');
    expect(screen.getByRole('listitem', { name: 'Alice' })).not.toHaveAccessibleDescription();

    // Bob's phone turns INACTIVE while Alice is on screen.
    summary = [{ userArn: BOB, polled: true, endpoints: 3, inactive: 1 }];
    act(() =>
      useAppStore.getState().watchChanged({
        kind: 'state-changed',
        userArn: BOB,
        endpointId: 'e1',
        at: Date.now(),
        before: { endpointId: 'e1', name: 'Bob’s iPhone', status: 'ACTIVE' },
        after: { endpointId: 'e1', name: 'Bob’s iPhone', status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' },
      }),
    );
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Bob' })).toHaveAccessibleDescription('Watched · 1 INACTIVE'));
    const toast = within(screen.getByRole('region', { name: 'Notifications' })).getByRole('alert');
    expect(toast).toHaveTextContent('Bob’s iPhone of Bob turned INACTIVE (INVALID_DEVICE_TOKEN).');
    await userEvent.click(within(toast).getByRole('button', { name: 'Show' }));
    expect(useAppStore.getState().selectedUserArn).toBe(BOB);
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });
});
