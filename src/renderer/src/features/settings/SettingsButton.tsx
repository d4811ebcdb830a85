import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog';
import { useThemeSetting } from './useThemeSetting';

/** The gear in the header; it also applies the saved theme, since it is always mounted. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  useThemeSetting();
  return (
    <>
      <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => setOpen(true)}>
        <span aria-hidden="true">⚙</span>
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
