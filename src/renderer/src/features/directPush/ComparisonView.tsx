import { describeLastDelivery } from '../../../../shared/push/deliveries';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DirectPushAnswer } from './DirectPushAnswer';
import type { ChimeSide, Comparison } from '../../../../shared/push/compareWithChime';

/** "Compare with Chime": the verdict first, then the two outcomes side by side. */
export function ComparisonView({ comparison }: { readonly comparison: Comparison }) {
  const { chime, direct, verdict } = comparison;
  return (
    <section aria-label="Comparison" className="push-compare">
      <p role="status" className="push-compare-verdict">
        <strong>{verdict}</strong>
      </p>
      <div className="push-compare-sides">
        <section aria-label="Through Chime" className="push-compare-side">
          <h3>Through Chime</h3>
          <ChimeOutcome chime={chime} />
        </section>
        <section aria-label="Direct" className="push-compare-side">
          <h3>Direct to {comparison.service === 'apns' ? 'APNs' : 'FCM'}</h3>
          {'outcome' in direct ? (
            <DirectPushAnswer outcome={direct.outcome} label="Direct answer" />
          ) : (
            <DirectPushAnswer failure={direct.failure} label="Direct answer" />
          )}
        </section>
      </div>
    </section>
  );
}

function ChimeOutcome({ chime }: { readonly chime: ChimeSide }) {
  if (chime.kind === 'notSent') return <ErrorMessage lead="Chime did not send the message." error={chime.error} />;
  const { delivery } = chime;
  return (
    <>
      <p>
        <strong className="success-text">Sent</strong> · message id <span className="mono">{chime.messageId}</span>
      </p>
      {delivery === 'unknown' ? (
        <p className="muted">
          On AWS the app cannot see the phone: check the device, and follow the endpoint’s state in its row (Pinpoint
          turns it INACTIVE when Apple or Google refuses the token).
        </p>
      ) : delivery === 'none' ? (
        <p className="status-error">
          Nothing reached this endpoint, and no failure was recorded: Chime skipped it (an INACTIVE endpoint,
          AllowMessages NONE, or the member’s push preferences mute the channel).
        </p>
      ) : (
        <p className={delivery.kind === 'delivered' ? 'success-text' : 'status-error'}>
          This endpoint: {describeLastDelivery(delivery)}
        </p>
      )}
    </>
  );
}
