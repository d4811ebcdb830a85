import { useState } from 'react';
import { useAppStore } from '../../../store';
import { RetentionDays } from '../../../../../shared/chime/shapes';
import type { Retention } from '../chimeModels';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import { Timestamp } from '../../../components/Timestamp';
import { retentionCutoff, typedDays } from '../users/expiration';

const FIELDS = { days: { label: 'Retention days', shape: RetentionDays, required: true } } as const;

/** PutAppInstanceRetentionSettings; the range comes from the shared RetentionDays shape. */
export function RetentionForm({ appInstanceArn, current }: { readonly appInstanceArn: string; readonly current: Retention | undefined }) {
  const save = useAppStore((s) => s.saveRetention);
  const days = current?.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
  const form = useShapeForm(FIELDS, { days: days?.toString() ?? '' });
  const submission = useSubmission<Retention>('PutAppInstanceRetentionSettings');

  const previewDays = typedDays(form.values.days);
  const [now] = useState(Date.now);
  const previewCutoff = retentionCutoff(now, previewDays);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values) return;
    const input = { AppInstanceArn: appInstanceArn, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: values.days } } };
    await submission.submit(input, save);
  };

  return (
    <form className="form" aria-label="Retention settings" noValidate onSubmit={(e) => void onSubmit(e)}>
      <ShapeField field={form.field('days')} />
      {previewCutoff !== undefined && previewDays !== days && (
        <p className="field-hint">
          With {previewDays} days, channel messages sent before <Timestamp value={previewCutoff} /> would be deleted.
        </p>
      )}
      <SubmitRow label="Save retention" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
