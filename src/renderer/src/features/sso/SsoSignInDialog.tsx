import { useState } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Timestamp } from '../../components/Timestamp';
import type { WorkbenchError } from '../../../../shared/errors';

/**
 * The SSO sign-in: "Open browser" (main opens the IAM Identity Center page);
 * with the browser flow (the default for an sso-session) the page comes back
 * to main, and "Use a code instead" switches to the device code; with the
 * device code, the code to compare on the page. Waiting with Cancel, then
 * signed in or the error with "Try again".
 */
export function SsoSignInDialog() {
  const signIn = useAppStore((s) => s.ssoSignIn);
  const openSsoBrowser = useAppStore((s) => s.openSsoBrowser);
  const closeSsoSignIn = useAppStore((s) => s.closeSsoSignIn);
  const startSsoSignIn = useAppStore((s) => s.startSsoSignIn);
  const [openError, setOpenError] = useState<WorkbenchError>();

  if (!signIn) return null;
  const close = () => {
    setOpenError(undefined);
    void closeSsoSignIn();
  };
  const started = signIn.started;
  return (
    <Dialog title="Sign in with AWS SSO" onClose={close} subject={<>Profile {signIn.profile}</>}>
      {signIn.phase === 'starting' && <p role="status">Asking IAM Identity Center for a sign-in…</p>}
      {started?.method === 'device' && signIn.phase === 'waiting' && (
        <>
          <p>Open the sign-in page, check that it shows this code, and approve the request.</p>
          <p className="sso-code" aria-label="Sign-in code">
            {started.userCode}
          </p>
          <p className="muted small">
            Page: <code>{started.verificationUri}</code> · the code is valid until <Timestamp value={Date.parse(started.expiresAt)} />
          </p>
          <p role="status" className="muted">
            Waiting for approval in the browser…
          </p>
          {openError && <ErrorMessage error={openError} lead="Could not open the browser." />}
        </>
      )}
      {started?.method === 'browser' && signIn.phase === 'waiting' && (
        <>
          <p>Sign in on the IAM Identity Center page in your browser; it comes back to the app by itself.</p>
          <p role="status" className="muted">
            Waiting for the browser sign-in…
          </p>
          {openError && <ErrorMessage error={openError} lead="Could not open the browser." />}
        </>
      )}
      {signIn.phase === 'signed-in' && (
        <p role="status">
          Signed in{started ? ` to ${signIn.profile}` : ''}. The session lasts until {signIn.expiresAt ? <Timestamp value={Date.parse(signIn.expiresAt)} /> : 'its expiry'}.
        </p>
      )}
      {signIn.phase === 'failed' && signIn.error && <ErrorMessage error={signIn.error} lead="The sign-in did not complete." />}
      <div className="dialog-actions">
        {signIn.phase === 'waiting' && (
          <>
            <button type="button" onClick={close}>
              Cancel
            </button>
            {started?.method === 'browser' && (
              <button type="button" onClick={() => void startSsoSignIn(signIn.profile, 'device')}>
                Use a code instead
              </button>
            )}
            <button type="button" className="primary" data-autofocus onClick={() => void openSsoBrowser().then(setOpenError)}>
              Open browser
            </button>
          </>
        )}
        {signIn.phase === 'starting' && (
          <button type="button" onClick={close}>
            Cancel
          </button>
        )}
        {signIn.phase === 'failed' && (
          <>
            <button type="button" onClick={close}>
              Close
            </button>
            <button type="button" className="primary" onClick={() => void startSsoSignIn(signIn.profile)}>
              Try again
            </button>
          </>
        )}
        {signIn.phase === 'signed-in' && (
          <button type="button" className="primary" data-autofocus onClick={close}>
            Close
          </button>
        )}
      </div>
    </Dialog>
  );
}
