/**
 * The Direct push dialog over a fake main: prefilled from the endpoint, the
 * fields checked as you type with main's rules (payload JSON and size,
 * priority against push type), the key file chosen in main (the renderer
 * sends its handle, never its content), the answer with its advice, and the
 * saved settings filling the form.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DirectPushDialog } from '../../../src/renderer/src/features/directPush/DirectPushDialog';
import type { DirectPushTarget } from '../../../src/renderer/src/features/directPush/directPushForm';
import { useAppStore } from '../../../src/renderer/src/store';
import type { DirectPushSettings } from '../../../src/shared/ipc/directPushContract';
import { apnsAdvice } from '../../../src/shared/push/directPushAdvice';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { PERSONAL } from '../workspaces/fixtures';
import { DeviceRow } from '../../../src/renderer/src/features/workspaces/DeviceRow';

const TOKEN = 'ab'.repeat(32);
const VOIP = 'cd'.repeat(32);
const IPHONE: DirectPushTarget = { label: 'Dev iPhone', type: 'APNS_SANDBOX', deviceToken: TOKEN, voipDeviceToken: VOIP };
const NOTHING_SAVED: DirectPushSettings = { payloads: [], keysEncrypted: true, unreadableKeys: [] };

function setup(target: DirectPushTarget = IPHONE, handlers: FakeHandlers = {}) {
  const api = installFakeApi({ 'directPush:settings': () => NOTHING_SAVED, ...handlers });
  useAppStore.setState({ activeWorkspace: PERSONAL });
  const user = userEvent.setup();
  render(<DirectPushDialog target={target} onClose={() => {}} />);
  const dialog = screen.getByRole('dialog', { name: 'Direct push' });
  return { api, user, dialog, callsTo: (channel: string) => api.calls.filter((c) => c.channel === channel) };
}

/** Replaces the editor's text (user-event's `type` reads braces as key names). */
async function setPayload(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

describe('Direct push dialog', () => {
  it('starts from the endpoint: APNs, its token, and Sandbox for an APNS_SANDBOX endpoint', async () => {
    const { dialog } = setup();
    expect(within(dialog).getByLabelText('Service')).toHaveValue('apns');
    expect(within(dialog).getByLabelText('Device token')).toHaveValue(TOKEN);
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('sandbox');
    expect(within(dialog).getByLabelText('Push type')).toHaveValue('alert');
    expect(within(dialog).getByRole('button', { name: 'Key file (.p8) Choose…' })).toBeInTheDocument();
    expect(within(dialog).getByText(/Dev iPhone/)).toBeInTheDocument();
  });

  it('starts an APNS endpoint in Production and a GCM one on FCM with a service account', async () => {
    const { dialog } = setup({ label: 'Prod', type: 'APNS', deviceToken: TOKEN });
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('production');
    screen.getByRole('dialog').remove();
    const fcm = setup({ label: 'Pixel', type: 'GCM', deviceToken: 'fcm:token' }).dialog;
    expect(within(fcm).getByLabelText('Service')).toHaveValue('fcm');
    expect(within(fcm).getByRole('button', { name: 'Service account file Choose…' })).toBeInTheDocument();
    expect(within(fcm).queryByLabelText('Key ID')).toBeNull();
    expect((within(fcm).getByLabelText('Payload') as HTMLTextAreaElement).value).toContain('"notification"');
  });

  it('checks the payload as you type: JSON validity and the size limit', async () => {
    const { user, dialog } = setup();
    const payload = within(dialog).getByLabelText('Payload');
    await setPayload(user, payload, '{"aps": ');
    expect(payload).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/The payload is not valid JSON/);

    await setPayload(user, payload, JSON.stringify({ aps: { alert: 'x' }, blob: 'y'.repeat(4100) }));
    expect(payload).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/APNs takes at most 4096 bytes for a alert push/);
    expect(within(dialog).getByText(/of 4096 bytes/)).toHaveClass('field-error');

    // A VoIP push may be larger (5120 bytes).
    await user.selectOptions(within(dialog).getByLabelText('Push type'), 'voip');
    expect(payload).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).getByText(/of 5120 bytes/)).toHaveClass('field-hint');
  });

  it('checks the priority against the push type, and sends voip pushes to the VoIP token', async () => {
    const { user, dialog } = setup();
    const priority = within(dialog).getByLabelText('Priority');
    expect(priority).toHaveValue('10');
    await user.selectOptions(within(dialog).getByLabelText('Push type'), 'background');
    expect(priority).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('A background push takes priority 5, not 10.');
    await user.selectOptions(priority, '5');
    expect(priority).not.toHaveAttribute('aria-invalid');
    // The untouched alert template follows the push type.
    expect((within(dialog).getByLabelText('Payload') as HTMLTextAreaElement).value).toContain('"content-available": 1');

    await user.selectOptions(within(dialog).getByLabelText('Push type'), 'voip');
    expect(priority).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('VoIP device token')).toHaveValue(VOIP);
  });

  it('sends nothing until the key is chosen; then sends its handle and shows the answer with advice', async () => {
    const answer = {
      service: 'apns' as const,
      ok: false,
      status: 400,
      apnsId: '0c7f1a6e-6d3b-4c8e-9a55-1f0e2d3c4b5a',
      reason: 'BadDeviceToken',
      advice: apnsAdvice('BadDeviceToken', { environment: 'sandbox' }),
      host: 'api.sandbox.push.apple.com',
      proxy: 'http://alice:***@proxy.corp.example:3128',
      topic: 'com.example.app',
      pushType: 'alert' as const,
      credentialLabel: 'AuthKey_ABCDE12345.p8 · Team TEAM123456',
    };
    const { user, dialog, callsTo } = setup(IPHONE, {
      'directPush:chooseKeyFile': () => ({ handle: 'handle-1', kind: 'apnsKey', fileName: 'AuthKey_ABCDE12345.p8' }),
      'directPush:send': () => ({ ok: true, value: answer }),
    });
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(callsTo('directPush:send')).toHaveLength(0);
    expect(within(dialog).getByRole('button', { name: 'Key file (.p8) Choose…' })).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Team ID')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(dialog).getByRole('button', { name: 'Key file (.p8) Choose…' }));
    await within(dialog).findByRole('button', { name: 'Key file (.p8) AuthKey_ABCDE12345.p8' });
    await user.type(within(dialog).getByLabelText('Key ID'), 'ABCDE12345');
    await user.type(within(dialog).getByLabelText('Team ID'), 'TEAM123456');
    await user.type(within(dialog).getByLabelText('Topic'), 'com.example.app');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    const region = await within(dialog).findByRole('region', { name: 'Answer' });
    expect(region).toHaveTextContent('Status 400 · BadDeviceToken');
    expect(region).toHaveTextContent('from api.sandbox.push.apple.com through the proxy http://alice:***@proxy.corp.example:3128');
    expect(region).toHaveTextContent(answer.apnsId);
    expect(region).toHaveTextContent('use Production (and register it with Chime as APNS)');
    expect(callsTo('directPush:send')[0]?.input).toMatchObject({
      workspaceId: PERSONAL.id,
      push: {
        service: 'apns',
        token: TOKEN,
        environment: 'sandbox',
        auth: { kind: 'token', keyFile: 'handle-1', keyId: 'ABCDE12345', teamId: 'TEAM123456' },
        topic: 'com.example.app',
        priority: 10,
      },
    });
  });

  it('shows a refusal before APNs answered with its reason and advice', async () => {
    const { user, dialog } = setup(IPHONE, {
      'directPush:settings': () => ({
        ...NOTHING_SAVED,
        apns: { keyId: 'ABCDE12345', teamId: 'TEAM123456', topic: 'com.example.app', environment: 'production', pushType: 'alert' },
        apnsKey: { handle: 'saved-1', kind: 'apnsKey', fileName: 'AuthKey_ABCDE12345.p8' },
      }),
      'directPush:send': () => ({
        ok: false,
        error: { code: 'InvalidCredentials', message: 'The key file (.p8) AuthKey_ABCDE12345.p8 is not a private key.', retryable: false },
      }),
    });
    // Saved settings fill the form, the key file included; the environment still follows the endpoint.
    await waitFor(() => expect(within(dialog).getByLabelText('Key ID')).toHaveValue('ABCDE12345'));
    expect(within(dialog).getByLabelText('Topic')).toHaveValue('com.example.app');
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('sandbox');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const region = await within(dialog).findByRole('region', { name: 'Answer' });
    expect(region).toHaveTextContent('Not sent · InvalidCredentials: The key file (.p8) AuthKey_ABCDE12345.p8 is not a private key.');
  });

  it('says when keys would be saved without encryption, and saves a payload to the library', async () => {
    const { user, dialog, callsTo } = setup(IPHONE, {
      'directPush:settings': () => ({ ...NOTHING_SAVED, keysEncrypted: false }),
      'directPush:savePayload': ({ payload }) => [payload],
      'directPush:deletePayload': () => [],
    });
    expect(await within(dialog).findByText(/saved for this workspace without encryption/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Payload name'), 'Hello alert');
    await user.click(within(dialog).getByRole('button', { name: 'Save payload' }));
    await waitFor(() => expect(callsTo('directPush:savePayload')).toHaveLength(1));
    expect(callsTo('directPush:savePayload')[0]?.input).toMatchObject({
      workspaceId: PERSONAL.id,
      payload: { name: 'Hello alert', service: 'apns', pushType: 'alert', payload: { aps: expect.any(Object) } },
    });
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Hello alert' })).toBeInTheDocument());

    // The saved name typed again: replace or delete it.
    await user.type(within(dialog).getByLabelText('Payload name'), 'Hello alert');
    expect(within(dialog).getByRole('button', { name: 'Replace payload' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete payload' }));
    await waitFor(() => expect(within(dialog).queryByRole('option', { name: 'Hello alert' })).toBeNull());
    expect(callsTo('directPush:deletePayload')[0]?.input).toEqual({ workspaceId: PERSONAL.id, name: 'Hello alert' });
  });

  it('opens from a saved device in the device library, prefilled with its token and type', async () => {
    installFakeApi({ 'directPush:settings': () => NOTHING_SAVED });
    useAppStore.setState({ activeWorkspace: PERSONAL });
    const user = userEvent.setup();
    const device = PERSONAL.devices[0]!;
    render(
      <table>
        <tbody>
          <DeviceRow device={device} />
        </tbody>
      </table>,
    );
    await user.click(within(screen.getByRole('row', { name: device.label })).getByRole('button', { name: 'Direct push' }));
    const dialog = screen.getByRole('dialog', { name: 'Direct push' });
    expect(within(dialog).getByLabelText('Device token')).toHaveValue(device.deviceToken);
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('sandbox');
  });

  it('takes an APNs or FCM host under Advanced, checked as typed, sent and saved with the push', async () => {
    const { user, dialog, callsTo } = setup(IPHONE, {
      'directPush:settings': () => ({
        ...NOTHING_SAVED,
        apns: { keyId: 'ABCDE12345', teamId: 'TEAM123456', topic: 'com.example.app', environment: 'sandbox', pushType: 'alert' },
        apnsKey: { handle: 'saved-1', kind: 'apnsKey', fileName: 'AuthKey_ABCDE12345.p8' },
        hosts: { fcm: 'https://fcm-relay.example.com' },
      }),
      'directPush:send': () => ({
        ok: false,
        error: { code: 'NetworkError', message: 'The push could not be sent: relay down', retryable: true },
      }),
    });
    // Saved overrides come back (and open the disclosure).
    await waitFor(() => expect(within(dialog).getByLabelText('FCM host')).toHaveValue('https://fcm-relay.example.com'));
    const apnsHost = within(dialog).getByLabelText('APNs host');
    await user.type(apnsHost, 'http://relay.example.com');
    expect(apnsHost).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The host must be an https:// URL');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(callsTo('directPush:send')).toHaveLength(0);

    await user.clear(apnsHost);
    await user.type(apnsHost, 'https://relay.example.com:8443');
    expect(apnsHost).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(callsTo('directPush:send')).toHaveLength(1));
    expect(callsTo('directPush:send')[0]?.input).toMatchObject({
      hosts: { apns: 'https://relay.example.com:8443', fcm: 'https://fcm-relay.example.com' },
    });
  });
});
