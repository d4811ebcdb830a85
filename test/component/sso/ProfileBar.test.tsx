import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProfileBar } from '../../../src/renderer/src/features/sso/ProfileBar';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';
import type { SsoProgress } from '../../../src/shared/ipc/ssoContract';

const STARTED = {
  signInId: '8c7d3f0e-6a3b-4b8e-9f3e-2d1c0b9a8f7e',
  profile: 'sso-dev',
  method: 'device' as const,
  userCode: 'WDKT-QXLP',
  verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
  verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=WDKT-QXLP',
  expiresAt: '2030-01-01T00:10:00Z',
};

function onProfile(profile = 'sso-dev') {
  act(() => useAppStore.setState({ connection: { info: { kind: 'profile', profile, region: 'us-east-1' }, status: 'connected' } }));
}

/** What main's `sso:progress` event delivers (App routes it to the slice). */
function emit(progress: SsoProgress) {
  act(() => useAppStore.getState().ssoProgress(progress));
}

describe('Profile bar and SSO sign-in', () => {
  it('shows nothing on the Local sandbox', () => {
    installFakeApi({});
    act(() => useAppStore.setState({ connection: { info: { kind: 'sandbox', region: 'us-east-1' }, status: 'connected' } }));
    const { container } = render(<ProfileBar />);
    expect(container).toBeEmptyDOMElement();
  });

  it('offers Sign in for a profile without a session, shows the code, opens the page through main, and ends signed in', async () => {
    const api = installFakeApi({
      'sso:status': ({ profile }) => ({ profile, state: 'signed-out', startUrl: 'https://team.awsapps.com/start' }),
      'sso:signIn': () => STARTED,
      'sso:openBrowser': () => ({ opened: true }),
      'connection:whoami': () => ({ account: '000000000000', arn: 'arn:aws:sts::000000000000:assumed-role/R/me', userId: 'AROA' }),
      'pages:start': (input) => ({ loadId: input.loadId }),
    });
    onProfile();
    render(<ProfileBar />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in with AWS SSO' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in with AWS SSO' });
    expect(within(dialog).getByLabelText('Sign-in code')).toHaveTextContent('WDKT-QXLP');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Waiting for approval');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open browser' }));
    // The renderer names the sign-in, never a URL: main opens the page it keeps.
    expect(api.calls.find((c) => c.channel === 'sso:openBrowser')?.input).toEqual({ signInId: STARTED.signInId });

    emit({ signInId: STARTED.signInId, profile: 'sso-dev', state: 'signed-in', expiresAt: '2030-01-01T08:00:00Z' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Signed in');
    // The connection is proven again with the new session.
    await waitFor(() => expect(api.calls.map((c) => c.channel)).toContain('connection:whoami'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('signs in with the browser by default, and "Use a code instead" switches to the device code', async () => {
    const api = installFakeApi({
      'sso:status': ({ profile }) => ({ profile, state: 'signed-out' }),
      'sso:signIn': ({ profile, method }) =>
        method === 'device' ? STARTED : { signInId: '3f1e2d4c-5b6a-4789-8abc-def012345678', profile, method: 'browser' as const },
      'sso:openBrowser': () => ({ opened: true }),
    });
    onProfile();
    render(<ProfileBar />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in with AWS SSO' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in with AWS SSO' });
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Waiting for the browser sign-in');
    expect(within(dialog).queryByLabelText('Sign-in code')).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open browser' }));
    expect(api.calls.find((c) => c.channel === 'sso:openBrowser')?.input).toEqual({ signInId: '3f1e2d4c-5b6a-4789-8abc-def012345678' });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Use a code instead' }));
    expect(await within(dialog).findByLabelText('Sign-in code')).toHaveTextContent('WDKT-QXLP');
    expect(api.calls.filter((c) => c.channel === 'sso:signIn').map((c) => c.input)).toEqual([{ profile: 'sso-dev' }, { profile: 'sso-dev', method: 'device' }]);
    // The browser sign-in it replaced ends as cancelled in main; its event does not close this one.
    emit({ signInId: '3f1e2d4c-5b6a-4789-8abc-def012345678', profile: 'sso-dev', state: 'cancelled' });
    expect(within(dialog).getByLabelText('Sign-in code')).toBeInTheDocument();
  });

  it('shows the failure with Try again, and Cancel cancels the waiting sign-in in main', async () => {
    const api = installFakeApi({
      'sso:status': ({ profile }) => ({ profile, state: 'expired', refreshable: false }),
      'sso:signIn': () => STARTED,
      'sso:cancel': () => ({ cancelled: true }),
    });
    onProfile();
    render(<ProfileBar />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in again' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in with AWS SSO' });
    await within(dialog).findByLabelText('Sign-in code');
    emit({
      signInId: STARTED.signInId,
      profile: 'sso-dev',
      state: 'failed',
      error: { code: 'CredentialsUnavailable', message: 'The sign-in for profile "sso-dev" was denied in the browser.', retryable: false },
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('denied in the browser');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await within(dialog).findByLabelText('Sign-in code');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.calls.filter((c) => c.channel === 'sso:cancel').map((c) => c.input)).toEqual([{ signInId: STARTED.signInId }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('offers Sign out when signed in, and lists the profile settings with their sources', async () => {
    let signedIn = true;
    const api = installFakeApi({
      'sso:status': ({ profile }) =>
        signedIn ? { profile, state: 'signed-in', expiresAt: '2030-01-01T08:00:00Z', startUrl: 'https://team.awsapps.com/start' } : { profile, state: 'signed-out' },
      'sso:signOut': ({ profile }) => {
        signedIn = false;
        return { profile, state: 'signed-out' };
      },
      'connection:whoami': () => ({ ok: false, error: { code: 'SsoTokenExpired', message: 'Profile "sso-dev" has no SSO session yet.', retryable: false } }),
      'profiles:settings': ({ profile }) => ({
        profile,
        region: 'us-east-1',
        lines: [
          { setting: 'region', value: 'us-east-1', from: 'the region chosen in the app' },
          { setting: 'endpoint_url', value: 'http://127.0.0.1:4566', from: `profile "${profile}", endpoint_url in /home/me/.aws/config` },
        ],
      }),
    });
    onProfile();
    render(<ProfileBar />);
    await userEvent.click(await screen.findByRole('button', { name: 'Profile settings' }));
    const settings = await screen.findByRole('dialog', { name: 'Profile settings' });
    expect(await within(settings).findByRole('row', { name: 'endpoint_url' })).toHaveTextContent('endpoint_url in /home/me/.aws/config');
    await userEvent.click(within(settings).getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in with AWS SSO' });
    expect(api.calls.find((c) => c.channel === 'sso:signOut')?.input).toEqual({ profile: 'sso-dev' });
    // The connection is proven again after the sign-out.
    await waitFor(() => expect(useAppStore.getState().identity?.error?.code).toBe('SsoTokenExpired'));
  });
});
