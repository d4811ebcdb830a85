import { useEffect, useRef, useState } from 'react';
import { copyText } from '../../components/clipboard';

type CopyState = 'copied' | 'manual' | undefined;

/**
 * "Copy fix as AWS CLI": the fix's commands, one per line, as the activity
 * log copies its calls (status "Copied"; when the clipboard refuses, the
 * commands are shown selected for a manual copy).
 */
export function CopyFixButton({ commands }: { commands: readonly string[] }) {
  const text = commands.join('\n');
  const [copy, setCopy] = useState<CopyState>();
  const manualRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (copy === 'manual') manualRef.current?.select();
  }, [copy]);

  return (
    <>
      <span className="inline-actions">
        <button type="button" className="small" onClick={() => void copyText(text).then((done) => setCopy(done ? 'copied' : 'manual'))}>
          Copy fix as AWS CLI
        </button>
        <span role="status" className="small muted">
          {copy === 'copied' ? 'Copied' : ''}
        </span>
      </span>
      {copy === 'manual' && (
        <label className="field-hint">
          The clipboard is unavailable; copy the commands from here (they are selected):
          <textarea ref={manualRef} readOnly rows={Math.min(8, commands.length + 1)} className="mono" aria-label="AWS CLI commands" value={text} />
        </label>
      )}
    </>
  );
}
