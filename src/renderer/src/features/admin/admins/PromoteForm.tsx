import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../../store';
import { ChimeArn } from '../../../../../shared/chime/shapes';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';

const FIELDS = { adminArn: { label: 'User or bot ARN', shape: ChimeArn, required: true } } as const;
/** Suggestions only; a huge directory would make the datalist itself slow. */
const MAX_SUGGESTIONS = 500;

/** CreateAppInstanceAdmin for a user or bot; starts with the user selected in the sidebar. */
export function PromoteForm({ appInstanceArn }: { readonly appInstanceArn: string }) {
  const listId = useId();
  const { selectedUserArn, users, bots, promote, admins } = useAppStore(
    useShallow((s) => ({
      selectedUserArn: s.selectedUserArn,
      users: s.users,
      bots: s.bots?.value?.items,
      promote: s.promoteAdmin,
      admins: s.admins?.value?.items,
    })),
  );
  const form = useShapeForm(FIELDS, { adminArn: selectedUserArn ?? '' });
  const submission = useSubmission<unknown>('CreateAppInstanceAdmin');
  // Who is already an admin is not offered again.
  const suggestions = useMemo(() => {
    const already = new Set((admins ?? []).map((a) => a.Admin?.Arn));
    return [
      ...(bots ?? []).filter((b) => !already.has(b.AppInstanceBotArn)).map((b) => ({ arn: b.AppInstanceBotArn, label: `Bot: ${b.Name ?? ''}` })),
      ...users
        .filter((u) => !already.has(u.AppInstanceUserArn))
        .slice(0, MAX_SUGGESTIONS)
        .map((u) => ({ arn: u.AppInstanceUserArn, label: `User: ${u.Name ?? ''}` })),
    ];
  }, [users, bots, admins]);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values || typeof values.adminArn !== 'string') return;
    const adminArn = values.adminArn;
    await submission.submit({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn }, () => promote(appInstanceArn, adminArn));
  };

  return (
    <form className="form card" aria-label="Promote to admin" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3>Promote a user or bot</h3>
      <p className="muted">Admins can manage channels and memberships in the app instance.</p>
      <ShapeField field={form.field('adminArn')} placeholder="arn:aws:chime:…/user/…" list={listId} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.arn} value={s.arn}>
            {s.label}
          </option>
        ))}
      </datalist>
      <SubmitRow label="Promote to admin" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
