import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useAppStore } from '../../../src/renderer/src/store';
import { INSTANCE_ARN, PERSONAL, restoreOf, setupMenu, TEAM, TEAM_USER_ARN } from './fixtures';

const workspaceBox = () => screen.getByRole('combobox', { name: 'Workspace' });
const optionNames = () => within(workspaceBox()).getAllByRole('option').map((o) => o.textContent);

describe('Workspace menu', () => {
  it('shows the active workspace and switches, restoring connection, region, AppInstance and user', async () => {
    const { user, callsTo } = setupMenu({
      'workspace:switch': () => restoreOf(TEAM, [PERSONAL, TEAM]),
      // Main answers from the workspace it just made active.
      'watch:list': () => TEAM.watchList,
    });
    expect(workspaceBox()).toHaveDisplayValue('Personal');
    expect(optionNames()).toEqual(['Personal', 'Team QA']);

    await user.selectOptions(workspaceBox(), 'Team QA');
    expect(callsTo('workspace:switch')[0]?.input).toEqual({ id: 'ws-team' });
    await waitFor(() => expect(useAppStore.getState().selectedUserArn).toBe(TEAM_USER_ARN));
    expect(callsTo('connection:select')[0]?.input).toEqual({ connection: { kind: 'profile', profile: 'qa' }, region: 'eu-west-1' });
    const state = useAppStore.getState();
    expect(state.selectedAppInstanceArn).toBe(INSTANCE_ARN);
    expect(state.activeWorkspace?.id).toBe('ws-team');
    expect(state.watchTargets).toEqual([{ userArn: TEAM_USER_ARN }]);
    expect(workspaceBox()).toHaveDisplayValue('Team QA');
    // Restoring is not a choice by the user: nothing is written back to the workspace.
    expect(callsTo('workspace:update')).toHaveLength(0);
  });

  it('keeps the current workspace and shows why when switching fails', async () => {
    const { user, callsTo } = setupMenu({
      'workspace:switch': () => ({ ok: false, error: { code: 'StoreError', message: 'The store file is locked', retryable: false } }),
    });
    await user.selectOptions(workspaceBox(), 'Team QA');
    expect(await screen.findByRole('alert')).toHaveTextContent('The store file is locked');
    expect(workspaceBox()).toHaveDisplayValue('Personal');
    expect(callsTo('connection:select')).toHaveLength(0);
  });

  it('renames the active workspace', async () => {
    const { user, callsTo } = setupMenu({ 'workspace:rename': (input) => ({ ...PERSONAL, name: (input as { name: string }).name }) });
    await user.click(screen.getByRole('button', { name: 'Rename workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename workspace' });
    const field = within(dialog).getByRole('textbox', { name: 'Workspace name' });
    expect(field).toHaveValue('Personal');
    await user.clear(field);
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter a name.');
    expect(callsTo('workspace:rename')).toHaveLength(0);

    await user.type(field, 'Home lab{Enter}');
    expect(callsTo('workspace:rename')[0]?.input).toEqual({ id: 'ws-personal', name: 'Home lab' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(optionNames()).toEqual(['Home lab', 'Team QA']);
  });

  it('deletes only after confirmation, then restores the workspace main falls back to', async () => {
    const { user, callsTo } = setupMenu({
      'workspace:delete': () => ({ workspaces: [TEAM] }),
      'workspace:restore': () => restoreOf(TEAM, [TEAM]),
    });
    await user.click(screen.getByRole('button', { name: 'Delete workspace' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    expect(dialog).toHaveTextContent('Delete Personal');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(callsTo('workspace:delete')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete workspace' }));
    dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(callsTo('workspace:delete')[0]?.input).toEqual({ id: 'ws-personal' });
    await waitFor(() => expect(workspaceBox()).toHaveDisplayValue('Team QA'));
    expect(optionNames()).toEqual(['Team QA']);
    await waitFor(() => expect(callsTo('connection:select')[0]?.input).toEqual({ connection: { kind: 'profile', profile: 'qa' }, region: 'eu-west-1' }));
  });

  it('duplicates and creates; a new workspace becomes the active one', async () => {
    const copy = { ...PERSONAL, id: 'ws-copy', name: 'Personal copy' };
    const fresh = { ...PERSONAL, id: 'ws-new', name: 'Android tests', devices: [] };
    const { user, callsTo } = setupMenu({
      'workspace:duplicate': () => copy,
      'workspace:create': () => fresh,
      'workspace:switch': () => restoreOf(fresh, [PERSONAL, TEAM, copy, fresh]),
    });
    await user.click(screen.getByRole('button', { name: 'Duplicate workspace' }));
    expect(callsTo('workspace:duplicate')[0]?.input).toEqual({ id: 'ws-personal' });
    expect(await screen.findByText('Duplicated as “Personal copy”')).toBeInTheDocument();
    expect(workspaceBox()).toHaveDisplayValue('Personal');

    await user.click(screen.getByRole('button', { name: 'New workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'New workspace' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Workspace name' }), 'Android tests{Enter}');
    expect(callsTo('workspace:create')[0]?.input).toEqual({ name: 'Android tests' });
    await waitFor(() => expect(workspaceBox()).toHaveDisplayValue('Android tests'));
    expect(callsTo('workspace:switch')[0]?.input).toEqual({ id: 'ws-new' });
  });

  it('shows each store notice as a dismissible alert', async () => {
    const { user } = setupMenu();
    useAppStore.getState().storeNotice({
      kind: 'store-recovered',
      message: 'Your saved data in workspaces.json could not be read (bad JSON). It was kept as workspaces.corrupt-2024.json and the app started with empty workspaces.',
      movedTo: 'workspaces.corrupt-2024.json',
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Saved data recovered');
    expect(alert).toHaveTextContent('workspaces.corrupt-2024.json');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss: Saved data recovered' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
