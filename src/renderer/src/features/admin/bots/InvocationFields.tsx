import { useId } from 'react';
import { STANDARD_MESSAGES, TARGETED_MESSAGES } from '../../../../../shared/chime/shapes';
import type { Invocation } from './lexConfig';

interface Props {
  readonly value: Invocation;
  onChange(value: Invocation): void;
}

/** RespondsTo or InvokedBy {StandardMessages, TargetedMessages}, with the values of the shared enums. */
export function InvocationFields({ value, onChange }: Props) {
  const id = useId();
  return (
    <fieldset className="admin-invocation">
      <legend>When the bot answers</legend>
      <label className="switch">
        <input type="radio" name={`${id}-mode`} checked={value.mode === 'respondsTo'} onChange={() => onChange({ ...value, mode: 'respondsTo' })} />
        Responds to standard messages
      </label>
      <label className="switch">
        <input type="radio" name={`${id}-mode`} checked={value.mode === 'invokedBy'} onChange={() => onChange({ ...value, mode: 'invokedBy' })} />
        Invoked by
      </label>
      {value.mode === 'invokedBy' && (
        <div className="form-row">
          <div className="admin-field">
            <label htmlFor={`${id}-standard`}>Standard messages</label>
            <select id={`${id}-standard`} value={value.standardMessages} onChange={(e) => onChange({ ...value, standardMessages: e.target.value })}>
              {STANDARD_MESSAGES.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          <div className="admin-field">
            <label htmlFor={`${id}-targeted`}>Targeted messages</label>
            <select id={`${id}-targeted`} value={value.targetedMessages} onChange={(e) => onChange({ ...value, targetedMessages: e.target.value })}>
              {TARGETED_MESSAGES.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
