import { useId, useState } from 'react';
import { useAppStore } from '../../store';
import { lintEndpointName } from '../registration/tokenLinter';

interface EndpointNameCellProps {
  readonly endpointId: string;
  readonly name: string | undefined;
}

/** The endpoint's name, renamed in place: Enter saves, Escape cancels; the new name shows at once (optimistic). */
export function EndpointNameCell({ endpointId, name }: EndpointNameCellProps) {
  const [draft, setDraft] = useState<string>();
  const errorId = useId();
  const renameEndpoint = useAppStore((s) => s.renameEndpoint);

  if (draft === undefined) {
    return (
      <div className="endpoint-name">
        <span>{name || <span className="muted">(no name)</span>}</span>
        <button
          type="button"
          className="link small"
          aria-label={`Rename ${name || endpointId}`}
          onClick={() => setDraft(name ?? '')}
        >
          Rename
        </button>
        <div className="muted small mono" title={endpointId}>
          {endpointId}
        </div>
      </div>
    );
  }

  const problem = lintEndpointName(draft).error;
  const save = () => {
    if (problem) return;
    const next = draft.trim();
    setDraft(undefined);
    if (next !== (name ?? '')) void renameEndpoint(endpointId, next);
  };
  return (
    <form
      className="endpoint-rename"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <input
        aria-label="New endpoint name"
        value={draft}
        autoFocus
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            setDraft(undefined);
          }
        }}
      />
      <button type="submit" className="small" disabled={Boolean(problem)}>
        Save
      </button>
      <button type="button" className="small" onClick={() => setDraft(undefined)}>
        Cancel
      </button>
      {problem && (
        <div id={errorId} role="alert" className="field-error">
          {problem}
        </div>
      )}
    </form>
  );
}
