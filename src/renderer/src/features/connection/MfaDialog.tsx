import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';

/** Asked by main when an assume-role profile with mfa_serial needs a fresh session. */
export function MfaDialog() {
  const request = useAppStore((s) => s.mfaRequest);
  const answerMfa = useAppStore((s) => s.answerMfa);
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(code);

  if (!request) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setCode('');
    void answerMfa(code);
  };
  const cancel = () => {
    setCode('');
    void answerMfa(null);
  };
  return (
    <Dialog title="MFA code required" onClose={cancel}>
      <form onSubmit={submit} className="form">
        <p>
          Profile <strong>{request.profile}</strong> assumes a role that needs a code from <code>{request.mfaSerial}</code>.
        </p>
        <label>
          MFA code
          <input
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            aria-invalid={code.length > 0 && !valid}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Continue
          </button>
        </div>
      </form>
    </Dialog>
  );
}
