import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StatusLine } from '../../../src/renderer/src/features/connection/StatusLine';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import { formatClock } from '../../../src/renderer/src/features/watch/healthText';
import { installFakeApi } from '../fakeApi';
import { USER_ARN } from './fixtures';

const LAST_POLL = new Date(2024, 5, 1, 12, 1, 5).getTime();

describe('Watcher health in the status line', () => {
  it('follows watch:health events: users, last poll and state', async () => {
    const api = installFakeApi({ 'watch:list': () => [{ userArn: USER_ARN }] });
    subscribeToMain();
    render(<StatusLine />);
    // The initial call cannot reach main while the channel is shadowed by the event (see watchSlice).
    await act(() => useAppStore.getState().loadWatch());
    expect(useAppStore.getState().watchTargets).toEqual([{ userArn: USER_ARN }]);
    act(() => api.emit('watch:status', { state: 'polling', watchedUsers: 3, lastSuccessAt: LAST_POLL }));
    expect(screen.getByRole('status')).toHaveTextContent(`Watching 3 users · last poll ${formatClock(LAST_POLL)} · polling`);
    // The OS locale's time format (12 or 24 hours), with seconds.
    expect(formatClock(LAST_POLL)).toMatch(/^12:01:05( PM)?$/);

    act(() =>
      api.emit('watch:status', { state: 'backing-off', watchedUsers: 3, lastSuccessAt: LAST_POLL, reason: 'ThrottledClientException: Rate exceeded' }),
    );
    expect(screen.getByTestId('watch-health')).toHaveTextContent('backing off: ThrottledClientException: Rate exceeded');

    act(() => api.emit('watch:status', { state: 'error', watchedUsers: 1, reason: 'ForbiddenException: Access denied' }));
    expect(screen.getByTestId('watch-health')).toHaveTextContent('Watching 1 user · no poll yet · error: ForbiddenException: Access denied');
    expect(screen.getByTestId('watch-health')).toHaveClass('status-error');

    act(() => api.emit('watch:status', { state: 'paused', watchedUsers: 1, lastSuccessAt: LAST_POLL }));
    expect(screen.getByTestId('watch-health')).toHaveTextContent('paused');
  });

  it('shows nothing about watching before the watcher reports', () => {
    installFakeApi({});
    render(<StatusLine />);
    expect(screen.queryByTestId('watch-health')).not.toBeInTheDocument();
  });

  it('counts down to the next try while backing off and offers Retry now', async () => {
    const api = installFakeApi({ 'watch:retry': () => true });
    subscribeToMain();
    render(<StatusLine />);
    act(() =>
      api.emit('watch:status', { state: 'backing-off', watchedUsers: 1, lastSuccessAt: LAST_POLL, nextPollAt: Date.now() + 30_000, reason: 'ThrottledClientException: Rate exceeded' }),
    );
    await waitFor(() => expect(screen.getByTestId('watch-health')).toHaveTextContent(/next try in (29|30) s/));
    await userEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(api.calls.filter((c) => c.channel === 'watch:retry')).toHaveLength(1);
    act(() => api.emit('watch:status', { state: 'polling', watchedUsers: 1, lastSuccessAt: Date.now() }));
    expect(screen.queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
    expect(screen.getByTestId('watch-health')).not.toHaveTextContent('next try');
  });
});
