import { useId, useState } from 'react';
import { EXPIRATION_CRITERIA, ExpirationDays } from '../../../../../shared/chime/shapes';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import type { AppInstanceUser } from '../chimeModels';
import { putExpiration } from './userActions';
import { DEFAULT_CRITERION, expirationSettings, expiresAt, typedDays } from './expiration';
import { Timestamp } from '../../../components/Timestamp';

const FIELDS = { days: { label: 'Expiration days', shape: ExpirationDays, required: true } } as const;

/** PutAppInstanceUserExpirationSettings: set days and criterion, or clear them (the call without settings). */
export function ExpirationForm({ user }: { readonly user: AppInstanceUser }) {
  const criterionId = useId();
  const current = user.ExpirationSettings;
  const form = useShapeForm(FIELDS, { days: current?.ExpirationDays?.toString() ?? '' });
  const [criterion, setCriterion] = useState<string>(current?.ExpirationCriterion ?? DEFAULT_CRITERION);
  const setting = useSubmission<ChimeOutput<'PutAppInstanceUserExpirationSettings'>>('PutAppInstanceUserExpirationSettings');
  const clearing = useSubmission<ChimeOutput<'PutAppInstanceUserExpirationSettings'>>('PutAppInstanceUserExpirationSettings');

  // CREATED_TIMESTAMP, the only criterion: the actual date, not only a number of days.
  // The moment the form opened: "already past" is judged against it (render stays pure).
  const [now] = useState(Date.now);
  const currentExpiry = expiresAt(user.CreatedTimestamp, current?.ExpirationDays);
  const previewDays = typedDays(form.values.days);
  const previewExpiry = expiresAt(user.CreatedTimestamp, previewDays);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values) return;
    await setting.submit({ AppInstanceUserArn: user.AppInstanceUserArn, ExpirationSettings: expirationSettings(values.days, criterion) }, putExpiration);
  };
  const clear = async () => {
    const result = await clearing.submit({ AppInstanceUserArn: user.AppInstanceUserArn }, putExpiration);
    if (result?.ok) form.reset({ days: '' });
  };

  return (
    <form className="form" aria-label="Expiration" noValidate onSubmit={(e) => void onSubmit(e)}>
      <p className="muted">
        {current?.ExpirationDays ? (
          <>
            Expires {current.ExpirationDays} days after{' '}
            {current.ExpirationCriterion === 'CREATED_TIMESTAMP' ? 'its creation' : current.ExpirationCriterion}
            {currentExpiry !== undefined && (
              <>
                , on <Timestamp value={currentExpiry} />
              </>
            )}
            .
          </>
        ) : (
          'No expiration: the user stays until deleted.'
        )}
      </p>
      <div className="form-row">
        <ShapeField field={form.field('days')} />
        <div className="admin-field">
          <label htmlFor={criterionId}>Expiration criterion</label>
          <select id={criterionId} value={criterion} onChange={(e) => setCriterion(e.target.value)}>
            {EXPIRATION_CRITERIA.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      {previewExpiry !== undefined && previewDays !== current?.ExpirationDays && (
        <p className="field-hint">
          With {previewDays} days it would expire on <Timestamp value={previewExpiry} />
          {previewExpiry < now ? ', a date already past, so the service would delete the user soon after' : ''}.
        </p>
      )}
      {clearing.error && <ErrorMessage error={clearing.error} />}
      <div className="admin-actions">
        <button type="button" onClick={() => void clear()} disabled={clearing.busy || !current?.ExpirationDays}>
          Clear expiration
        </button>
      </div>
      <SubmitRow label="Set expiration" busy={setting.busy} error={setting.error} onRetry={() => void setting.retry()} />
    </form>
  );
}
