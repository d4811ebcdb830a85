import { describe, expect, it, beforeEach } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDirectory } from '../../../src/renderer/src/features/users/UserDirectory';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';

const APP = 'arn:aws:chime:us-east-1:000000000000:app-instance/demo';
const user = (i: number) => ({ AppInstanceUserArn: `${APP}/user/u${String(i).padStart(6, '0')}`, Name: `User number ${i}` });

// jsdom has no layout: give the scroll container a size so the virtualizer has a viewport.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 320 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 320 });
  installFakeApi({ 'workspace:update': () => ({ ok: false, error: { code: 'NoWorkspace', message: 'none', retryable: false } }) });
});

function loadUsers(count: number) {
  const users = Array.from({ length: count }, (_, i) => user(i + 1));
  act(() => {
    useAppStore.setState({
      selectedAppInstanceArn: APP,
      users,
      userLoad: { appInstanceArn: APP, loading: false, loadedCount: count, startedAt: 0, doneAt: 1 },
    });
  });
  return users;
}

describe('UserDirectory', () => {
  it('asks for an AppInstance first', () => {
    render(<UserDirectory />);
    expect(screen.getByText('No app instance chosen')).toBeInTheDocument();
  });

  it('renders 100,000 users with only a window of rows in the DOM', () => {
    render(<UserDirectory />);
    loadUsers(100_000);
    expect(screen.getByText('100,000 users')).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Users' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(60);
    expect(items[0]).toHaveAccessibleName('User number 1');
  });

  it('filters by name, user id or ARN as you type', async () => {
    render(<UserDirectory />);
    loadUsers(100_000);
    const search = screen.getByRole('searchbox', { name: 'Search users' });
    await userEvent.type(search, 'u099999');
    expect(await screen.findByText(/1 match/)).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'User number 99999' })).toBeInTheDocument();
    await userEvent.clear(search);
    await userEvent.type(search, 'nobody-like-this');
    expect(await screen.findByText('No matching users')).toBeInTheDocument();
  });

  it('selects a user by click and moves with the keyboard', async () => {
    render(<UserDirectory />);
    loadUsers(1000);
    await userEvent.click(screen.getByRole('listitem', { name: 'User number 1' }));
    expect(useAppStore.getState().selectedUserArn).toBe(user(1).AppInstanceUserArn);
    expect(screen.getByRole('listitem', { name: 'User number 1' })).toHaveAttribute('aria-current', 'true');
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 2' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    expect(useAppStore.getState().selectedUserArn).toBe(user(2).AppInstanceUserArn);
  });

  it('shows progress while pages arrive and the error with a retry', () => {
    render(<UserDirectory />);
    act(() => {
      useAppStore.setState({
        selectedAppInstanceArn: APP,
        users: [user(1)],
        userLoad: { appInstanceArn: APP, loading: true, loadedCount: 1, startedAt: 0 },
      });
    });
    expect(screen.getByRole('progressbar', { name: 'Loading users' })).toBeInTheDocument();
    act(() => {
      useAppStore.setState({
        userLoad: {
          appInstanceArn: APP,
          loading: false,
          loadedCount: 1,
          startedAt: 0,
          error: { code: 'ThrottledClientException', message: 'Slow down', retryable: true, httpStatus: 429 },
        },
      });
    });
    expect(screen.getByRole('alert')).toHaveTextContent('ThrottledClientException');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('keeps exactly one match in the Tab order when the filter hides the selected user, and ↓ Enter picks it', async () => {
    render(<UserDirectory />);
    loadUsers(1000);
    await userEvent.click(screen.getByRole('listitem', { name: 'User number 1' }));
    await userEvent.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search users' });
    search.focus();
    await userEvent.type(search, 'number 42');
    expect(await screen.findByText(/11 matches/)).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Users' })).getAllByRole('listitem');
    expect(items.filter((item) => item.tabIndex === 0)).toHaveLength(1);
    expect(items[0]).toHaveAttribute('tabindex', '0');
    // Tab from the search box lands on the first match.
    await userEvent.tab();
    expect(screen.getByRole('listitem', { name: 'User number 42' })).toHaveFocus();
    // Back to the search box; ↓ also moves into the matches.
    search.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 42' })).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 420' })).toHaveFocus());
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 429' })).toHaveFocus());
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 42' })).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'User number 420' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    expect(useAppStore.getState().selectedUserArn).toBe(user(420).AppInstanceUserArn);
    expect(screen.getByRole('listitem', { name: 'User number 420' })).toHaveAttribute('aria-current', 'true');
    expect(within(screen.getByRole('list', { name: 'Users' })).getAllByRole('listitem').filter((item) => item.tabIndex === 0)).toHaveLength(1);
  });
});
