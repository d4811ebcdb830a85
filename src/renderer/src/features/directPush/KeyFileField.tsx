import { useId } from 'react';
import type { ChosenKeyFile } from '../../../../shared/ipc/directPushContract';

interface Props {
  readonly label: string;
  readonly chosen: ChosenKeyFile | undefined;
  readonly error: string | undefined;
  readonly onChoose: () => void;
}

/** A key file chosen in main's file chooser: the renderer shows its name only; main holds the file. */
export function KeyFileField({ label, chosen, error, onChoose }: Props) {
  const id = useId();
  return (
    <div className="field">
      <span id={`${id}-label`} className="field-label">
        {label}
      </span>
      <button
        type="button"
        className="key-file"
        aria-labelledby={`${id}-label ${id}-name`}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onClick={onChoose}
      >
        <span id={`${id}-name`} className={chosen ? 'mono' : undefined}>
          {chosen ? chosen.fileName : 'Choose…'}
        </span>
      </button>
      {error && (
        <div id={`${id}-error`} role="alert" className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
