import { useMemo } from 'react';
import { Metadata, type StringShape } from '../../../../../shared/chime/shapes';
import type { OperationName } from '../../../../../shared/chime/operations';
import type { Result } from '../../../../../shared/errors';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';

interface NameMetadataFormProps {
  /** UpdateAppInstance or UpdateAppInstanceUser: both replace name and metadata together. */
  readonly operation: OperationName;
  readonly formLabel: string;
  /** The name's constraint (AppInstance names and user names differ). */
  readonly nameShape: StringShape;
  /** The resource, as the operation's ARN member: `{ AppInstanceArn: … }`. */
  readonly target: Readonly<Record<string, string | undefined>>;
  readonly name: string | undefined;
  readonly metadata: string | undefined;
  readonly save: (input: Record<string, unknown>) => Promise<Result<unknown>>;
}

/**
 * Edits a resource's name and metadata. Both are required by the update
 * operations, so both are always sent; metadata may be empty, which clears it.
 */
export function NameMetadataForm({ operation, formLabel, nameShape, target, name, metadata, save }: NameMetadataFormProps) {
  const fields = useMemo(
    () => ({ name: { label: 'Name', shape: nameShape, required: true }, metadata: { label: 'Metadata', shape: Metadata } }) as const,
    [nameShape],
  );
  const form = useShapeForm(fields, { name: name ?? '', metadata: metadata ?? '' });
  const submission = useSubmission<unknown>(operation);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values) return;
    await submission.submit({ ...target, Name: values.name, Metadata: values.metadata ?? '' }, save);
  };

  return (
    <form className="form" aria-label={formLabel} noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form-row">
        <ShapeField field={form.field('name')} />
        <ShapeField field={form.field('metadata')} multiline />
      </div>
      <SubmitRow label="Save changes" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
