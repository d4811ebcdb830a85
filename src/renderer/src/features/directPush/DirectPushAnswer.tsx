import type { DirectPushFailure, DirectPushOutcome } from '../../../../shared/ipc/directPushContract';
import { Timestamp } from '../../components/Timestamp';

type Props = (
  | { readonly outcome: DirectPushOutcome; readonly failure?: never }
  | { readonly failure: DirectPushFailure; readonly outcome?: never }
) & {
  /** The region's name ("Answer" in the dialog, "Direct answer" beside Chime's in a comparison). */
  readonly label?: string;
};

/** What APNs or FCM answered (or why the push was refused before), with the advice in plain words. */
export function DirectPushAnswer({ outcome, failure, label = 'Answer' }: Props) {
  const advice = outcome?.advice ?? failure?.advice;
  const reason = outcome ? (outcome.reason ?? outcome.errorCode) : (failure.reason ?? failure.code);
  const good = outcome?.ok === true;
  return (
    <section aria-label={label} className={good ? 'push-answer push-answer-ok' : 'push-answer push-answer-failed'}>
      <p role="status">
        {outcome ? (
          <>
            <strong className={good ? 'success-text' : 'status-error'}>Status {outcome.status}</strong>
            {reason && <> · {reason}</>}
            <span className="muted">
              {' '}
              from {outcome.host}
              {outcome.proxy && <> through the proxy {outcome.proxy}</>}
            </span>
          </>
        ) : (
          <>
            <strong className="status-error">Not sent</strong> · {reason}: {failure.message}
          </>
        )}
      </p>
      {outcome && (
        <dl className="props">
          {outcome.apnsId && (
            <>
              <dt>apns-id</dt>
              <dd className="mono">{outcome.apnsId}</dd>
            </>
          )}
          {outcome.apnsUniqueId && (
            <>
              <dt>apns-unique-id</dt>
              <dd className="mono">{outcome.apnsUniqueId}</dd>
            </>
          )}
          {outcome.messageName && (
            <>
              <dt>Message</dt>
              <dd className="mono">{outcome.messageName}</dd>
            </>
          )}
          {outcome.timestamp !== undefined && (
            <>
              <dt>Unregistered at</dt>
              <dd>
                <Timestamp value={outcome.timestamp} />
              </dd>
            </>
          )}
          {outcome.topic && (
            <>
              <dt>Topic</dt>
              <dd className="mono">
                {outcome.topic}
                {outcome.pushType && <span className="muted"> ({outcome.pushType})</span>}
              </dd>
            </>
          )}
          <dt>Sent with</dt>
          <dd>{outcome.credentialLabel}</dd>
        </dl>
      )}
      {advice && (
        <div className="push-advice">
          <p>{advice.explanation}</p>
          <p>
            <strong>What to do:</strong> {advice.fix}
          </p>
        </div>
      )}
    </section>
  );
}
