import { useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_ENDPOINT_SORT, sortEndpoints, type EndpointSort, type EndpointSortKey } from './endpointSort';
import { useAppStore } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { EmptyState } from '../../components/EmptyState';
import { StaleMark } from '../../components/StaleMark';
import { isUserWatched } from '../watch/watchTargets';
import { EndpointRow } from './EndpointRow';
import { ENDPOINTS_PER_USER } from '../../../../shared/chime/quotas';
import type { Endpoint } from './endpointsSlice';

export interface EndpointsTableProps {
  /** Header of an extra column (e.g. "Watch"); with `rowExtra`, fills one cell per row. */
  readonly extraColumn?: string;
  readonly rowExtra?: (endpoint: Endpoint) => ReactNode;
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: EndpointSortKey;
  sort: EndpointSort;
  onSort: (s: EndpointSort) => void;
  className?: string;
}) {
  const active = sort.key === sortKey;
  const next: EndpointSort = {
    key: sortKey,
    direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending',
  };
  return (
    <th scope="col" className={className} aria-sort={active ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}

export function EndpointsTable({ extraColumn, rowExtra }: EndpointsTableProps) {
  const unsorted = useAppStore(selectEndpoints);
  const [sort, setSort] = useState<EndpointSort>(DEFAULT_ENDPOINT_SORT);
  const endpoints = useMemo(() => sortEndpoints(unsorted, sort), [unsorted, sort]);
  const registered = useAppStore((s) => s.lastRegistered);
  const loading = useAppStore((s) => s.endpoints.loading);
  const error = useAppStore((s) => s.endpoints.error);
  const listedAt = useAppStore((s) => s.endpoints.at);
  // While the watcher backs off, a watched user's states are only as fresh as its last good poll.
  const watchStaleAt = useAppStore((s) =>
    s.watchHealth?.state === 'backing-off' && s.selectedUserArn && isUserWatched(s.watchTargets, s.selectedUserArn)
      ? Math.max(s.watchHealth.lastSuccessAt ?? 0, s.endpoints.at ?? 0) || undefined
      : undefined,
  );

  return (
    <div className="endpoints">
      <div className="endpoints-meta">
        <span className={endpoints.length >= ENDPOINTS_PER_USER ? 'warning-chip' : 'muted'}>
          {endpoints.length} of {ENDPOINTS_PER_USER} endpoints
        </span>
        {loading && (
          <span role="status" className="muted small">
            Loading endpoints…
          </span>
        )}
        {error ? <StaleMark at={listedAt} what="list of endpoints" /> : <StaleMark at={watchStaleAt} what="states" />}
        <span role="status" className="small success-text">
          {registered && endpoints.some((e) => e.EndpointId === registered.endpointId)
            ? `Registered “${registered.name}”.`
            : ''}
        </span>
      </div>
      {/* The error of a failed refresh is shown by UserDetail, next to what failed; the rows stay, marked stale. */}
      {!loading && !error && endpoints.length === 0 ? (
        <EmptyState title="No endpoints">
          This user has no push endpoints yet. Use “Register endpoint” (Ctrl+N) to add one.
        </EmptyState>
      ) : (
        endpoints.length > 0 && (
          <div className="table-scroll">
            <table aria-label="Endpoints" className={error ? 'stale' : undefined}>
              <thead>
                <tr>
                  <SortHeader label="Name" sortKey="name" sort={sort} onSort={setSort} />
                  <SortHeader label="Type" sortKey="type" sort={sort} onSort={setSort} />
                  <th scope="col">Device token</th>
                  <th scope="col" className="col-optional">
                    VoIP token
                  </th>
                  <th scope="col" className="col-optional">
                    Pinpoint app ARN
                  </th>
                  <th scope="col">Allow messages</th>
                  <SortHeader label="State" sortKey="state" sort={sort} onSort={setSort} />
                  <SortHeader
                    label="Created / updated"
                    sortKey="created"
                    sort={sort}
                    onSort={setSort}
                    className="col-optional"
                  />
                  {extraColumn && <th scope="col">{extraColumn}</th>}
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((endpoint) => (
                  <EndpointRow
                    key={endpoint.EndpointId}
                    endpoint={endpoint}
                    isNew={endpoint.EndpointId === registered?.endpointId}
                    hasExtraColumn={Boolean(extraColumn)}
                    extra={rowExtra?.(endpoint)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </div>
  );
}
