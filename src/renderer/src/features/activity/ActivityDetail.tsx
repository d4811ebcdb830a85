import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SERVICE_LABEL } from './ActivityItemText';
import { EmptyState } from '../../components/EmptyState';
import type { WorkbenchError } from '../../../../shared/errors';
import { copyText } from '../../components/clipboard';
import { formatDateTime } from '../../components/timeFormat';
import type { CliShell } from '../../../../shared/aws/cli';
import { REDACTED_KEYS } from '../../../../shared/aws/redact';

/** Whether a logged request carries a device token anywhere (the CLI copy then has placeholders). */
function hasTokens(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasTokens);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, member]) => (REDACTED_KEYS.has(key) && typeof member === 'string') || hasTokens(member));
}

type CopyState = { kind: 'copied' } | { kind: 'manual'; command: string } | { kind: 'error'; error: WorkbenchError };

/**
 * The selected call's request and response, as main logged them (tokens
 * shortened). "Reveal tokens" only affects the CLI command, which main
 * rebuilds from the full values it keeps.
 */
export function ActivityDetail() {
  const entry = useAppStore((s) => s.activity.value.find((e) => e.id === s.selectedActivityId));
  const [revealTokens, setRevealTokens] = useState(false);
  const platform = useAppStore((s) => s.appInfo?.platform);
  const [chosenShell, setShell] = useState<CliShell>();
  const shell = chosenShell ?? (platform === 'win32' ? 'powershell' : 'posix');
  const [copy, setCopy] = useState<CopyState>();
  const manualRef = useRef<HTMLTextAreaElement>(null);
  const entryId = entry?.id;

  // A new selection starts without the previous call's copy feedback.
  const [shownFor, setShownFor] = useState(entryId);
  if (shownFor !== entryId) {
    setShownFor(entryId);
    setCopy(undefined);
  }

  // When the clipboard refused, the command is selected so Ctrl+C copies it.
  useEffect(() => {
    if (copy?.kind === 'manual') manualRef.current?.select();
  }, [copy]);

  if (!entry) return <EmptyState title="No call selected">Select a call to see its request and response.</EmptyState>;

  const copyCli = async () => {
    setCopy(undefined);
    const result = await getApi()['activity:cli']({ id: entry.id, revealTokens, shell });
    if (!result.ok) setCopy({ kind: 'error', error: result.error });
    else if (await copyText(result.value.command)) setCopy({ kind: 'copied' });
    else setCopy({ kind: 'manual', command: result.value.command });
  };

  const { connection } = entry;
  return (
    <div className="activity-detail" aria-label={`Call ${entry.operation}`} role="region">
      <div className="card-header">
        <h3>{entry.service ? `${SERVICE_LABEL[entry.service]} ${entry.operation}` : entry.operation}</h3>
        <span className="spacer" />
        <label className="switch">
          <input type="checkbox" checked={revealTokens} onChange={(e) => setRevealTokens(e.target.checked)} />
          Reveal tokens
        </label>
        <label className="field-inline">
          <span className="muted small">Shell</span>
          <select aria-label="Shell" value={shell} onChange={(e) => setShell(e.target.value as CliShell)}>
            <option value="posix">bash / zsh</option>
            <option value="powershell">PowerShell</option>
          </select>
        </label>
        <button type="button" className="small" onClick={() => void copyCli()}>
          Copy as AWS CLI command
        </button>
        <span role="status" className="small muted">
          {copy?.kind === 'copied' ? 'Copied' : ''}
        </span>
      </div>
      {!revealTokens && hasTokens(entry.input) && (
        <p className="field-hint">
          Device tokens are copied as <code>&lt;DEVICE_TOKEN&gt;</code> and <code>&lt;VOIP_DEVICE_TOKEN&gt;</code>: replace them, or turn on
          “Reveal tokens”. A new idempotency token is made by the CLI on each run.
        </p>
      )}
      {copy?.kind === 'error' && <ErrorMessage error={copy.error} />}
      {copy?.kind === 'manual' && (
        <label>
          The clipboard is unavailable; copy the command from here (it is selected):
          <textarea
            ref={manualRef}
            readOnly
            rows={3}
            className="mono"
            aria-label="AWS CLI command"
            value={copy.command}
          />
        </label>
      )}
      <dl className="props">
        <dt>Started</dt>
        <dd>
          <time dateTime={entry.startedAt}>{formatDateTime(new Date(entry.startedAt))}</time>{' '}
          <span className="muted">({entry.startedAt})</span>
        </dd>
        <dt>Duration</dt>
        <dd>
          {entry.durationMs} ms{entry.attempts > 1 ? `, ${entry.attempts} attempts` : ''}
        </dd>
        <dt>HTTP status</dt>
        <dd>{entry.httpStatus ?? '—'}</dd>
        <dt>Request id</dt>
        <dd className="mono">{entry.requestId ?? '—'}</dd>
        <dt>Connection</dt>
        <dd>
          {connection.kind === 'sandbox' ? 'Local sandbox' : `Profile ${connection.profile ?? ''}`}, {connection.region}
          {connection.endpointUrl ? ` (${connection.endpointUrl})` : ''}
        </dd>
      </dl>
      {entry.error && <ErrorMessage error={entry.error} />}
      <div className="activity-json">
        <section aria-label="Request">
          <h4>Request</h4>
          <pre className="mono">{JSON.stringify(entry.input, null, 2)}</pre>
        </section>
        <section aria-label="Response">
          <h4>Response</h4>
          <pre className="mono">{entry.output === undefined ? '—' : JSON.stringify(entry.output, null, 2)}</pre>
        </section>
      </div>
    </div>
  );
}
