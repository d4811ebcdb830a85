import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectionPicker } from '../../../src/renderer/src/features/connection/ConnectionPicker';
import { RegionPicker } from '../../../src/renderer/src/features/connection/RegionPicker';
import { IdentityBadge } from '../../../src/renderer/src/features/connection/IdentityBadge';
import { MfaDialog } from '../../../src/renderer/src/features/connection/MfaDialog';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';
import type { ProfileSummary } from '../../../src/shared/aws/types';

const PROFILES: ProfileSummary[] = [
  { name: 'dev', kind: 'static', region: 'eu-central-1', isDefault: true },
  { name: 'prod-admin', kind: 'assume-role-mfa', region: 'us-east-1', roleArn: 'arn:aws:iam::111122223333:role/Admin', mfaSerial: 'arn:aws:iam::111122223333:mfa/me', isDefault: false },
  { name: 'half-done', kind: 'unknown', isDefault: false, problem: 'No credentials and no role' },
];
const sandboxState = { info: { kind: 'sandbox', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' }, status: 'connected' } as const;

function connected(state: object = sandboxState) {
  act(() => useAppStore.setState({ profiles: { key: 'profiles', loading: false, value: PROFILES }, connection: state as never }));
}

describe('Connection picker', () => {
  it('offers the Local sandbox and every profile; an unusable profile is disabled with its problem', () => {
    installFakeApi({});
    render(<ConnectionPicker />);
    connected();
    const picker = screen.getByRole('combobox', { name: 'Connection' });
    expect(picker).toHaveValue('sandbox');
    expect(screen.getByRole('option', { name: 'Local sandbox' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'prod-admin' })).toHaveAttribute('title', 'Assumes a role with MFA');
    expect(screen.getByRole('option', { name: 'half-done' })).toBeDisabled();
  });

  it('switches to a profile in its own region and saves the choice to the workspace', async () => {
    const api = installFakeApi({
      'connection:select': (input) => ({ info: { kind: 'profile', profile: 'dev', region: (input as { region: string }).region }, status: 'connected' }),
      'connection:whoami': () => ({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/dev', userId: 'AIDA' }),
      'pages:start': (input) => ({ loadId: (input as { loadId: string }).loadId }),
    });
    render(<ConnectionPicker />);
    connected();
    act(() => useAppStore.setState({ activeWorkspace: { id: 'w1' } as never }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Connection' }), 'profile:dev');
    await waitFor(() => expect(api.calls.map((c) => c.channel)).toContain('workspace:update'));
    expect(api.calls.find((c) => c.channel === 'connection:select')?.input).toEqual({ connection: { kind: 'profile', profile: 'dev' }, region: 'eu-central-1' });
    expect(api.calls.find((c) => c.channel === 'workspace:update')?.input).toMatchObject({ patch: { connection: { kind: 'profile', profile: 'dev' }, region: 'eu-central-1' } });
  });
});

describe('Region picker', () => {
  it('lists the Chime SDK Identity regions first and warns on any other', () => {
    installFakeApi({});
    render(<RegionPicker />);
    connected({ info: { kind: 'profile', profile: 'dev', region: 'ap-south-1' }, status: 'connected' });
    const options = screen.getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(options.slice(0, 2)).toEqual(['us-east-1', 'eu-central-1']);
    expect(screen.getByRole('combobox', { name: 'Region' })).toHaveAccessibleDescription(/not available in ap-south-1/);
  });

  it('on the Local sandbox says which region it serves instead of snapping back silently', () => {
    installFakeApi({});
    render(<RegionPicker />);
    connected();
    const picker = screen.getByRole('combobox', { name: 'Region' });
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['us-east-1']);
    expect(picker).toHaveValue('us-east-1');
    expect(picker).toHaveAccessibleDescription('The Local sandbox serves us-east-1 only');
  });

  it('does not warn in a supported region', () => {
    installFakeApi({});
    render(<RegionPicker />);
    connected({ info: { kind: 'profile', profile: 'dev', region: 'eu-central-1' }, status: 'connected' });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});

describe('Identity badge', () => {
  it('shows who the connection is, on demand', async () => {
    installFakeApi({ 'connection:whoami': () => ({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/dev', userId: 'AIDA' }) });
    render(<IdentityBadge />);
    connected({ info: { kind: 'profile', profile: 'dev', region: 'us-east-1' }, status: 'connected' });
    await userEvent.click(screen.getByRole('button', { name: 'Who am I?' }));
    expect(await screen.findByLabelText('Signed in as arn:aws:iam::111122223333:user/dev')).toHaveTextContent('Account 111122223333');
  });

  it('names the SSO login command when the token expired', async () => {
    const message = 'The SSO session has expired. Run `aws sso login --profile dev` in a terminal, then try again.';
    installFakeApi({ 'connection:whoami': () => ({ ok: false, error: { code: 'SsoTokenExpired', message, retryable: false } }) });
    render(<IdentityBadge />);
    await userEvent.click(screen.getByRole('button', { name: 'Who am I?' }));
    const badge = await screen.findByRole('button', { name: /SSO login needed/ });
    expect(badge).toHaveAttribute('title', message);
  });
});

describe('MFA dialog', () => {
  const request = { requestId: 'r1', profile: 'prod-admin', mfaSerial: 'arn:aws:iam::111122223333:mfa/me' };

  it('sends a six-digit code back to main', async () => {
    const api = installFakeApi({ 'mfa:reply': () => ({ accepted: true }) });
    render(<MfaDialog />);
    act(() => useAppStore.getState().mfaRequested(request));
    const dialog = screen.getByRole('dialog', { name: 'MFA code required' });
    const submit = screen.getByRole('button', { name: 'Continue' });
    await userEvent.type(screen.getByLabelText('MFA code'), '12a');
    expect(screen.getByLabelText('MFA code')).toHaveAttribute('aria-invalid', 'true');
    expect(submit).toBeDisabled();
    await userEvent.clear(screen.getByLabelText('MFA code'));
    await userEvent.type(screen.getByLabelText('MFA code'), '123456{Enter}');
    expect(api.calls.find((c) => c.channel === 'mfa:reply')?.input).toEqual({ requestId: 'r1', code: '123456' });
    expect(dialog).not.toBeInTheDocument();
  });

  it('cancels with Escape, telling main so the call stops', async () => {
    const api = installFakeApi({ 'mfa:reply': () => ({ accepted: true }) });
    render(<MfaDialog />);
    act(() => useAppStore.getState().mfaRequested(request));
    await userEvent.keyboard('{Escape}');
    expect(api.calls.find((c) => c.channel === 'mfa:reply')?.input).toEqual({ requestId: 'r1', code: null });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
