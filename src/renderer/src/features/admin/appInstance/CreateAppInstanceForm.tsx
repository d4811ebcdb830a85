import { Metadata, NonEmptyResourceName } from '../../../../../shared/chime/shapes';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { TagRowsField } from '../forms/TagRowsField';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import { toTags, useTagRows } from '../forms/useTagRows';
import { createAppInstance } from './appInstanceActions';

const FIELDS = {
  name: { label: 'Name', shape: NonEmptyResourceName, required: true },
  metadata: { label: 'Metadata', shape: Metadata },
} as const;

/** CreateAppInstance; on success the new AppInstance is listed and selected. */
export function CreateAppInstanceForm() {
  const form = useShapeForm(FIELDS, { name: '', metadata: '' });
  const tags = useTagRows();
  const submission = useSubmission<ChimeOutput<'CreateAppInstance'>>('CreateAppInstance');

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    const tagRows = tags.validate();
    if (!values || tagRows === false) return;
    const created = await submission.submit({ Name: values.name, Metadata: values.metadata, Tags: toTags(tagRows) }, createAppInstance);
    if (created?.ok) {
      form.reset();
      tags.reset();
    }
  };

  return (
    <form className="form card" aria-label="New app instance" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3>New app instance</h3>
      <ShapeField field={form.field('name')} />
      <ShapeField field={form.field('metadata')} multiline />
      <TagRowsField tags={tags} />
      <SubmitRow label="Create app instance" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
