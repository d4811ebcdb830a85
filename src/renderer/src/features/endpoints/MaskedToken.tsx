import { useEffect, useState } from 'react';
import { shortenToken } from '../../../../shared/aws/redact';
import { copyText } from '../../components/clipboard';

interface MaskedTokenProps {
  readonly token: string | undefined;
  /** What the token is, for the buttons' accessible names: "device token", "VoIP token". */
  readonly label: string;
}

/**
 * A token shown as `a1b2…9f0e` until the developer asks for it: whoever
 * holds a device token can target pushes at that phone, and screens get
 * shared. Copy works without revealing.
 */
export function MaskedToken({ token, label }: MaskedTokenProps) {
  const [revealed, setRevealed] = useState(false);
  const [copy, setCopy] = useState<'copied' | 'failed'>();
  useEffect(() => {
    if (!copy) return;
    const timer = setTimeout(() => setCopy(undefined), 2000);
    return () => clearTimeout(timer);
  }, [copy]);

  if (!token) return <span className="muted">—</span>;
  const onCopy = async () => setCopy((await copyText(token)) ? 'copied' : 'failed');
  return (
    <span className="masked-token">
      <code className={revealed ? 'token-full' : undefined}>{revealed ? token : shortenToken(token)}</code>
      <button
        type="button"
        className="small"
        aria-label={`${revealed ? 'Hide' : 'Reveal'} ${label}`}
        aria-pressed={revealed}
        onClick={() => setRevealed((r) => !r)}
      >
        {revealed ? 'Hide' : 'Reveal'}
      </button>
      <button type="button" className="small" aria-label={`Copy ${label}`} onClick={() => void onCopy()}>
        Copy
      </button>
      <span role="status" className="small muted">
        {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Copy failed: reveal and select the token' : ''}
      </span>
    </span>
  );
}
