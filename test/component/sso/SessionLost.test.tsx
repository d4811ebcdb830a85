/**
 * Issue 16: when the SSO session cannot be refreshed, the app offers "Sign in
 * again" and nothing the user was doing is lost: the selected AppInstance and
 * user stay selected, and a dialog with half-typed input keeps it through the
 * sign-in. Main's events arrive through the same routing App uses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProfileBar } from '../../../src/renderer/src/features/sso/ProfileBar';
import { IdentityBadge } from '../../../src/renderer/src/features/connection/IdentityBadge';
import { WorkspaceNameDialog } from '../../../src/renderer/src/features/workspaces/WorkspaceNameDialog';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import { installFakeApi } from '../fakeApi';
import type { SsoStatus } from '../../../src/shared/ipc/ssoContract';

const APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/8f2c1e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const USER = `${APP}/user/alice`;
const SIGN_IN_ID = '8c7d3f0e-6a3b-4b8e-9f3e-2d1c0b9a8f7e';
const ROLE = { account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Dev/me', userId: 'AROA:me' };

let unsubscribe: (() => void) | undefined;
afterEach(() => {
  unsubscribe?.();
  unsubscribe = undefined;
});

describe('An SSO session that cannot be refreshed', () => {
  it('offers Sign in again and keeps the selection and a dialog’s input through the sign-in', async () => {
    let session: SsoStatus['state'] = 'signed-in';
    const api = installFakeApi({
      'sso:status': ({ profile }) =>
        session === 'signed-in' ? { profile, state: 'signed-in', expiresAt: '2030-01-01T08:00:00Z' } : { profile, state: 'expired', refreshable: false },
      'connection:whoami': () =>
        session === 'signed-in'
          ? ROLE
          : { ok: false, error: { code: 'SsoTokenExpired', message: 'The SSO session of profile "sso-dev" has expired.', retryable: false } },
      'sso:signIn': ({ profile }) => ({
        signInId: SIGN_IN_ID,
        profile,
        method: 'device' as const,
        userCode: 'WDKT-QXLP',
        verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
        verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=WDKT-QXLP',
        expiresAt: '2030-01-01T00:10:00Z',
      }),
      'pages:start': (input) => ({ loadId: input.loadId }),
    });
    unsubscribe = subscribeToMain();
    act(() =>
      useAppStore.setState({
        connection: { info: { kind: 'profile', profile: 'sso-dev', region: 'us-east-1' }, status: 'connected' },
        selectedAppInstanceArn: APP,
        selectedUserArn: USER,
      }),
    );
    render(
      <>
        <IdentityBadge />
        <ProfileBar />
        <WorkspaceNameDialog title="New workspace" submitLabel="Create" onSubmit={async () => undefined} onClose={() => undefined} />
      </>,
    );
    await act(async () => useAppStore.getState().loadIdentity());
    await screen.findByRole('button', { name: 'Sign out' });
    const workspace = screen.getByRole('dialog', { name: 'New workspace' });
    await userEvent.type(within(workspace).getByLabelText('Workspace name'), 'Half-typed');

    // Main's session keeper: the refresh token was refused.
    session = 'expired';
    act(() => api.emit('sso:session', { state: 'needs-sign-in', profile: 'sso-dev', message: 'Profile "sso-dev" is not signed in to IAM Identity Center.' }));
    const again = await screen.findByRole('button', { name: 'Sign in again' });
    expect(screen.getByText(/the session expired and cannot be refreshed/)).toBeInTheDocument();
    // The next call says the same in the header badge.
    await act(async () => useAppStore.getState().loadIdentity({ keepShown: true }));
    expect(screen.getAllByRole('button', { name: 'Sign in again' })).toHaveLength(2);

    await userEvent.click(again);
    const signIn = await screen.findByRole('dialog', { name: 'Sign in with AWS SSO' });
    expect(within(signIn).getByLabelText('Sign-in code')).toHaveTextContent('WDKT-QXLP');
    expect(within(workspace).getByLabelText('Workspace name')).toHaveValue('Half-typed');

    session = 'signed-in';
    await act(async () => api.emit('sso:progress', { signInId: SIGN_IN_ID, profile: 'sso-dev', state: 'signed-in', expiresAt: '2030-01-01T08:00:00Z' }));
    expect(within(signIn).getByRole('status')).toHaveTextContent('Signed in');
    expect(await screen.findByLabelText(`Signed in as ${ROLE.arn}`)).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Sign out' });

    // Nothing the user was doing is lost.
    expect(useAppStore.getState()).toMatchObject({ selectedAppInstanceArn: APP, selectedUserArn: USER });
    expect(screen.getByRole('dialog', { name: 'New workspace' })).toBe(workspace);
    expect(within(workspace).getByLabelText('Workspace name')).toHaveValue('Half-typed');
  });
});
