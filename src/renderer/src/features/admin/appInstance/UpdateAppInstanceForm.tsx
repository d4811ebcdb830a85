import { useAppStore } from '../../../store';
import { Metadata, NonEmptyResourceName } from '../../../../../shared/chime/shapes';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { ShapeField } from '../forms/ShapeField';
import { SubmitRow } from '../forms/SubmitRow';
import { useShapeForm } from '../forms/useShapeForm';
import { useSubmission } from '../forms/useSubmission';
import type { AppInstance } from '../chimeModels';

const FIELDS = {
  name: { label: 'Name', shape: NonEmptyResourceName, required: true },
  // Required by UpdateAppInstance but may be empty: an empty field clears it.
  metadata: { label: 'Metadata', shape: Metadata },
} as const;

/** UpdateAppInstance: the service replaces both name and metadata, so both are always sent. */
export function UpdateAppInstanceForm({ appInstance }: { readonly appInstance: AppInstance }) {
  const update = useAppStore((s) => s.updateAppInstance);
  const form = useShapeForm(FIELDS, { name: appInstance.Name ?? '', metadata: appInstance.Metadata ?? '' });
  const submission = useSubmission<ChimeOutput<'UpdateAppInstance'>>('UpdateAppInstance');

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values) return;
    await submission.submit({ AppInstanceArn: appInstance.AppInstanceArn, Name: values.name, Metadata: values.metadata ?? '' }, update);
  };

  return (
    <form className="form" aria-label="Edit app instance" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form-row">
        <ShapeField field={form.field('name')} />
        <ShapeField field={form.field('metadata')} multiline />
      </div>
      <SubmitRow label="Save changes" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
