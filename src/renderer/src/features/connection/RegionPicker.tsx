import { useId } from 'react';
import { useAppStore } from '../../store';
import { ALL_REGIONS, DEFAULT_REGION, regionWarning } from '../../../../shared/aws/regions';
import { changeConnection } from '../../session/sessionActions';

/**
 * The region of the connection. A profile may use any region (those where
 * Chime SDK Identity runs first, others with a warning). The Local sandbox
 * serves the one region it was started with (`--region`): its ARNs and
 * signatures name it, so the picker offers that region only and says why,
 * instead of offering others and snapping back.
 */
export function RegionPicker() {
  const id = useId();
  const warningId = useId();
  const sandboxNoteId = useId();
  const connection = useAppStore((s) => s.connection);
  const region = connection?.info.region ?? DEFAULT_REGION;
  const isSandbox = connection?.info.kind === 'sandbox';
  const warning = isSandbox ? undefined : regionWarning(region);

  const onChange = (next: string) => {
    if (!connection) return;
    const info = connection.info;
    void changeConnection(info.kind === 'profile' && info.profile ? { kind: 'profile', profile: info.profile } : { kind: 'sandbox' }, next);
  };

  return (
    <div className="field-inline">
      <label htmlFor={id}>Region</label>
      <select
        id={id}
        value={region}
        onChange={(e) => onChange(e.target.value)}
        disabled={!connection || connection.status === 'connecting'}
        aria-describedby={warning ? warningId : isSandbox ? sandboxNoteId : undefined}
      >
        {isSandbox ? (
          <option value={region}>{region}</option>
        ) : (
          <>
            <optgroup label="Chime SDK Identity regions">
              {ALL_REGIONS.filter((r) => r.supported).map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region}
                </option>
              ))}
            </optgroup>
            <optgroup label="Other regions (not supported by the service)">
              {ALL_REGIONS.filter((r) => !r.supported).map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region} ⚠
                </option>
              ))}
            </optgroup>
          </>
        )}
      </select>
      {isSandbox && (
        <span
          id={sandboxNoteId}
          className="region-note muted small"
          title="A sandbox serves the one region it was started with. To try another, start one with --region (npm run sandbox -- --region eu-central-1) and run the harness or CLI against it."
        >
          <span aria-hidden="true" className="info-dot">
            i
          </span>
          <span className="region-note-text">The Local sandbox serves {region} only</span>
        </span>
      )}
      {warning && (
        <span id={warningId} className="warning-chip" role="status" title={warning}>
          ⚠ Not a Chime SDK Identity region
          {/* The whole sentence for screen readers; sighted users get it on hover. */}
          <span className="visually-hidden">: {warning}</span>
        </span>
      )}
    </div>
  );
}
