import { useAppStore } from '../../store';

/** On an endpoint row: opens "Push readiness" for this endpoint. */
export function CheckReadinessButton({ endpointId }: { endpointId: string }) {
  const userArn = useAppStore((s) => s.selectedUserArn);
  if (!userArn || !endpointId) return null;
  return (
    <button
      type="button"
      className="small"
      onClick={() => void useAppStore.getState().checkReadiness({ userArn, endpointId })}
      title="Check every reason a push to this endpoint could fail"
    >
      Check push readiness
    </button>
  );
}
