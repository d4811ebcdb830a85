import { useState } from 'react';
import { createPortal } from 'react-dom';
import { DirectPushDialog } from './DirectPushDialog';
import type { DirectPushTarget } from './directPushForm';

/** "Direct push" on an endpoint row or a saved device: the dialog prefilled with its token and type. */
export function DirectPushButton({ target }: { readonly target: DirectPushTarget }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="small"
        title="Send straight to APNs or FCM with this token, to see whether a failure is Chime’s or Apple’s/Google’s"
        onClick={() => setOpen(true)}
      >
        Direct push
      </button>
      {/* Portalled so the dialog is not announced as part of the row. */}
      {open && createPortal(<DirectPushDialog target={target} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
