import { useState } from 'react';
import { Timestamp } from '../../../components/Timestamp';
import type { Retention } from '../chimeModels';
import { retentionCutoff } from '../users/expiration';

/** The retention in force and when the service starts deleting older messages. */
export function RetentionSummary({ value }: { readonly value: Retention | undefined }) {
  // When the summary was first shown: the cutoff moves with the clock, not with each render.
  const [now] = useState(Date.now);
  if (!value) return null;
  const days = value.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
  return (
    <dl className="props" aria-label="Current retention">
      <dt>Retention</dt>
      <dd>{days ? `${days} days` : 'Not set: channel messages are kept until deleted.'}</dd>
      {days ? (
        <>
          <dt>Deletes messages sent before</dt>
          <dd>
            <Timestamp value={retentionCutoff(now, days)} />
          </dd>
        </>
      ) : null}
      <dt>Deletion starts</dt>
      <dd>{value.InitiateDeletionTimestamp ? <Timestamp value={value.InitiateDeletionTimestamp} /> : <span className="muted">—</span>}</dd>
    </dl>
  );
}
