import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore } from '../../store';
import type { Endpoint } from '../../../../shared/ipc/chimeTypes';
import { isEndpointWatchedAlone, isUserWatched } from './watchTargets';
import { TimelineDialog } from './TimelineDialog';

/** Per-endpoint watch switch and the "Timeline" of its transitions. */
export function EndpointWatchCell({ endpoint }: { readonly endpoint: Endpoint }) {
  const userArn = useAppStore((s) => s.selectedUserArn);
  const endpointId = endpoint.EndpointId ?? '';
  const name = endpoint.Name || endpointId;
  const viaUser = useAppStore((s) => (userArn ? isUserWatched(s.watchTargets, userArn) : false));
  const alone = useAppStore((s) => (userArn ? isEndpointWatchedAlone(s.watchTargets, userArn, endpointId) : false));
  const [timeline, setTimeline] = useState(false);
  if (!userArn || !endpointId) return null;

  return (
    <div className="endpoint-watch">
      <label className="switch" title={viaUser ? 'Watched with the whole user (turn off “Watch” on the user to choose per endpoint)' : undefined}>
        <input
          type="checkbox"
          role="switch"
          // Not "Watch …": Playwright matches names by substring, so the user's "Watch" switch
          // (a DESIGN.md contract) must stay the only switch whose name contains it.
          aria-label={`Monitor endpoint ${name}`}
          checked={viaUser || alone}
          // Watching the user covers every endpoint; a per-endpoint entry under it would be redundant.
          disabled={viaUser}
          onChange={(e) => void useAppStore.getState().setWatched({ userArn, endpointId }, e.target.checked)}
        />
      </label>
      <button type="button" className="small" onClick={() => setTimeline(true)}>
        Timeline
      </button>
      {/* Portalled so the dialog is not announced as part of the row. */}
      {timeline &&
        createPortal(<TimelineDialog userArn={userArn} endpointId={endpointId} name={name} onClose={() => setTimeline(false)} />, document.body)}
    </div>
  );
}
