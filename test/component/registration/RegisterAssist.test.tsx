/**
 * Issue 11, items 7, 13, 15 and 18 and the Pinpoint-ARN polish: what the
 * register form does to spare a mobile developer retyping and mistakes.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RegisterEndpointDialog } from '../../../src/renderer/src/features/registration/RegisterEndpointDialog';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { rememberDescribed } from '../../../src/renderer/src/store/describedEndpoints';
import { routePage } from '../../../src/renderer/src/features/pages/pagedLoads';
import type { Workspace } from '../../../src/shared/ipc/appTypes';
import { APP_ARN, HEX64, USER_ARN, seedStore } from './fixtures';

const FCM = `dQw4w9WgXcQ:APA91bH${'x'.repeat(140)}`;
const INSTANCE = USER_ARN.slice(0, USER_ARN.lastIndexOf('/user/'));
const BOB = `${INSTANCE}/user/bob`;
const CAROL = `${INSTANCE}/user/carol`;
const OTHER_APP = APP_ARN.replace('0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210');

function setup(handlers: FakeHandlers = {}) {
  const api = installFakeApi({
    'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }),
    'watch:follow': () => null,
    ...handlers,
  });
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(<RegisterEndpointDialog onClose={onClose} />);
  return { api, user, onClose };
}

function seedUsers() {
  useAppStore.setState({
    users: [
      { AppInstanceUserArn: USER_ARN, Name: 'Alice' },
      { AppInstanceUserArn: BOB, Name: 'Bob' },
      { AppInstanceUserArn: CAROL, Name: 'Carol' },
    ],
  });
}

async function pasteInto(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(text);
}

describe('register form: platform first (item 7)', () => {
  it('calls out an FCM token under APNS while typing, never "Normalised to", and switches to GCM in one click', async () => {
    seedStore();
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'APNS');
    await pasteInto(user, 'Device token', ` ${FCM}`);
    const field = screen.getByLabelText('Device token');
    // Before leaving the field: the platform is named at once.
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('This looks like an FCM registration token; choose GCM.');
    expect(screen.queryByText(/Normalised to/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Switch to GCM' }));
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('GCM');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('button', { name: 'Switch to GCM' })).not.toBeInTheDocument();
  });

  it('and back: an APNs token under GCM offers Switch to APNS', async () => {
    seedStore();
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'GCM');
    await pasteInto(user, 'Device token', `<${HEX64.toUpperCase()}>`);
    expect(screen.queryByText(/Normalised to/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Switch to APNS' }));
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('APNS');
    expect(screen.getByLabelText('Device token')).toHaveAccessibleDescription(`Normalised to ${HEX64}`);
  });
});

describe("register form: Xcode's truncated description (item 13)", () => {
  it('shows the Swift and Objective-C lines that print the whole token, and no "Normalised to"', async () => {
    seedStore();
    const { user } = setup();
    await pasteInto(user, 'Device token', '{length = 32, bytes = 0xa1b2c3d4 e5f60718 ... 8f90a1b2 c3d4e5f6 }');
    expect(screen.getByRole('alert')).toHaveTextContent(/truncated: Xcode shortens it/);
    const help = screen.getByRole('region', { name: 'Print the whole token' });
    expect(within(help).getByLabelText('Swift snippet')).toHaveTextContent(
      'print(deviceToken.map { String(format: "%02x", $0) }.joined())',
    );
    expect(within(help).getByLabelText('Objective-C snippet')).toHaveTextContent('[hex appendFormat:@"%02x", b[i]]');
    expect(screen.queryByText(/Normalised to/)).not.toBeInTheDocument();
  });
});

describe('register form: less retyping (item 15)', () => {
  it('names the user and explains APNS against APNS_SANDBOX', async () => {
    seedStore();
    seedUsers();
    const { user } = setup();
    const dialog = screen.getByRole('dialog', { name: 'Register endpoint' });
    expect(dialog).toHaveTextContent('For user Alice (alice)');
    const type = screen.getByRole('combobox', { name: 'Type' });
    expect(type).toHaveAccessibleDescription(/APNS_SANDBOX is for development builds run from Xcode/);
    await user.selectOptions(type, 'APNS');
    expect(type).toHaveAccessibleDescription(/APNS is for App Store and TestFlight builds/);
  });

  it('starts from the type and Pinpoint app last used on this AppInstance, and remembers the next one in the workspace', async () => {
    seedStore();
    const workspace: Workspace = {
      id: 'ws1',
      name: 'Default',
      connection: { kind: 'sandbox' },
      region: 'us-east-1',
      watchList: [],
      devices: [],
      registrationDefaults: [{ appInstanceArn: INSTANCE, type: 'GCM', pinpointAppArn: APP_ARN }],
      createdAt: 0,
      updatedAt: 0,
    };
    useAppStore.setState({ activeWorkspace: workspace, workspaces: [workspace] });
    const updates: unknown[] = [];
    const { user, onClose } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => ({ EndpointId: 'ep-1' }),
      'workspace:update': (input) => {
        updates.push(input);
        return { ...workspace, ...input.patch } as Workspace;
      },
    });
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('GCM');
    expect(screen.getByLabelText('Pinpoint app ARN')).toHaveValue(APP_ARN);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'APNS');
    await pasteInto(user, 'Device token', HEX64);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    await waitFor(() =>
      expect(updates).toEqual([
        { id: 'ws1', patch: { registrationDefaults: [{ appInstanceArn: INSTANCE, type: 'APNS', pinpointAppArn: APP_ARN }] } },
      ]),
    );
    expect(useAppStore.getState().sessionRegistrationDefaults[0]?.type).toBe('APNS');
  });

  it('offers the Pinpoint apps the AppInstance already uses', async () => {
    seedStore([{ EndpointId: 'ep-a', Name: 'Old', Type: 'APNS', ResourceArn: OTHER_APP, AppInstanceUserArn: USER_ARN }]);
    rememberDescribed(BOB, {
      EndpointId: 'ep-b',
      Type: 'GCM',
      ResourceArn: APP_ARN,
      AppInstanceUserArn: BOB,
      EndpointAttributes: { DeviceToken: FCM },
    });
    const { user } = setup();
    const used = screen.getByRole('list', { name: 'Pinpoint apps used in this app instance' });
    expect(within(used).getAllByRole('button')).toHaveLength(2);
    await user.click(within(used).getByRole('button', { name: `Use ${APP_ARN}` }));
    expect(screen.getByLabelText('Pinpoint app ARN')).toHaveValue(APP_ARN);
  });

  it('calls an SNS platform-application ARN an SNS ARN, not a Pinpoint app ARN', async () => {
    seedStore();
    const { user } = setup();
    await pasteInto(user, 'Pinpoint app ARN', 'arn:aws:sns:us-east-1:000000000000:app/APNS/MyApp');
    await user.tab();
    expect(screen.getByLabelText('Pinpoint app ARN')).toHaveAccessibleDescription(
      /^This is an SNS ARN, not a Pinpoint app ARN/,
    );
  });
});

describe('register form: one token under two users (item 18)', () => {
  it('warns when the token is known under another user of the AppInstance', async () => {
    seedStore();
    seedUsers();
    rememberDescribed(BOB, {
      EndpointId: 'ep-b',
      Name: "Bob's iPhone",
      Type: 'APNS_SANDBOX',
      AppInstanceUserArn: BOB,
      EndpointAttributes: { DeviceToken: HEX64 },
    });
    const { user } = setup();
    await pasteInto(user, 'Device token', HEX64.toUpperCase());
    const same = screen.getByRole('list', { name: 'Same token under other users' });
    expect(within(same).getByRole('listitem')).toHaveTextContent('For user Bob (bob): endpoint “Bob\'s iPhone” (APNS_SANDBOX)');
    expect(screen.getByText(/also registered under another user of this app instance/)).toBeInTheDocument();
  });

  it('searches the token across the app instance, one List per user, with progress', async () => {
    seedStore();
    seedUsers();
    const lists: string[] = [];
    const { user, api } = setup({
      'pages:start': (input) => {
        const arn = String(input.input['AppInstanceUserArn']);
        lists.push(arn);
        const items = arn === CAROL ? [{ EndpointId: 'ep-c', Name: 'Shared iPad', Type: 'APNS', AppInstanceUserArn: CAROL }] : [];
        setTimeout(() => routePage({ loadId: input.loadId, operation: input.operation, pageIndex: 0, items, loadedCount: items.length, done: true }));
        return { loadId: input.loadId };
      },
      'chime:DescribeAppInstanceUserEndpoint': () => ({
        AppInstanceUserEndpoint: { EndpointId: 'ep-c', Name: 'Shared iPad', Type: 'APNS', AppInstanceUserArn: CAROL, EndpointAttributes: { DeviceToken: HEX64 } },
      }),
    });
    await pasteInto(user, 'Device token', HEX64);
    await user.click(screen.getByRole('button', { name: 'Search this token across the app instance' }));
    expect(await screen.findByText('Searched 2 users: found under 1 user.')).toBeInTheDocument();
    expect(lists.sort()).toEqual([BOB, CAROL]);
    expect(api.calls.filter((c) => c.channel === 'chime:DescribeAppInstanceUserEndpoint')).toHaveLength(1);
    expect(within(screen.getByRole('list', { name: 'Same token under other users' })).getByRole('listitem')).toHaveTextContent(
      'For user Carol (carol): endpoint “Shared iPad” (APNS)',
    );
  });

  it('shows progress while searching and cancels the loads in flight', async () => {
    seedStore();
    seedUsers();
    const { user, api } = setup({ 'pages:start': (input) => ({ loadId: input.loadId }), 'pages:cancel': () => ({ cancelled: true }) });
    await pasteInto(user, 'Device token', HEX64);
    await user.click(screen.getByRole('button', { name: 'Search this token across the app instance' }));
    expect(await screen.findByRole('progressbar', { name: 'Searching the app instance' })).toBeInTheDocument();
    expect(screen.getByText('Searched 0 of 2 users…')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel search' }));
    expect(screen.getByText('Search cancelled after 0 of 2 users.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.channel === 'pages:cancel')).toHaveLength(2);
  });
});
