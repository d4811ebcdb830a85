interface ListCardHeaderProps {
  readonly title: string;
  /** "Loading…" while loading, else the count text. */
  readonly loading: boolean | undefined;
  readonly countText: string;
  readonly refreshLabel: string;
  readonly onRefresh: () => void;
  readonly titleId?: string;
}

/** The header every listing card of "Manage app instance" shares: title, count, refresh. */
export function ListCardHeader({ title, loading, countText, refreshLabel, onRefresh, titleId }: ListCardHeaderProps) {
  return (
    <div className="card-header">
      <h3 id={titleId}>{title}</h3>
      <span className="muted">{loading ? 'Loading…' : countText}</span>
      <span className="spacer" />
      <button type="button" className="small" onClick={onRefresh} disabled={loading}>
        {refreshLabel}
      </button>
    </div>
  );
}

/** "12", or "1000+" when the listing stopped before its last page. */
export const countOf = (list: { readonly items: readonly unknown[]; readonly complete?: boolean } | undefined): string =>
  `${list?.items.length ?? 0}${list?.complete === false ? '+' : ''}`;
