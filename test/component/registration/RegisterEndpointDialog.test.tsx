import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RegisterEndpointDialog } from '../../../src/renderer/src/features/registration/RegisterEndpointDialog';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import type { Workspace } from '../../../src/shared/ipc/appTypes';
import { APP_ARN, HEX64, USER_ARN, VOIP64, seedStore } from './fixtures';

const FCM = `dQw4w9WgXcQ:APA91bH${'x'.repeat(140)}`;

function setup(handlers: Parameters<typeof installFakeApi>[0] = {}) {
  const api = installFakeApi({
    'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }),
    // After a registration the slice follows the new endpoint; no follow here (as on AWS).
    'watch:follow': () => null,
    ...handlers,
  });
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(<RegisterEndpointDialog onClose={onClose} />);
  const registerCalls = () => api.calls.filter((c) => c.channel === 'chime:RegisterAppInstanceUserEndpoint');
  return { api, user, onClose, registerCalls };
}

/** Fills a valid APNS_SANDBOX registration (paste, because tokens are pasted and `{` is special to user.type). */
async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Endpoint name'), 'iPhone 15');
  await user.click(screen.getByLabelText('Device token'));
  await user.paste(HEX64);
  await user.click(screen.getByLabelText('Pinpoint app ARN'));
  await user.paste(APP_ARN);
}

describe('RegisterEndpointDialog', () => {
  it('offers the three types and a VoIP token only for APNs types', async () => {
    seedStore();
    const { user } = setup();
    const type = screen.getByRole('combobox', { name: 'Type' });
    expect(Array.from((type as HTMLSelectElement).options).map((o) => o.value)).toEqual([
      'APNS',
      'APNS_SANDBOX',
      'GCM',
    ]);
    expect(screen.getByLabelText('VoIP device token')).toBeInTheDocument();
    await user.selectOptions(type, 'GCM');
    expect(screen.queryByLabelText('VoIP device token')).not.toBeInTheDocument();
    await user.selectOptions(type, 'APNS');
    expect(screen.getByLabelText('VoIP device token')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Allow messages' })).toBeChecked();
  });

  it('shows the normalised APNs token it will send', async () => {
    seedStore();
    const { user } = setup();
    const field = screen.getByLabelText('Device token');
    await user.click(field);
    await user.paste(`{length = 32, bytes = 0x${HEX64.toUpperCase()}}`);
    await user.tab();
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(field).toHaveAccessibleDescription(`Normalised to ${HEX64}`);
  });

  it('calls out a token of the wrong platform, marked invalid and announced', async () => {
    seedStore();
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'GCM');
    const field = screen.getByLabelText('Device token');
    await user.click(field);
    await user.paste(HEX64);
    await user.tab();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('This looks like an APNs token; choose APNS or APNS_SANDBOX.');
    expect(screen.getByRole('alert')).toHaveTextContent('This looks like an APNs token; choose APNS or APNS_SANDBOX.');
  });

  it("refuses a Pinpoint app in another region than the connection's", async () => {
    seedStore();
    const { user } = setup();
    const field = screen.getByLabelText('Pinpoint app ARN');
    await user.click(field);
    await user.paste(APP_ARN.replace('us-east-1', 'eu-west-1'));
    await user.tab();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('This Pinpoint app is in eu-west-1, but the connection uses us-east-1.');
  });

  it('sends nothing while a field is invalid, and focuses the first one', async () => {
    seedStore();
    const { user, registerCalls } = setup();
    await user.click(screen.getByRole('button', { name: 'Register' }));
    const token = screen.getByLabelText('Device token');
    expect(token).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Pinpoint app ARN')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Endpoint name')).not.toHaveAttribute('aria-invalid');
    expect(token).toHaveFocus();
    expect(registerCalls()).toHaveLength(0);
  });

  it("catches a duplicate of the user's existing token before sending", async () => {
    seedStore([{ EndpointId: 'ep-old', Name: 'Old phone', Type: 'APNS', EndpointAttributes: { DeviceToken: HEX64 } }]);
    const { user, registerCalls } = setup();
    await user.click(screen.getByLabelText('Device token'));
    await user.paste(`<${HEX64.toUpperCase()}>`);
    await user.click(screen.getByLabelText('Pinpoint app ARN'));
    await user.paste(APP_ARN);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(screen.getByLabelText('Device token')).toHaveAccessibleDescription(
      expect.stringContaining('This device token is already registered for this user (endpoint "Old phone").'),
    );
    expect(registerCalls()).toHaveLength(0);
  });

  it('sends normalised values and closes on success', async () => {
    seedStore();
    const { user, onClose, registerCalls } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => ({ EndpointId: 'ep-1' }),
    });
    await fillValid(user);
    await user.click(screen.getByLabelText('VoIP device token'));
    await user.paste(`<${VOIP64.toUpperCase()}>`);
    await user.click(screen.getByRole('switch', { name: 'Allow messages' }));
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(registerCalls()[0]?.input).toEqual({
      AppInstanceUserArn: USER_ARN,
      Name: 'iPhone 15',
      Type: 'APNS_SANDBOX',
      ResourceArn: APP_ARN,
      EndpointAttributes: { DeviceToken: HEX64, VoipDeviceToken: VOIP64 },
      AllowMessages: 'NONE',
      ClientRequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('reuses the ClientRequestToken when the same submission is retried, and shows the server error', async () => {
    seedStore();
    let attempt = 0;
    const { user, onClose, registerCalls } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () =>
        ++attempt === 1
          ? {
              ok: false,
              error: { code: 'ThrottledClientException', message: 'Rate exceeded', httpStatus: 429, retryable: true },
            }
          : { EndpointId: 'ep-1' },
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('ThrottledClientException')).toBeInTheDocument();
    expect(screen.getByText(/Rate exceeded/)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [first, second] = registerCalls().map((c) => (c.input as { ClientRequestToken: string }).ClientRequestToken);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });

  it('offers to deregister an INACTIVE endpoint, not "Try again", when the endpoint quota is reached', async () => {
    const endpoint = (id: string, status: 'ACTIVE' | 'INACTIVE', reason?: 'INVALID_DEVICE_TOKEN') => ({
      EndpointId: id,
      Name: `Phone ${id}`,
      Type: 'APNS' as const,
      AppInstanceUserArn: USER_ARN,
      EndpointState: { Status: status, ...(reason ? { StatusReason: reason } : {}) },
    });
    seedStore([endpoint('a', 'ACTIVE'), endpoint('b', 'INACTIVE', 'INVALID_DEVICE_TOKEN'), endpoint('c', 'ACTIVE')]);
    // As main maps the service's answer (test/unit/aws/chimeErrors.test.ts); even flagged retryable, "Try again" must not show.
    const quota = { code: 'ResourceLimitExceededException', message: 'The request exceeds the resource limit.', httpStatus: 400, retryable: true };
    const deregistered: unknown[] = [];
    const { user } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => ({ ok: false, error: quota }),
      'chime:DeregisterAppInstanceUserEndpoint': (input) => {
        deregistered.push(input);
        return {};
      },
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('ResourceLimitExceededException')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    const inactive = screen.getByRole('list', { name: 'INACTIVE endpoints' });
    expect(within(inactive).getAllByRole('listitem')).toHaveLength(1);
    await user.click(within(inactive).getByRole('button', { name: 'Deregister Phone b' }));
    expect(deregistered).toEqual([{ AppInstanceUserArn: USER_ARN, EndpointId: 'b' }]);
    expect(await screen.findByText(/Deregistered Phone b: you can register now/)).toBeInTheDocument();
  });

  it('uses a new ClientRequestToken once the request changed', async () => {
    seedStore();
    const { user, registerCalls } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => ({
        ok: false,
        error: { code: 'BadRequestException', message: 'No', httpStatus: 400, retryable: false },
      }),
    });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await screen.findByText('BadRequestException');
    await user.type(screen.getByLabelText('Endpoint name'), ' Pro');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(registerCalls()).toHaveLength(2));
    const [first, second] = registerCalls().map((c) => (c.input as { ClientRequestToken: string }).ClientRequestToken);
    expect(second).not.toBe(first);
  });

  it('sends once on a double click and disables Register while in flight', async () => {
    seedStore();
    let release: (value: { EndpointId: string }) => void = () => {};
    const { user, registerCalls } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => new Promise((resolve) => (release = resolve)),
    });
    await fillValid(user);
    const register = screen.getByRole('button', { name: 'Register' });
    await user.dblClick(register);
    expect(register).toBeDisabled();
    expect(registerCalls()).toHaveLength(1);
    release({ EndpointId: 'ep-1' });
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument());
  });

  it('fills from a saved device and saves a new one to the device library after registering', async () => {
    seedStore();
    const workspace: Workspace = {
      id: 'ws1',
      name: 'Default',
      connection: { kind: 'sandbox' },
      region: 'us-east-1',
      watchList: [],
      devices: [{ id: 'd1', label: 'Test Pixel', type: 'GCM', deviceToken: FCM, pinpointAppArn: APP_ARN }],
      createdAt: 0,
      updatedAt: 0,
    };
    useAppStore.setState({ activeWorkspace: workspace, workspaces: [workspace] });
    const saved = { ...workspace, devices: [...workspace.devices] };
    const { user, api, onClose, registerCalls } = setup({
      'chime:RegisterAppInstanceUserEndpoint': () => ({ EndpointId: 'ep-1' }),
      'device:add': () => saved,
    });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Fill from saved device' }), 'd1');
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('GCM');
    expect(screen.getByLabelText('Endpoint name')).toHaveValue('Test Pixel');
    expect(screen.queryByLabelText('VoIP device token')).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Endpoint name'));
    await user.type(screen.getByLabelText('Endpoint name'), 'Pixel 9');
    await user.click(screen.getByRole('checkbox', { name: 'Save to device library' }));
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(registerCalls()[0]?.input).toMatchObject({
      Type: 'GCM',
      EndpointAttributes: { DeviceToken: FCM },
      ResourceArn: APP_ARN,
    });
    expect(api.calls.find((c) => c.channel === 'device:add')?.input).toEqual({
      workspaceId: 'ws1',
      device: { label: 'Pixel 9', type: 'GCM', deviceToken: FCM, pinpointAppArn: APP_ARN },
    });
    expect(useAppStore.getState().activeWorkspace).toBe(saved);
  });
});
