import type { ReactNode } from 'react';
import type { WorkbenchError } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/ErrorMessage';

interface ListCardProps {
  readonly title: string;
  readonly titleId?: string;
  /** "Loading…" while loading, else the count text. */
  readonly loading: boolean | undefined;
  readonly countText: string;
  readonly refreshLabel: string;
  /** Refresh, and Retry after an error. */
  readonly onRefresh: () => void;
  readonly error: WorkbenchError | undefined;
  /** Shown in place of the table when the list is empty and nothing is loading or failed. */
  readonly empty: ReactNode;
  readonly count: number;
  /** The rows: a Name cell, an ARN cell, an actions cell each. */
  readonly children: ReactNode;
}

/**
 * The listing card every section of "Manage app instance" shares: title,
 * count and refresh; the error with Retry; the empty state; and the
 * Name / ARN / actions table.
 */
export function ListCard({
  title,
  titleId,
  loading,
  countText,
  refreshLabel,
  onRefresh,
  error,
  empty,
  count,
  children,
}: ListCardProps) {
  return (
    <div className="card">
      <div className="card-header">
        <h3 id={titleId}>{title}</h3>
        <span className="muted">{loading ? 'Loading…' : countText}</span>
        <span className="spacer" />
        <button type="button" className="small" onClick={onRefresh} disabled={loading}>
          {refreshLabel}
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={onRefresh} />}
      {count === 0 && !loading && !error ? (
        empty
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>ARN</th>
              <th />
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </div>
  );
}

/** "12", or "1000+" when the listing stopped before its last page. */
export const countOf = (
  list: { readonly items: readonly unknown[]; readonly complete?: boolean } | undefined,
): string => `${list?.items.length ?? 0}${list?.complete === false ? '+' : ''}`;
