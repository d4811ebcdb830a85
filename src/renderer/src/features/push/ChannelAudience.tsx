import { useAppStore } from '../../store';

/**
 * Who else a test push may notify: Chime pushes a channel message to every
 * member whose preference allows it, and the demo's test channel has all
 * the demo users in it. Says how many members the plan's channel has, and
 * offers the user's own channel (only the sender and the user) instead.
 */
export function ChannelAudience() {
  const plan = useAppStore((s) => s.testPushPlan?.value);
  if (!plan) return null;
  const { channel } = plan;
  const own = channel.chosen === 'own' || channel.chosen === 'create-own';
  if (own) {
    return (
      <p className="muted small" aria-label="Who is notified">
        Using “{channel.name}”, this user’s own test channel: its only members are the sender and this user, so nobody
        else is notified.
      </p>
    );
  }
  // A channel still to be created will hold only the sender and the user.
  if (channel.memberCount === undefined) return null;
  const others = plan.steps.some((s) => s.kind === 'addMember') ? channel.memberCount : channel.memberCount - 1;
  return (
    <div className="field-warning push-audience" role="note" aria-label="Who is notified">
      <p>
        A channel message notifies every member whose preference allows it: “{channel.name}” has {channel.memberCount}{' '}
        member{channel.memberCount === 1 ? '' : 's'}
        {others > 1 ? `, so ${others - 1} other${others - 1 === 1 ? '' : 's'} besides the sender may get this push too` : ''}.
      </p>
      <button
        type="button"
        className="small"
        onClick={() =>
          void useAppStore
            .getState()
            .planTestPush({ senderArn: useAppStore.getState().pushPlanChoice.senderArn, ownChannel: true })
        }
      >
        Use a channel of my own
      </button>
    </div>
  );
}
