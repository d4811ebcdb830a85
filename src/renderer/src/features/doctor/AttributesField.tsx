import { useState } from 'react';
import { parseAttributePairs, type MessageAttributeMap } from '../../../../shared/push/testPush';

/** `{mention: {StringValues: ['bob']}}` → `mention=bob`, pairs separated by commas, as the field shows them. */
function asLines(attributes: MessageAttributeMap | undefined): string {
  return Object.entries(attributes ?? {})
    .flatMap(([key, value]) => (value?.StringValues ?? []).map((v) => `${key}=${v}`))
    .join(', ');
}

/**
 * "Message attributes": the message the delivery preferences are judged for, KEY=VALUE pairs separated by commas
 * (the same pairs as the Send test push dialog's lines), so a FILTERED rule is checked against the message the developer means to send.
 */
export function AttributesField({ current, onApply }: { current?: MessageAttributeMap; onApply: (attributes?: MessageAttributeMap) => void }) {
  const [text, setText] = useState(asLines(current));
  const lines = text.split(',').map((pair) => pair.trim()).filter(Boolean);
  const parsed = parseAttributePairs(lines);
  const error = parsed.ok ? undefined : parsed.error;
  return (
    <form
      className="doctor-channel field-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok) onApply(lines.length > 0 ? parsed.value : undefined);
      }}
    >
      <label className="field-inline small">
        <span className="muted">Message attributes</span>
        <input
          aria-label="Message attributes"
          className="mono"
          value={text}
          placeholder="none, or KEY=VALUE, KEY=VALUE"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'doctor-attributes-error' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="small" disabled={Boolean(error)}>
        Judge this message
      </button>
      {error && (
        <span id="doctor-attributes-error" role="alert" className="small status-error">
          {error}
        </span>
      )}
    </form>
  );
}
