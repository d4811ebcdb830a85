import { useAppStore } from '../../../store';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import type { AdminSummary } from '../chimeModels';

interface DemoteDialogProps {
  readonly appInstanceArn: string;
  readonly admin: AdminSummary;
  onClose(): void;
}

/** DeleteAppInstanceAdmin after confirmation; the user or bot itself stays. */
export function DemoteDialog({ appInstanceArn, admin, onClose }: DemoteDialogProps) {
  const demote = useAppStore((s) => s.demoteAdmin);
  const arn = admin.Admin?.Arn ?? '';
  const name = admin.Admin?.Name || arn;
  return (
    <ConfirmDialog
      title={`Demote "${name}"?`}
      confirmLabel="Demote"
      onClose={onClose}
      onConfirm={async () => {
        const result = await demote(appInstanceArn, arn);
        return result.ok ? undefined : result.error;
      }}
    >
      <p>
        <strong>{name}</strong> <span className="mono small">({arn})</span> stops being an admin of this app instance and loses the
        right to manage its channels. The {arn.includes('/bot/') ? 'bot' : 'user'} itself is not deleted.
      </p>
    </ConfirmDialog>
  );
}
