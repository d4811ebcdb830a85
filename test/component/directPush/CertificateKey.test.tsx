/**
 * Certificate authentication (.p12) in the Direct push dialog over a fake
 * main: the certificate is chosen in main, a locked one asks for its
 * passphrase, which is sent once with the handle (never with the push) and
 * then forgotten by the renderer; a refusal (wrong passphrase, legacy RC2)
 * is shown at the field; saved settings bring the key type back.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DirectPushDialog } from '../../../src/renderer/src/features/directPush/DirectPushDialog';
import { useAppStore } from '../../../src/renderer/src/store';
import type { DirectPushOutcome, DirectPushSettings } from '../../../src/shared/ipc/directPushContract';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { PERSONAL } from '../workspaces/fixtures';

const TOKEN = 'ab'.repeat(32);
const NOTHING_SAVED: DirectPushSettings = { payloads: [], keysEncrypted: true, unreadableKeys: [] };
const LOCKED = { handle: 'cert-1', kind: 'apnsCert' as const, fileName: 'push.p12', locked: true };
const ACCEPTED: DirectPushOutcome = {
  service: 'apns',
  ok: true,
  status: 200,
  apnsId: '0c7f1a6e-6d3b-4c8e-9a55-1f0e2d3c4b5a',
  host: 'api.sandbox.push.apple.com',
  topic: 'com.example.app',
  credentialLabel: 'push.p12 · Apple Development IOS Push Services: com.example.app',
};

function setup(handlers: FakeHandlers = {}) {
  const api = installFakeApi({ 'directPush:settings': () => NOTHING_SAVED, ...handlers });
  useAppStore.setState({ activeWorkspace: PERSONAL });
  const user = userEvent.setup();
  render(<DirectPushDialog target={{ label: 'Dev iPhone', type: 'APNS_SANDBOX', deviceToken: TOKEN }} onClose={() => {}} />);
  const dialog = screen.getByRole('dialog', { name: 'Direct push' });
  return { api, user, dialog, callsTo: (channel: string) => api.calls.filter((c) => c.channel === channel) };
}

describe('Direct push with a certificate (.p12)', () => {
  it('sends the passphrase once with the handle, then the push without it; the renderer keeps no passphrase', async () => {
    const { user, dialog, callsTo } = setup({
      'directPush:chooseKeyFile': () => LOCKED,
      'directPush:unlockCertificate': ({ passphrase }) =>
        passphrase === 'right horse'
          ? { handle: 'cert-1', kind: 'apnsCert', fileName: 'push.p12' }
          : { ok: false, error: { code: 'InvalidCredentials', message: 'The passphrase for push.p12 is wrong.', retryable: false } },
      'directPush:send': () => ({ ok: true, value: ACCEPTED }),
    });
    await user.selectOptions(within(dialog).getByLabelText('Key type'), 'certificate');
    expect(within(dialog).queryByLabelText('Key ID')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Certificate file (.p12) Choose…' }));
    expect(callsTo('directPush:chooseKeyFile')[0]?.input).toEqual({ kind: 'apnsCert' });
    const passphrase = await within(dialog).findByLabelText('Certificate passphrase');
    expect(passphrase).toHaveAttribute('type', 'password');

    // Nothing goes without the passphrase.
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(passphrase).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter the passphrase of push.p12.');
    expect(callsTo('directPush:unlockCertificate')).toHaveLength(0);

    // A wrong one: main's refusal at the field, the field emptied, nothing sent.
    await user.type(passphrase, 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('The passphrase for push.p12 is wrong.'));
    expect(passphrase).toHaveValue('');
    expect(callsTo('directPush:send')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Certificate passphrase'), 'right horse');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const answer = await within(dialog).findByRole('region', { name: 'Answer' });
    expect(answer).toHaveTextContent('Status 200');
    expect(callsTo('directPush:unlockCertificate').at(-1)?.input).toEqual({ handle: 'cert-1', passphrase: 'right horse' });
    const push = callsTo('directPush:send')[0]?.input as { push: { auth: unknown; topic?: string } };
    expect(push.push.auth).toEqual({ kind: 'certificate', certFile: 'cert-1' });
    expect(push.push.topic).toBeUndefined();
    // Unlocked in main: no passphrase field any more, and the passphrase is nowhere in the renderer.
    expect(within(dialog).queryByLabelText('Certificate passphrase')).toBeNull();
    expect(within(dialog).getByText(/Open: pushes use it until the app quits/)).toBeInTheDocument();
    expect(JSON.stringify(useAppStore.getState())).not.toContain('right horse');
    expect(document.body.innerHTML).not.toContain('right horse');

    // Sending again does not send the passphrase again.
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(callsTo('directPush:send')).toHaveLength(2));
    expect(callsTo('directPush:unlockCertificate')).toHaveLength(2);
  });

  it('shows the re-export advice for a legacy .p12, and brings the certificate back locked from saved settings', async () => {
    const legacy =
      'push.p12 uses legacy encryption (RC2) that current OpenSSL refuses. Re-export it: in Keychain Access export again as .p12';
    const { user, dialog } = setup({
      'directPush:settings': () => ({
        ...NOTHING_SAVED,
        apns: { keyId: '', teamId: '', topic: '', environment: 'sandbox', pushType: 'alert', auth: 'certificate' },
        apnsCert: LOCKED,
      }),
      'directPush:unlockCertificate': () => ({ ok: false, error: { code: 'InvalidCredentials', message: legacy, retryable: false } }),
    });
    await waitFor(() => expect(within(dialog).getByLabelText('Key type')).toHaveValue('certificate'));
    expect(within(dialog).getByRole('button', { name: 'Certificate file (.p12) push.p12' })).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Certificate passphrase'), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent(/uses legacy encryption \(RC2\).*Re-export it/));
  });
});
