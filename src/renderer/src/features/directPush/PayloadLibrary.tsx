import { useId, useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { parsePayloadText, type ApnsPushType, type SavedPayload } from '../../../../shared/push/directPush';
import type { WorkbenchError } from '../../../../shared/errors';
import { formatPayload, PAYLOAD_TEMPLATES } from './payloadTemplates';

interface Props {
  readonly service: 'apns' | 'fcm';
  readonly pushType: ApnsPushType;
  readonly payloadText: string;
  readonly saved: readonly SavedPayload[];
  readonly onPick: (text: string, pushType: ApnsPushType | undefined) => void;
}

/** Templates and the workspace's saved payloads for this service; "Save payload" keeps the editor's text. */
export function PayloadLibrary({ service, pushType, payloadText, saved, onPick }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<WorkbenchError>();
  const templates = PAYLOAD_TEMPLATES.filter((t) => t.service === service);
  const mine = saved.filter((p) => p.service === service);
  const all = [...templates.map((t) => ({ ...t, key: `t:${t.name}` })), ...mine.map((p) => ({ ...p, key: `s:${p.name}` }))];

  const save = async () => {
    const parsed = parsePayloadText(payloadText);
    if (!parsed.ok) return setError({ code: 'InvalidInput', message: parsed.message, retryable: false });
    const result = await useAppStore.getState().saveDirectPushPayload({
      name: name.trim(),
      service,
      ...(service === 'apns' && { pushType }),
      payload: parsed.value,
    });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setName('');
  };

  const remove = async () => {
    const result = await useAppStore.getState().deleteDirectPushPayload(name.trim());
    setError(result.ok ? undefined : result.error);
    if (result.ok) setName('');
  };
  // Typing a saved payload's name offers to replace it (Save) or delete it.
  const existing = mine.some((p) => p.name === name.trim());

  return (
    <div className="form-row payload-library">
      <div className="field">
        <label htmlFor={`${id}-template`}>Start from</label>
        <select
          id={`${id}-template`}
          value=""
          onChange={(e) => {
            const picked = all.find((t) => t.key === e.target.value);
            if (picked) onPick(formatPayload(picked.payload), picked.pushType);
          }}
        >
          <option value="">Template or saved payload…</option>
          <optgroup label="Templates">
            {templates.map((t) => (
              <option key={t.name} value={`t:${t.name}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
          {mine.length > 0 && (
            <optgroup label="Saved in this workspace">
              {mine.map((p) => (
                <option key={p.name} value={`s:${p.name}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>Payload name</label>
        <span className="field-inline">
          <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <button type="button" disabled={!name.trim()} onClick={() => void save()}>
            {existing ? 'Replace payload' : 'Save payload'}
          </button>
          {existing && (
            <button type="button" onClick={() => void remove()}>
              Delete payload
            </button>
          )}
        </span>
        {error && <ErrorMessage error={error} />}
      </div>
    </div>
  );
}
