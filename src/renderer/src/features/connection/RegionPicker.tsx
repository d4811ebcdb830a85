import { useId } from 'react';
import { useAppStore } from '../../store';
import { ALL_REGIONS, DEFAULT_REGION, regionWarning } from '../../../../shared/aws/regions';
import { changeConnection } from '../session/sessionActions';

export function RegionPicker() {
  const id = useId();
  const warningId = useId();
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
        aria-describedby={warning ? warningId : undefined}
      >
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
      </select>
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
