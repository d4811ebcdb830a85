import { Metadata, UserName } from '../../../../../shared/chime/shapes';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { ShapeField } from '../forms/ShapeField';
import { SubmitRow } from '../forms/SubmitRow';
import { useShapeForm } from '../forms/useShapeForm';
import { useSubmission } from '../forms/useSubmission';
import type { AppInstanceUser } from '../chimeModels';
import { updateUser } from './userActions';

const FIELDS = {
  name: { label: 'Name', shape: UserName, required: true },
  // Required by UpdateAppInstanceUser but may be empty: an empty field clears it.
  metadata: { label: 'Metadata', shape: Metadata },
} as const;

/** UpdateAppInstanceUser: name and metadata are replaced together. */
export function UpdateUserForm({ user }: { readonly user: AppInstanceUser }) {
  const form = useShapeForm(FIELDS, { name: user.Name ?? '', metadata: user.Metadata ?? '' });
  const submission = useSubmission<ChimeOutput<'UpdateAppInstanceUser'>>('UpdateAppInstanceUser');

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values) return;
    await submission.submit({ AppInstanceUserArn: user.AppInstanceUserArn, Name: values.name, Metadata: values.metadata ?? '' }, updateUser);
  };

  return (
    <form className="form" aria-label="Edit user" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form-row">
        <ShapeField field={form.field('name')} />
        <ShapeField field={form.field('metadata')} multiline />
      </div>
      <SubmitRow label="Save changes" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
