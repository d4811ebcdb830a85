import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { ErrorMessage } from '../../components/ErrorMessage';
import { byCheckOrder, readinessSummary, type DoctorEndpointReport } from '../../../../shared/doctor/report';
import { DoctorCheckItem } from './DoctorCheckItem';
import { ChannelField } from './ChannelField';
import { AttributesField } from './AttributesField';

/**
 * "Push readiness": the doctor's checks for one endpoint or every endpoint of
 * the selected user, shown as they complete, with the summary line, the
 * "VoIP" toggle and a re-run. Shown under the endpoints once a row's "Check
 * push readiness" is pressed; it follows the selected user (another user's
 * report is not shown).
 */
export function DoctorRegion() {
  const target = useAppStore((s) => (s.doctorTarget?.userArn === s.selectedUserArn ? s.doctorTarget : undefined));
  const run = useAppStore((s) => s.doctorRun);
  const streamed = useAppStore((s) => s.doctorStreamed);
  const endpoints = useAppStore(selectEndpoints);
  const userName = useAppStore((s) => s.userDetail?.value?.Name);
  const ref = useRef<HTMLElement>(null);
  const runKey = run?.key;
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    if (runKey) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [runKey]);
  if (!target) return null;

  const nameOf = (endpointId: string) => endpoints.find((e) => e.EndpointId === endpointId)?.Name || endpointId;
  const report = run?.value;
  // While running: the checks so far, per endpoint in the table's order.
  const shown: readonly DoctorEndpointReport[] =
    report?.endpoints ??
    Object.keys(streamed)
      .sort((a, b) => endpoints.findIndex((e) => e.EndpointId === a) - endpoints.findIndex((e) => e.EndpointId === b))
      .map((endpointId) => ({ endpointId, checks: byCheckOrder(streamed[endpointId] ?? []) }));
  const subject = target.endpointId ? nameOf(target.endpointId) : `every endpoint of ${userName || 'this user'}`;
  const { rerunReadiness, closeReadiness } = useAppStore.getState();

  return (
    <section className="card doctor" aria-label="Push readiness" ref={ref}>
      <div className="card-header">
        <h3>Push readiness</h3>
        <span className="muted">{subject}</span>
        <span className="spacer" />
        <label className="switch" title="Also check what VoIP pushes need: a VoIP token and the VoIP channel">
          <input
            type="checkbox"
            role="switch"
            aria-label="VoIP"
            checked={target.voip}
            onChange={(e) => void rerunReadiness({ voip: e.target.checked })}
          />
          VoIP
        </label>
        {target.endpointId && (
          <button type="button" className="small" onClick={() => void rerunReadiness({ endpointId: undefined })}>
            Check all endpoints
          </button>
        )}
        {/* Allowed while running: main cancels the run it replaces. */}
        <button type="button" className="small" onClick={() => void rerunReadiness()}>
          Re-run
        </button>
        <button type="button" className="small" onClick={closeReadiness}>
          Close
        </button>
      </div>
      <p role="status" className="doctor-summary">
        {report
          ? readinessSummary(report)
          : run?.loading
            ? `Checking… (${shown.reduce((n, e) => n + e.checks.length, 0)} done)`
            : ''}
      </p>
      {report?.channel && (
        <p className="small muted">
          Delivery preferences checked in {report.channel.how === 'given' ? 'the given channel' : 'the tagged test channel'}{' '}
          <code>{report.channel.arn}</code>
        </p>
      )}
      <ChannelField
        key={target.channelArn ?? ''}
        {...(target.channelArn !== undefined && { current: target.channelArn })}
        onApply={(channelArn) => void rerunReadiness({ channelArn })}
      />
      <AttributesField
        key={JSON.stringify(target.messageAttributes ?? {})}
        {...(target.messageAttributes !== undefined && { current: target.messageAttributes })}
        onApply={(messageAttributes) => void rerunReadiness({ messageAttributes })}
      />
      {run?.error && run.error.code !== 'Cancelled' && (
        <ErrorMessage lead="Could not run the push-readiness checks." error={run.error} onRetry={() => void rerunReadiness()} />
      )}
      {shown.map((e) => {
        const name = e.name || nameOf(e.endpointId);
        return (
          // Keyed by the run too: a re-run starts without the previous run's "Copied".
          <div key={`${runKey}:${e.endpointId}`} className="doctor-endpoint">
            {(!target.endpointId || shown.length > 1) && <h4>{name}</h4>}
            <ul className="doctor-checks" aria-label={`Checks of ${name}`}>
              {e.checks.map((c) => (
                <DoctorCheckItem key={c.name} check={c} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
