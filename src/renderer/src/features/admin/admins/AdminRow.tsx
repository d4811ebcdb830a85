import { useAppStore } from '../../../store';
import type { AdminSummary } from '../chimeModels';

interface AdminRowProps {
  readonly appInstanceArn: string;
  readonly admin: AdminSummary;
  onDemote(): void;
}

export function AdminRow({ appInstanceArn, admin, onDemote }: AdminRowProps) {
  const describeAdmin = useAppStore((s) => s.describeAdmin);
  const arn = admin.Admin?.Arn ?? '';
  const name = admin.Admin?.Name || arn;
  return (
    <tr aria-label={name}>
      <td>{admin.Admin?.Name}</td>
      <td className="mono">{arn}</td>
      <td className="admin-row-actions">
        <button type="button" className="small" aria-label={`Details of ${name}`} onClick={() => void describeAdmin(appInstanceArn, arn)}>
          Details
        </button>
        <button type="button" className="small" aria-label={`Demote ${name}`} onClick={onDemote}>
          Demote
        </button>
      </td>
    </tr>
  );
}
