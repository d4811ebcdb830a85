import { useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { CleanUpOutcome } from '../../../../shared/ipc/pushContract';
import type { WorkbenchError } from '../../../../shared/errors';

/**
 * "Clean up": says what the workbench created in this AppInstance and will
 * remove (the tagged test channels, the sender user and, on the Local
 * sandbox, the simulated devices it created), then removes exactly what was
 * shown once the developer confirms.
 */
export function CleanUpSection() {
  const plan = useAppStore((s) => s.cleanUpPlan);
  const [outcome, setOutcome] = useState<CleanUpOutcome>();
  const [error, setError] = useState<WorkbenchError>();
  const [busy, setBusy] = useState(false);

  const look = () => {
    setOutcome(undefined);
    setError(undefined);
    void useAppStore.getState().planCleanUp();
  };
  const run = async () => {
    setBusy(true);
    const result = await useAppStore.getState().runCleanUp();
    setBusy(false);
    if (result.ok) setOutcome(result.value);
    else setError(result.error);
    void useAppStore.getState().planTestPush();
  };

  return (
    <section className="push-cleanup" aria-label="Clean up">
      <div className="card-header">
        <h3>Clean up</h3>
        <span className="spacer" />
        <button type="button" className="small" onClick={look} disabled={plan?.loading}>
          Clean up…
        </button>
      </div>
      {plan?.error && <ErrorMessage error={plan.error} lead="Could not look for what the workbench created." />}
      {plan?.value && (
        <>
          <ul>
            {plan.value.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {plan.value.remove.length > 0 && (
            <div className="dialog-actions">
              <button type="button" onClick={() => useAppStore.setState({ cleanUpPlan: undefined })}>
                Keep them
              </button>
              <button type="button" className="danger" onClick={() => void run()} disabled={busy}>
                Remove {plan.value.remove.length === 1 ? 'it' : `these ${plan.value.remove.length}`}
              </button>
            </div>
          )}
        </>
      )}
      {outcome && (
        <p role="status">
          {outcome.removed.length
            ? `Removed ${outcome.removed.map((r) => r.text).join('; ')}.`
            : 'Nothing was removed.'}
          {outcome.failed.map((f) => ` Could not remove ${f.text}: ${f.message}.`).join('')}
        </p>
      )}
      {error && <ErrorMessage error={error} lead="Clean up failed." />}
    </section>
  );
}
