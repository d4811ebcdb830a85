import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDetail } from '../../../src/renderer/src/features/endpoints/UserDetail';
import { useAppStore } from '../../../src/renderer/src/store';
import { describeEndpointState } from '../../../src/shared/workspace/endpointStateText';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
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
    expect(screen.getByText('30 days after creation')).toBeInTheDocument();
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
    expect(screen.getByRole('alert')).toHaveTextContent('ForbiddenException');
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
    expect(screen.getByRole('dialog', { name: 'Register endpoint' })).toBeInTheDocument();
  });

  it('says so when the user has no endpoints', async () => {
    setup({ 'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }) });
    expect(await screen.findByText('No endpoints')).toBeInTheDocument();
    expect(screen.getByText('0 of 10 endpoints')).toBeInTheDocument();
  });
});
