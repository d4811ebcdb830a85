import { MAX_EXPORT_CHARS, MAX_EXPORT_TEXT } from '../../../src/shared/limits';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useAppStore } from '../../../src/renderer/src/store';
import { PERSONAL, setupMenu, TEAM } from './fixtures';

/** Captures what downloadText hands the browser: the Blob and the <a download> name. */
function captureDownloads() {
  const downloads: Array<{ name: string; blob: Blob }> = [];
  let lastBlob: Blob | undefined;
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = vi.fn((blob: Blob) => {
    lastBlob = blob;
    return 'blob:workspaces';
  });
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (lastBlob) downloads.push({ name: this.download, blob: lastBlob });
  });
  onTestFinished(() => {
    Object.assign(URL, { createObjectURL: original.create, revokeObjectURL: original.revoke });
    click.mockRestore();
  });
  return downloads;
}

const EXPORTED = '{"format":"chime-endpoint-workbench/workspaces"}';

describe('Export', () => {
  it('leaves device tokens out by default and downloads the JSON', async () => {
    const downloads = captureDownloads();
    const { user, callsTo } = setupMenu({ 'workspace:export': () => ({ json: EXPORTED, fileName: 'chime-workbench-workspaces-no-tokens.json' }) });
    await user.click(screen.getByRole('button', { name: 'Export workspaces' }));
    const dialog = screen.getByRole('dialog', { name: 'Export workspaces' });
    expect(within(dialog).getByRole('checkbox', { name: 'Include device tokens' })).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(callsTo('workspace:export')[0]?.input).toEqual({ ids: ['ws-personal'], includeDeviceTokens: false });
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.name).toBe('chime-workbench-workspaces-no-tokens.json');
    expect(await downloads[0]?.blob.text()).toBe(EXPORTED);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('includes tokens and every workspace only when asked', async () => {
    captureDownloads();
    const { user, callsTo } = setupMenu({ 'workspace:export': () => ({ json: EXPORTED, fileName: 'all.json' }) });
    await user.click(screen.getByRole('button', { name: 'Export workspaces' }));
    const dialog = screen.getByRole('dialog', { name: 'Export workspaces' });
    await user.click(within(dialog).getByRole('radio', { name: 'All workspaces (2)' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Include device tokens' }));
    expect(within(dialog).getByText(/plain text: keep it private/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(callsTo('workspace:export')[0]?.input).toEqual({ includeDeviceTokens: true });
  });
});

describe('Import', () => {
  const file = (text: string) => new File([text], 'workspaces.json', { type: 'application/json' });

  it('shows what is wrong and where, and changes nothing', async () => {
    const problem = 'The file was not imported: workspaces[0].region: expected an AWS region such as us-east-1';
    const { user, callsTo } = setupMenu({
      'workspace:import': () => ({ ok: false, error: { code: 'ImportInvalid', message: problem, retryable: false } }),
    });
    const before = useAppStore.getState();
    await user.click(screen.getByRole('button', { name: 'Import workspaces' }));
    const dialog = screen.getByRole('dialog', { name: 'Import workspaces' });
    await user.upload(within(dialog).getByLabelText('Workspace file'), file('{"format":"x","workspaces":[{"region":"moon"}]}'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('ImportInvalid');
    expect(alert).toHaveTextContent('workspaces[0].region: expected an AWS region');
    expect(within(dialog).getByText('Nothing was imported and no workspace was changed.')).toBeInTheDocument();
    expect(callsTo('workspace:import')[0]?.input).toEqual({ json: '{"format":"x","workspaces":[{"region":"moon"}]}' });
    expect(callsTo('workspace:list')).toHaveLength(0);
    const after = useAppStore.getState();
    expect(after.workspaces).toBe(before.workspaces);
    expect(after.activeWorkspace).toBe(before.activeWorkspace);
  });

  it('summarises a successful import and lists the new workspaces', async () => {
    const imported = { ...TEAM, id: 'ws-imported', name: 'Team QA (imported)' };
    const { user } = setupMenu({
      'workspace:import': () => ({
        imported: [{ id: 'ws-imported', name: 'Team QA (imported)', renamedFrom: 'Team QA' }],
        reassignedIds: 1,
        devicesWithoutToken: 2,
      }),
      'workspace:list': () => ({ workspaces: [PERSONAL, TEAM, imported], activeId: 'ws-personal' }),
    });
    await user.click(screen.getByRole('button', { name: 'Import workspaces' }));
    const dialog = screen.getByRole('dialog', { name: 'Import workspaces' });
    await user.upload(within(dialog).getByLabelText('Workspace file'), file('{}'));
    expect(await within(dialog).findByText('Imported 1 workspace:')).toBeInTheDocument();
    expect(within(dialog).getByText('Team QA (imported)')).toBeInTheDocument();
    expect(within(dialog).getByText(/renamed from “Team QA”/)).toBeInTheDocument();
    expect(within(dialog).getByText(/2 saved devices have no device token/)).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('combobox', { name: 'Workspace' })).getAllByRole('option')).toHaveLength(3));
  });
});

describe('Import of an oversized file', () => {
  it('is refused before anything is sent', async () => {
    const { user, callsTo } = setupMenu();
    await user.click(screen.getByRole('button', { name: 'Import workspaces' }));
    const dialog = screen.getByRole('dialog', { name: 'Import workspaces' });
    const big = new File(['x'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: MAX_EXPORT_CHARS + 1 });
    await user.upload(within(dialog).getByLabelText('Workspace file'), big);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(`huge.json: larger than ${MAX_EXPORT_TEXT}`);
    expect(callsTo('workspace:import')).toHaveLength(0);
  });
});
