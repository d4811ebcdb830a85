import { useState, useRef } from 'react';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { deleteWorkspace, switchWorkspace } from '../../session/sessionActions';
import { SettingsButton } from '../settings/SettingsButton';
import { WorkspaceNameDialog } from './WorkspaceNameDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { DevicesDialog } from './DevicesDialog';
import type { WorkbenchError } from '../../../../shared/errors';

type OpenDialog = 'new' | 'rename' | 'delete' | 'export' | 'import' | 'devices';

/**
 * The header's workspace switcher and its actions, plus the Settings gear.
 * Buttons show a short word; their names say "workspace" too, so a screen
 * reader (or a test) never confuses them with an endpoint's Rename or Delete.
 */
export function WorkspaceMenu() {
  const workspaces = useAppStore((s) => s.workspaces);
  const active = useAppStore((s) => s.activeWorkspace);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();
  const [message, setMessage] = useState('');
  const close = () => setDialog(undefined);

  const run = async (work: () => Promise<WorkbenchError | undefined>, done?: string) => {
    setBusy(true);
    setError(undefined);
    setMessage('');
    const failure = await work();
    setBusy(false);
    if (failure) setError(failure);
    else if (done) setMessage(done);
  };

  const onSwitch = (id: string) => void run(() => switchWorkspace(id));
  const onDuplicate = (id: string) =>
    void run(async () => {
      const result = await useAppStore.getState().duplicateWorkspace(id);
      if (!result.ok) return result.error;
      setMessage(`Duplicated as “${result.value.name}”`);
      return undefined;
    });
  const create = async (name: string) => {
    const result = await useAppStore.getState().createWorkspace(name);
    if (!result.ok) return result.error;
    // A new workspace is for starting afresh, so it becomes the active one.
    void run(() => switchWorkspace(result.value.id));
    return undefined;
  };

  const menuRef = useRef<HTMLDetailsElement>(null);
  const closeMenu = () => menuRef.current?.removeAttribute('open');

  return (
    <div className="workspace-menu" role="group" aria-label="Workspaces">
      <label className="field-inline">
        <span className="muted">Workspace</span>
        <select aria-label="Workspace" value={active?.id ?? ''} disabled={busy || workspaces.length === 0} onChange={(e) => onSwitch(e.target.value)}>
          {!active && <option value="">{workspaces.length === 0 ? 'Loading…' : 'Choose…'}</option>}
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      {/* A disclosure menu keeps the header on one row; each action closes it. */}
      <details className="menu" ref={menuRef} onKeyDown={(e) => e.key === 'Escape' && closeMenu()} onClick={(e) => (e.target as HTMLElement).closest('.menu-items button') && closeMenu()}>
        <summary className="small" aria-label="Workspace actions" title="Workspace actions">
          ⋯
        </summary>
        <div className="menu-items">
          <button type="button" className="small" disabled={busy} aria-label="New workspace" onClick={() => setDialog('new')}>
            New
          </button>
          <button type="button" className="small" disabled={busy || !active} aria-label="Rename workspace" onClick={() => setDialog('rename')}>
            Rename
          </button>
          <button type="button" className="small" disabled={busy || !active} aria-label="Duplicate workspace" onClick={() => active && onDuplicate(active.id)}>
            Duplicate
          </button>
          <button type="button" className="small" disabled={busy || !active} aria-label="Delete workspace" onClick={() => setDialog('delete')}>
            Delete
          </button>
          <button type="button" className="small" disabled={busy || workspaces.length === 0} aria-label="Export workspaces" onClick={() => setDialog('export')}>
            Export
          </button>
          <button type="button" className="small" disabled={busy} aria-label="Import workspaces" onClick={() => setDialog('import')}>
            Import
          </button>
        </div>
      </details>
      <button type="button" className="small" disabled={!active} onClick={() => setDialog('devices')}>
        Device library ({active?.devices.length ?? 0})
      </button>
      <SettingsButton />
      <span role="status" className="muted small">
        {busy ? 'Working…' : message}
      </span>
      {error && <ErrorMessage error={error} />}

      {dialog === 'new' && <WorkspaceNameDialog title="New workspace" submitLabel="Create" onSubmit={create} onClose={close} />}
      {dialog === 'rename' && active && (
        <WorkspaceNameDialog
          title="Rename workspace"
          submitLabel="Rename"
          initialName={active.name}
          onSubmit={(name) => useAppStore.getState().renameWorkspace(active.id, name)}
          onClose={close}
        />
      )}
      {dialog === 'delete' && active && (
        <ConfirmDialog title="Delete workspace" confirmLabel="Delete" onConfirm={() => deleteWorkspace(active.id)} onClose={close}>
          Delete <strong>{active.name}</strong> with its watch list and saved devices? The AWS resources are not touched. This cannot be
          undone; export it first to keep a copy.
        </ConfirmDialog>
      )}
      {dialog === 'export' && <ExportDialog onClose={close} />}
      {dialog === 'import' && <ImportDialog onClose={close} />}
      {dialog === 'devices' && <DevicesDialog onClose={close} />}
    </div>
  );
}
