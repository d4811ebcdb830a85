import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../shared/errors';
import {
  PREFERENCE_MODES,
  preferenceProblem,
  type PreferenceMode,
  type PushPreference,
} from '../../../../shared/push/testPush';

const MODE_HELP: Record<PreferenceMode, string> = {
  Default: 'ALL: every message notifies',
  Mute: 'NONE: no message notifies',
  Filtered: 'FILTERED: messages whose attributes match the FilterRule',
};

/**
 * The target's push preference in the test channel (Default / Mute / Filtered,
 * the API's ALL / NONE / FILTERED). The FilterRule is checked as you type with
 * the shared validator; Save writes it as the member (PutChannelMembershipPreferences).
 */
export function PreferenceEditor({
  channelArn,
  memberArn,
}: {
  readonly channelArn: string;
  readonly memberArn: string;
}) {
  const ids = { group: useId(), rule: useId(), problem: useId() };
  const saved = useAppStore((s) =>
    s.pushPreference?.key === `${channelArn}|${memberArn}` ? s.pushPreference : undefined,
  );
  // The edit in progress; none: the saved preference is shown.
  const [edit, setDraft] = useState<PushPreference>();
  const draft = edit ?? saved?.value ?? { mode: 'Default' };
  const [error, setError] = useState<WorkbenchError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!saved) void useAppStore.getState().loadPushPreference(channelArn, memberArn);
    // Load once per channel and member; the editor keeps the draft meanwhile.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channelArn, memberArn]);

  const problem = preferenceProblem(draft);
  const dirty = saved?.value ? JSON.stringify(saved.value) !== JSON.stringify(draft) : draft.mode !== 'Default';
  const save = async () => {
    if (problem) return;
    setBusy(true);
    const failed = await useAppStore.getState().savePushPreference(channelArn, memberArn, draft);
    setError(failed);
    if (!failed) setDraft(undefined);
    setBusy(false);
  };

  return (
    <fieldset className="push-preference">
      <legend>Push preference in this channel</legend>
      <div role="radiogroup" aria-labelledby={ids.group} className="choice-row">
        <span id={ids.group} className="visually-hidden">
          Push preference
        </span>
        {PREFERENCE_MODES.map((mode) => (
          <label key={mode} className="choice" title={MODE_HELP[mode]}>
            <input
              type="radio"
              name={ids.group}
              checked={draft.mode === mode}
              onChange={() => setDraft(mode === 'Filtered' ? { mode, filterRule: draft.filterRule ?? '' } : { mode })}
            />
            {mode}
          </label>
        ))}
        <span className="muted small">{MODE_HELP[draft.mode]}</span>
      </div>
      {draft.mode === 'Filtered' && (
        <div className="field">
          <label htmlFor={ids.rule}>FilterRule</label>
          <textarea
            id={ids.rule}
            className="mono"
            rows={2}
            spellCheck={false}
            placeholder='{"mention":["Bob"]}'
            aria-invalid={problem ? 'true' : 'false'}
            aria-describedby={problem ? ids.problem : undefined}
            value={draft.filterRule ?? ''}
            onChange={(e) => setDraft({ mode: 'Filtered', filterRule: e.target.value })}
          />
        </div>
      )}
      {problem && (
        <span id={ids.problem} className="field-error" role="alert">
          {problem}
        </span>
      )}
      <div className="choice-row">
        <button
          type="button"
          className="small"
          onClick={() => void save()}
          disabled={busy || !dirty || Boolean(problem)}
        >
          Save preference
        </button>
        {saved?.loading && <span className="muted small">Reading the preference…</span>}
        {dirty && !problem && <span className="muted small">Not saved: the send uses the saved preference.</span>}
      </div>
      {saved?.error && <ErrorMessage error={saved.error} lead="Could not read the preference." />}
      {error && (
        <ErrorMessage error={error} lead="Could not save the preference." onDismiss={() => setError(undefined)} />
      )}
    </fieldset>
  );
}
