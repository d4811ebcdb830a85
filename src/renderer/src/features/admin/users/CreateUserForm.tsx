import { useAppStore } from '../../../store';
import { ExpirationDays, Metadata, UserId, UserName } from '../../../../../shared/chime/shapes';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { TagRowsField } from '../forms/TagRowsField';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import { toTags, useTagRows } from '../forms/useTagRows';
import { createUser } from './userActions';
import { expirationSettings } from './expiration';

const FIELDS = {
  userId: { label: 'User ID', shape: UserId, required: true },
  name: { label: 'Name', shape: UserName, required: true },
  metadata: { label: 'Metadata', shape: Metadata },
  expirationDays: { label: 'Expiration days', shape: ExpirationDays },
} as const;

/** CreateAppInstanceUser in the selected AppInstance; the new user is added to the directory and selected. */
export function CreateUserForm() {
  const appInstanceArn = useAppStore((s) => s.selectedAppInstanceArn);
  const form = useShapeForm(FIELDS, { userId: '', name: '', metadata: '', expirationDays: '' });
  const tags = useTagRows();
  const submission = useSubmission<ChimeOutput<'CreateAppInstanceUser'>>('CreateAppInstanceUser');

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    const tagRows = tags.validate();
    if (!values || tagRows === false || !appInstanceArn) return;
    const result = await submission.submit(
      {
        AppInstanceArn: appInstanceArn,
        AppInstanceUserId: values.userId,
        Name: values.name,
        Metadata: values.metadata,
        Tags: toTags(tagRows),
        ExpirationSettings: expirationSettings(values.expirationDays),
      },
      createUser,
    );
    if (result?.ok) {
      form.reset();
      tags.reset();
    }
  };

  return (
    <form className="form card" aria-label="New user" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3>New user</h3>
      <div className="form-row">
        <ShapeField field={form.field('userId')} />
        <ShapeField field={form.field('name')} />
      </div>
      <ShapeField field={form.field('metadata')} multiline />
      <ShapeField field={form.field('expirationDays')} />
      <span className="field-hint">Leave expiration empty to keep the user until it is deleted; days count from its creation.</span>
      <TagRowsField tags={tags} />
      <SubmitRow label="Create user" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
