import type { ImportSummary } from '../../../../shared/ipc/appTypes';

/** What an import added, including names changed to avoid clashes and devices that need a token. */
export function ImportSummaryText({ summary }: { readonly summary: ImportSummary }) {
  const n = summary.imported.length;
  return (
    <div role="status" className="import-summary">
      <p>
        Imported {n} workspace{n === 1 ? '' : 's'}:
      </p>
      <ul>
        {summary.imported.map((w) => (
          <li key={w.id}>
            {w.name}
            {w.renamedFrom && <span className="muted"> (renamed from “{w.renamedFrom}”)</span>}
          </li>
        ))}
      </ul>
      {summary.devicesWithoutToken > 0 && (
        <p className="muted small">
          {summary.devicesWithoutToken} saved device{summary.devicesWithoutToken === 1 ? ' has' : 's have'} no device token (exported for
          sharing); fill it in when registering.
        </p>
      )}
      {summary.reassignedIds > 0 && <p className="muted small">{summary.reassignedIds} workspace id(s) were already taken and got new ones.</p>}
    </div>
  );
}
