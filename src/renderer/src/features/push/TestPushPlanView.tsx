import type { Resource } from '../../store/resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { TestPushPlan } from '../../../../shared/push/testPush';

/** What the send will use and create, in main's plain words, before anything is created. */
export function TestPushPlanView({
  plan,
  onRetry,
}: {
  readonly plan: Resource<TestPushPlan> | undefined;
  readonly onRetry: () => void;
}) {
  if (plan?.error)
    return <ErrorMessage error={plan.error} onRetry={onRetry} lead="Could not look at what the test push needs." />;
  if (!plan?.value) return <p className="muted">Looking at what the test push needs…</p>;
  const { steps, summary, warnings } = plan.value;
  return (
    <section className="push-plan" aria-label="What this push will use">
      <h3>{steps.length ? 'Sending will first create:' : 'What this push will use'}</h3>
      <ul>
        {summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {warnings.map((w) => (
        <p key={w} className="field-warning">
          {w}
        </p>
      ))}
    </section>
  );
}
