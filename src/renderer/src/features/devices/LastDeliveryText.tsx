import { useAppStore } from '../../store';
import { describeLastDelivery } from '../../../../shared/push/deliveries';

/** On the Local sandbox, under an endpoint's state: "delivered 12:03:04", or the failure and its reason. */
export function LastDeliveryText({
  userArn,
  endpointId,
}: {
  readonly userArn: string | undefined;
  readonly endpointId: string;
}) {
  const last = useAppStore((s) =>
    userArn && s.lastDeliveries?.key === userArn ? s.lastDeliveries.value?.[endpointId] : undefined,
  );
  if (!last) return null;
  const text = describeLastDelivery(last);
  return (
    <div
      className={last.kind === 'delivered' ? 'last-delivery notify-yes small' : 'last-delivery status-error small'}
      title={text}
    >
      {text}
    </div>
  );
}
