/**
 * The identity badge's credentials expiry (issue 16, "status that tells the
 * truth"): the time of day, a countdown in the last ten minutes, and at
 * expiry a new "Who am I" that shows the refreshed credentials or, for an SSO
 * session that is gone, "Sign in again". Fake timers drive the clock.
 */
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { IdentityBadge } from '../../../src/renderer/src/features/connection/IdentityBadge';
import { useAppStore } from '../../../src/renderer/src/store';
import { formatTimeShort } from '../../../src/renderer/src/components/timeFormat';
import { installFakeApi } from '../fakeApi';
import type { CallerIdentity } from '../../../src/shared/aws/types';

const T0 = Date.parse('2030-01-01T13:50:00Z');
const MINUTE = 60_000;
const ROLE: CallerIdentity = { account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/me', userId: 'AROA:me' };
const info = { kind: 'profile', profile: 'deploy', region: 'us-east-1' } as const;

async function connectedAndAsked() {
  act(() => useAppStore.setState({ connection: { info, status: 'connected' } }));
  await act(async () => useAppStore.getState().loadIdentity());
}

/**
 * Moves the fake clock a second at a time, each step in its own act: React
 * renders (and the badge sets its next timer) when an act ends, as the
 * browser would between two ticks.
 */
async function advance(ms: number) {
  for (let left = ms; left >= 0; left -= 1000) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(left, 1000));
    });
    if (left < 1000) break;
  }
}

const expiry = () => screen.getByRole('timer', { name: 'Credentials expiry' });

describe('Identity badge: credentials expiry', () => {
  it('shows the time, counts down the last ten minutes, and shows the refreshed credentials after expiry', async () => {
    vi.useFakeTimers({ now: T0 });
    const answers = [T0 + 15 * MINUTE, T0 + 75 * MINUTE];
    const api = installFakeApi({ 'connection:whoami': () => ({ ...ROLE, expiresAt: new Date(answers.shift()!).toISOString() }) });
    render(<IdentityBadge />);
    await connectedAndAsked();
    expect(screen.getByLabelText(`Signed in as ${ROLE.arn}`)).toHaveTextContent('Account 111122223333');
    expect(expiry()).toHaveTextContent(`expires ${formatTimeShort(T0 + 15 * MINUTE)}`);

    await advance(5 * MINUTE);
    expect(expiry()).toHaveTextContent('expires in 10:00');
    await advance(1000);
    expect(expiry()).toHaveTextContent('expires in 9:59');
    await advance(5 * MINUTE);
    expect(expiry()).toHaveTextContent('expires in 4:59');
    await advance(4 * MINUTE + 58_000);
    expect(expiry()).toHaveTextContent('expires in 0:01');

    // Expired: the badge asks main again (which refreshes the role session) and keeps the identity shown meanwhile.
    await advance(1000);
    expect(api.calls.filter((c) => c.channel === 'connection:whoami')).toHaveLength(2);
    expect(screen.getByLabelText(`Signed in as ${ROLE.arn}`)).toBeInTheDocument();
    expect(expiry()).toHaveTextContent(`expires ${formatTimeShort(T0 + 75 * MINUTE)}`);
    // One new question per expiry, not one per tick.
    await advance(10_000);
    expect(api.calls.filter((c) => c.channel === 'connection:whoami')).toHaveLength(2);
  });

  it('follows main when it refreshes the credentials before they expire, for this connection only', async () => {
    vi.useFakeTimers({ now: T0 });
    installFakeApi({ 'connection:whoami': () => ({ ...ROLE, expiresAt: new Date(T0 + 4 * MINUTE).toISOString() }) });
    render(<IdentityBadge />);
    await connectedAndAsked();
    expect(expiry()).toHaveTextContent('expires in 4:00');
    act(() => useAppStore.getState().credentialsRefreshed({ connection: { ...info, profile: 'other' }, expiresAt: new Date(T0 + 60 * MINUTE).toISOString() }));
    expect(expiry()).toHaveTextContent('expires in 4:00');
    act(() => useAppStore.getState().credentialsRefreshed({ connection: info, expiresAt: new Date(T0 + 60 * MINUTE).toISOString() }));
    expect(expiry()).toHaveTextContent(`expires ${formatTimeShort(T0 + 60 * MINUTE)}`);
  });

  it('does not ask for an MFA code by itself when an MFA role session expires', async () => {
    vi.useFakeTimers({ now: T0 });
    const api = installFakeApi({ 'connection:whoami': () => ({ ...ROLE, expiresAt: new Date(T0 + MINUTE).toISOString() }) });
    act(() => useAppStore.setState({ profiles: { key: 'profiles', loading: false, value: [{ name: 'deploy', kind: 'assume-role-mfa', isDefault: false }] } }));
    render(<IdentityBadge />);
    await connectedAndAsked();
    await advance(MINUTE + 5000);
    expect(expiry()).toHaveTextContent('expired · the next call asks for an MFA code');
    expect(api.calls.filter((c) => c.channel === 'connection:whoami')).toHaveLength(1);
  });

  it('shows no expiry for long-term keys', async () => {
    vi.useFakeTimers({ now: T0 });
    installFakeApi({ 'connection:whoami': () => ({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/dev', userId: 'AIDA' }) });
    render(<IdentityBadge />);
    await connectedAndAsked();
    expect(screen.getByLabelText('Signed in as arn:aws:iam::111122223333:user/dev')).toBeInTheDocument();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('offers "Sign in again" when the SSO session behind expired credentials cannot be refreshed', async () => {
    vi.useFakeTimers({ now: T0 });
    const ended = 'The SSO session of profile "deploy" has expired. Use "Sign in with AWS SSO" in the app.';
    let signedIn = true;
    const api = installFakeApi({
      'connection:whoami': () =>
        signedIn ? { ...ROLE, expiresAt: new Date(T0 + MINUTE).toISOString() } : { ok: false, error: { code: 'SsoTokenExpired', message: ended, retryable: false } },
      'sso:signIn': ({ profile }) => ({
        signInId: '8c7d3f0e-6a3b-4b8e-9f3e-2d1c0b9a8f7e',
        profile,
        method: 'device' as const,
        userCode: 'WDKT-QXLP',
        verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
        verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=WDKT-QXLP',
        expiresAt: new Date(T0 + 10 * MINUTE).toISOString(),
      }),
    });
    render(<IdentityBadge />);
    await connectedAndAsked();
    signedIn = false;
    await advance(MINUTE);
    const again = screen.getByRole('button', { name: 'Sign in again' });
    expect(again).toHaveAttribute('title', ended);
    fireEvent.click(again);
    await advance(0);
    expect(api.calls.find((c) => c.channel === 'sso:signIn')?.input).toEqual({ profile: 'deploy' });
    expect(useAppStore.getState().ssoSignIn).toMatchObject({ profile: 'deploy', phase: 'waiting' });
  });
});
