import { useState } from 'react';
import { useAppStore } from '../../store';
import { SendTestPushDialog } from './SendTestPushDialog';

/** "Send test push" on the selected user (issue 13). */
export function SendTestPushButton() {
  const userArn = useAppStore((s) => s.selectedUserArn);
  const [open, setOpen] = useState(false);
  if (!userArn) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Send test push
      </button>
      {open && <SendTestPushDialog onClose={() => setOpen(false)} />}
    </>
  );
}
