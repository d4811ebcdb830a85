import { useState } from 'react';

/**
 * The channel whose membership preferences the doctor checks: empty means
 * the tagged test channel (`workbench:purpose=push-test`). Main validates the
 * ARN; a bad one comes back as the run's error.
 */
export function ChannelField({ current, onApply }: { current?: string; onApply: (channelArn?: string) => void }) {
  const [value, setValue] = useState(current ?? '');
  return (
    <form
      className="doctor-channel field-inline"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(value.trim() || undefined);
      }}
    >
      <label className="field-inline small">
        <span className="muted">Channel</span>
        <input
          aria-label="Channel ARN"
          className="mono"
          value={value}
          placeholder="the tagged test channel"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" className="small">
        Check in this channel
      </button>
    </form>
  );
}
