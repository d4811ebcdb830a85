import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDetail } from '../../../src/renderer/src/features/endpoints/UserDetail';
import { useAppStore } from '../../../src/renderer/src/store';
import { describeEndpointState } from '../../../src/shared/workspace/endpointStateText';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { formatClock } from '../../../src/renderer/src/features/watch/healthText';
import { APP_ARN, HEX64, USER_ARN, VOIP64 } from '../registration/fixtures';
import type { Endpoint } from '../../../src/renderer/src/features/endpoints/endpointsSlice';
import type { Result } from '../../../src/shared/errors';

const FCM = `dQw4w9WgXcQ:APA91bH${'x'.repeat(140)}`;
const ENDPOINTS = {
  'ep-ios': {
    AppInstanceUserArn: USER_ARN,
    EndpointId: 'ep-ios',
    Name: 'iPhone',
    Type: 'APNS_SANDBOX',
    ResourceArn: APP_ARN,
    EndpointAttributes: { DeviceToken: HEX64, VoipDeviceToken: VOIP64 },
    AllowMessages: 'ALL',
    EndpointState: { Status: 'ACTIVE' },
    CreatedTimestamp: Date.UTC(2024, 0, 2, 3, 4, 5),
    LastUpdatedTimestamp: Date.UTC(2024, 0, 3, 3, 4, 5),
  },
  'ep-android': {
    AppInstanceUserArn: USER_ARN,
    EndpointId: 'ep-android',
    Name: 'Pixel',
    Type: 'GCM',
    ResourceArn: APP_ARN,
    EndpointAttributes: { DeviceToken: FCM },
    AllowMessages: 'ALL',
    EndpointState: { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' },
    CreatedTimestamp: Date.UTC(2024, 0, 2),
    LastUpdatedTimestamp: Date.UTC(2024, 0, 2),
  },
} as const;

type Fixture = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];
type Stored = { -readonly [K in keyof Fixture]: Fixture[K] | string };

function summaries(store: Record<string, Stored>) {
  return Object.values(store).map(({ AppInstanceUserArn, EndpointId, Name, Type, AllowMessages, EndpointState }) => ({
    AppInstanceUserArn,
    EndpointId,
    Name,
    Type,
    AllowMessages,
    EndpointState,
  }));
}

/** A tiny stateful service: Update changes what the next Describe answers, as the real one does. */
function setup(handlers: FakeHandlers = {}) {
  const store: Record<string, Stored> = structuredClone(ENDPOINTS) as unknown as Record<string, Stored>;
  const api = installFakeApi({
    'chime:DescribeAppInstanceUser': () => ({
      AppInstanceUser: {
        AppInstanceUserArn: USER_ARN,
        Name: 'Alice',
        Metadata: '{"team":"mobile"}',
        CreatedTimestamp: Date.UTC(2024, 0, 1),
        LastUpdatedTimestamp: Date.UTC(2024, 0, 1),
        ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' },
      },
    }),
    // The store holds what Update wrote (checked against the contract's enums on the way in).
    'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: summaries(store) as Endpoint[] }),
    'chime:DescribeAppInstanceUserEndpoint': (input) => ({
      AppInstanceUserEndpoint: store[input.EndpointId ?? ''] as Endpoint | undefined,
    }),
    'chime:UpdateAppInstanceUserEndpoint': (input) => {
      const { EndpointId, Name, AllowMessages } = input as {
        EndpointId: string;
        Name?: string;
        AllowMessages?: string;
      };
      const endpoint = store[EndpointId];
      if (endpoint) Object.assign(endpoint, Name !== undefined ? { Name } : {}, AllowMessages ? { AllowMessages } : {});
      return { AppInstanceUserArn: USER_ARN, EndpointId };
    },
    ...handlers,
  });
  useAppStore.setState({ selectedUserArn: USER_ARN });
  const user = userEvent.setup();
  render(<UserDetail />);
  const callsTo = (channel: string) => api.calls.filter((c) => c.channel === channel);
  return { api, user, callsTo };
}

/** The row once Describe has filled it in (the masked token appears only then). */
async function row(name: string) {
  const found = await screen.findByRole('row', { name });
  await within(found).findAllByRole('button', { name: /Reveal/ });
  return found;
}

describe('UserDetail', () => {
  it('asks for a user when none is selected', () => {
    installFakeApi({});
    render(<UserDetail />);
    expect(screen.getByText('No user selected')).toBeInTheDocument();
  });

  it("shows the user's properties and the endpoint count against the quota", async () => {
    setup();
    expect(await screen.findByRole('heading', { name: 'Alice' })).toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();
    expect(screen.getByText('{"team":"mobile"}')).toBeInTheDocument();
    // The actual date, not only the rule: created 2024-01-01 + 30 days.
    const expires = screen.getByText(/^30 days after creation/);
    expect(expires.querySelector('time')).toHaveAttribute('dateTime', new Date(Date.UTC(2024, 0, 31)).toISOString());
    expect(await screen.findByText('2 of 10 endpoints')).toBeInTheDocument();
  });

  it('shows a service error with its code when the user cannot be read', async () => {
    setup({
      'chime:DescribeAppInstanceUser': () => ({
        ok: false,
        error: { code: 'NotFoundException', message: 'User not found', httpStatus: 404, retryable: false },
      }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('NotFoundException');
    expect(alert).toHaveTextContent('User not found');
  });

  it('masks tokens until revealed', async () => {
    const { user } = setup();
    const iphone = await row('iPhone');
    expect(within(iphone).getByText('a1b2…9f0e')).toBeInTheDocument();
    expect(within(iphone).getByText('ffee…1100')).toBeInTheDocument();
    expect(within(iphone).queryByText(HEX64)).not.toBeInTheDocument();
    await user.click(within(iphone).getByRole('button', { name: 'Reveal device token' }));
    expect(within(iphone).getByText(HEX64)).toBeInTheDocument();
    expect(within(iphone).queryByText(VOIP64)).not.toBeInTheDocument();
    await user.click(within(iphone).getByRole('button', { name: 'Hide device token' }));
    expect(within(iphone).queryByText(HEX64)).not.toBeInTheDocument();
  });

  it('states ACTIVE, and INACTIVE with its reason in plain words', async () => {
    setup();
    expect(within(await row('iPhone')).getByText('ACTIVE')).toBeInTheDocument();
    const pixel = await row('Pixel');
    expect(within(pixel).getByText('INACTIVE (INVALID_DEVICE_TOKEN)')).toBeInTheDocument();
    expect(within(pixel).getByText(describeEndpointState('INACTIVE', 'INVALID_DEVICE_TOKEN'))).toBeInTheDocument();
  });

  it('turns Allow messages off at once and back on when the service refuses', async () => {
    let answer: (value: Result<{ AppInstanceUserArn?: string; EndpointId?: string }>) => void = () => {};
    const { user, callsTo } = setup({
      'chime:UpdateAppInstanceUserEndpoint': () => new Promise((resolve) => (answer = resolve)),
    });
    const toggle = within(await row('iPhone')).getByRole('switch', { name: 'Allow messages' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(callsTo('chime:UpdateAppInstanceUserEndpoint')[0]?.input).toEqual({
      AppInstanceUserArn: USER_ARN,
      EndpointId: 'ep-ios',
      AllowMessages: 'NONE',
    });
    await act(async () =>
      answer({
        ok: false,
        error: { code: 'ForbiddenException', message: 'Not allowed', httpStatus: 403, retryable: false },
      }),
    );
    expect(toggle).toBeChecked();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('ForbiddenException');
    // One box, next to the row, in whole words, with its own Dismiss.
    expect(alert).toHaveTextContent('Could not change Allow messages for iPhone; the change was undone.');
    expect(alert.closest('tr')?.previousElementSibling).toBe(screen.getByRole('row', { name: 'iPhone' }));
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the user and the rows when a refresh fails with a 503: one error, the rest marked "as of"', async () => {
    let down = false;
    const unavailable = { ok: false as const, error: { code: 'ServiceUnavailableException', message: 'Try later', httpStatus: 503, retryable: true } };
    const store = structuredClone(ENDPOINTS) as unknown as Record<string, Stored>;
    setup({
      'chime:DescribeAppInstanceUser': () =>
        down ? unavailable : { AppInstanceUser: { AppInstanceUserArn: USER_ARN, Name: 'Alice', Metadata: '{"team":"mobile"}' } },
      'chime:ListAppInstanceUserEndpoints': () => (down ? unavailable : { AppInstanceUserEndpoints: summaries(store) as Endpoint[] }),
    });
    await row('iPhone');
    down = true;
    await act(() => useAppStore.getState().refreshUserDetail());
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent('Could not refresh this user and its endpoints');
    expect(within(alerts[0]!).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // The details and rows stay, marked stale.
    expect(screen.getByRole('heading', { name: 'Alice' })).toBeInTheDocument();
    expect(screen.getByText('{"team":"mobile"}')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'iPhone' })).toBeInTheDocument();
    expect(screen.getAllByText(/^as of \d{1,2}:\d\d:\d\d( [AP]M)?$/)).toHaveLength(2);
    // Back up: Try again clears the error and the marks.
    down = false;
    await userEvent.click(within(alerts[0]!).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(screen.queryByText(/^as of /)).not.toBeInTheDocument();
  });

  it('keeps the new Allow messages value when the service accepts it', async () => {
    const { user, callsTo } = setup();
    const toggle = within(await row('iPhone')).getByRole('switch', { name: 'Allow messages' });
    await user.click(toggle);
    await waitFor(() => expect(callsTo('chime:DescribeAppInstanceUserEndpoint').length).toBe(3));
    expect(toggle).not.toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('renames in place', async () => {
    const { user, callsTo } = setup();
    const pixel = await row('Pixel');
    await user.click(within(pixel).getByRole('button', { name: 'Rename Pixel' }));
    const input = within(pixel).getByRole('textbox', { name: 'New endpoint name' });
    await user.clear(input);
    await user.type(input, 'Pixel 9{Enter}');
    expect(callsTo('chime:UpdateAppInstanceUserEndpoint')[0]?.input).toEqual({
      AppInstanceUserArn: USER_ARN,
      EndpointId: 'ep-android',
      Name: 'Pixel 9',
    });
    expect(await screen.findByRole('row', { name: 'Pixel 9' })).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: 'Pixel' })).not.toBeInTheDocument();
  });

  it('deregisters only after confirmation', async () => {
    const { user, callsTo } = setup({ 'chime:DeregisterAppInstanceUserEndpoint': () => ({}) });
    await user.click(within(await row('Pixel')).getByRole('button', { name: 'Deregister' }));
    let dialog = screen.getByRole('dialog', { name: 'Deregister endpoint' });
    expect(dialog).toHaveAccessibleDescription('For user Alice (alice)');
    // A stray Enter must not deregister: focus starts on Cancel.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(callsTo('chime:DeregisterAppInstanceUserEndpoint')).toHaveLength(0);

    await user.click(within(screen.getByRole('row', { name: 'Pixel' })).getByRole('button', { name: 'Deregister' }));
    dialog = screen.getByRole('dialog', { name: 'Deregister endpoint' });
    await user.click(within(dialog).getByRole('button', { name: 'Deregister' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: 'Pixel' })).not.toBeInTheDocument());
    expect(callsTo('chime:DeregisterAppInstanceUserEndpoint')[0]?.input).toEqual({
      AppInstanceUserArn: USER_ARN,
      EndpointId: 'ep-android',
    });
    expect(screen.getByText('1 of 10 endpoints')).toBeInTheDocument();
  });

  it('refreshes on the refresh shortcut and opens Register endpoint on its shortcut', async () => {
    const { callsTo } = setup();
    await row('iPhone');
    expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(1);
    act(() => void window.dispatchEvent(new Event('workbench:refresh')));
    await waitFor(() => expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(2));
    expect(callsTo('chime:DescribeAppInstanceUser')).toHaveLength(2);
    act(() => void window.dispatchEvent(new Event('workbench:register-endpoint')));
    // The dialog says whom it registers for, even when the search hides the selected user.
    const register = screen.getByRole('dialog', { name: 'Register endpoint' });
    expect(register).toHaveAccessibleDescription('For user Alice (alice)');
    // Initial focus on the first field.
    expect(within(register).getAllByRole('textbox')[0]).toHaveFocus();
  });

  it('says so when the user has no endpoints', async () => {
    setup({ 'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }) });
    expect(await screen.findByText('No endpoints')).toBeInTheDocument();
    expect(screen.getByText('0 of 10 endpoints')).toBeInTheDocument();
  });

  it('after a registration on the Local sandbox shows "checking…" until the watcher brings the verdict', async () => {
    const follows: unknown[] = [];
    const store = structuredClone(ENDPOINTS) as unknown as Record<string, Stored>;
    const { callsTo } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => {
        store['ep-new'] = { ...store['ep-ios']!, EndpointId: 'ep-new', Name: 'New phone', CreatedTimestamp: Date.UTC(2025, 0, 1) };
        return { AppInstanceUserArn: USER_ARN, EndpointId: 'ep-new' };
      },
      'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: summaries(store) as Endpoint[] }),
      'chime:DescribeAppInstanceUserEndpoint': (input) => ({ AppInstanceUserEndpoint: store[input.EndpointId ?? ''] as Endpoint | undefined }),
      'watch:follow': (input) => {
        follows.push(input);
        return { untilMs: Date.now() + 60_000 };
      },
    });
    await row('iPhone');
    await act(() =>
      useAppStore.getState().registerEndpoint({
        AppInstanceUserArn: USER_ARN,
        Name: 'New phone',
        Type: 'APNS_SANDBOX',
        ResourceArn: APP_ARN,
        EndpointAttributes: { DeviceToken: HEX64 },
        ClientRequestToken: 'token-1',
      }),
    );
    const fresh = await row('New phone');
    expect(follows).toEqual([
      { userArn: USER_ARN, endpointId: 'ep-new', known: { endpointId: 'ep-new', name: 'New phone', type: 'APNS_SANDBOX', allowMessages: 'ALL', status: 'ACTIVE' } },
    ]);
    await waitFor(() => expect(within(fresh).getByText('checking…')).toHaveAttribute('role', 'status'));
    // Newest first, highlighted, and said in words.
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Endpoints' })).getAllByRole('row')[1]).toBe(fresh));
    expect(fresh).toHaveClass('row-new');
    expect(screen.getByText('Registered “New phone”.')).toHaveAttribute('role', 'status');
    expect(within(screen.getByRole('row', { name: 'iPhone' })).queryByText('checking…')).not.toBeInTheDocument();
    // The watcher reports the verdict: the row says so without a refresh, and "checking…" ends.
    const listsBefore = callsTo('chime:ListAppInstanceUserEndpoints').length;
    act(() =>
      useAppStore.getState().watchChanged({
        kind: 'state-changed',
        userArn: USER_ARN,
        endpointId: 'ep-new',
        at: Date.now(),
        before: { endpointId: 'ep-new', status: 'ACTIVE' },
        after: { endpointId: 'ep-new', status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' },
      }),
    );
    expect(within(fresh).getByText('INACTIVE (INVALID_DEVICE_TOKEN)')).toBeInTheDocument();
    expect(within(fresh).queryByText('checking…')).not.toBeInTheDocument();
    expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(listsBefore);
  });

  it('shows no "checking…" where main follows nothing (AWS)', async () => {
    const store = structuredClone(ENDPOINTS) as unknown as Record<string, Stored>;
    setup({
      'chime:RegisterAppInstanceUserEndpoint': () => {
        store['ep-new'] = { ...store['ep-ios']!, EndpointId: 'ep-new', Name: 'New phone' };
        return { AppInstanceUserArn: USER_ARN, EndpointId: 'ep-new' };
      },
      'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: summaries(store) as Endpoint[] }),
      'chime:DescribeAppInstanceUserEndpoint': (input) => ({ AppInstanceUserEndpoint: store[input.EndpointId ?? ''] as Endpoint | undefined }),
      'watch:follow': () => null,
    });
    await row('iPhone');
    await act(() =>
      useAppStore.getState().registerEndpoint({
        AppInstanceUserArn: USER_ARN,
        Name: 'New phone',
        Type: 'APNS_SANDBOX',
        ResourceArn: APP_ARN,
        EndpointAttributes: { DeviceToken: HEX64 },
        ClientRequestToken: 'token-1',
      }),
    );
    const fresh = await row('New phone');
    expect(within(fresh).queryByText('checking…')).not.toBeInTheDocument();
    expect(useAppStore.getState().follows).toEqual({});
  });

  it('sorts by a column on request, newest first by default', async () => {
    const { user } = setup();
    await row('iPhone');
    const table = screen.getByRole('table', { name: 'Endpoints' });
    const names = () => within(table).getAllByRole('row').slice(1).map((r) => r.getAttribute('aria-label'));
    // ep-ios was created after ep-android.
    expect(names()).toEqual(['iPhone', 'Pixel']);
    expect(within(table).getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    expect(within(table).getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['iPhone', 'Pixel']);
    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    expect(names()).toEqual(['Pixel', 'iPhone']);
    await user.click(within(table).getByRole('button', { name: /^State/ }));
    expect(names()).toEqual(['Pixel', 'iPhone']);
    expect(within(table).getByRole('columnheader', { name: /^State/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('marks a watched user’s rows "as of" the last good poll while the watcher backs off', async () => {
    setup();
    await row('iPhone');
    expect(screen.queryByText(/^as of /)).not.toBeInTheDocument();
    const lastGood = Date.now() + 60_000;
    act(() =>
      useAppStore.setState({
        watchTargets: [{ userArn: USER_ARN }],
        watchHealth: { state: 'backing-off', watchedUsers: 1, lastSuccessAt: lastGood, nextPollAt: lastGood + 30_000 },
      }),
    );
    expect(screen.getByText(`as of ${formatClock(lastGood)}`)).toBeInTheDocument();
    act(() => useAppStore.setState({ watchHealth: { state: 'polling', watchedUsers: 1, lastSuccessAt: lastGood } }));
    expect(screen.queryByText(/^as of /)).not.toBeInTheDocument();
  });

  it('describes each endpoint once per session: choosing the user again costs one List, Refresh re-reads all', async () => {
    const { callsTo } = setup();
    await row('iPhone');
    expect(callsTo('chime:DescribeAppInstanceUserEndpoint')).toHaveLength(2);
    act(() => useAppStore.setState({ selectedUserArn: undefined }));
    act(() => useAppStore.setState({ selectedUserArn: USER_ARN }));
    await row('iPhone');
    await waitFor(() => expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(2));
    expect(callsTo('chime:DescribeAppInstanceUserEndpoint')).toHaveLength(2);
    // The rows still show what Describe told (tokens, ARN, dates).
    expect(within(screen.getByRole('row', { name: 'iPhone' })).getAllByRole('button', { name: /Reveal/ }).length).toBeGreaterThan(0);
    await act(() => useAppStore.getState().refreshUserDetail());
    expect(callsTo('chime:DescribeAppInstanceUserEndpoint')).toHaveLength(4);
  });
});
