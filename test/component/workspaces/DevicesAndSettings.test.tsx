import { describe, expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { HEX64 } from '../registration/fixtures';
import { PERSONAL, setupMenu } from './fixtures';

describe('Saved devices', () => {
  it('lists the active workspace’s devices with masked tokens and says tokens are encrypted', async () => {
    const { user } = setupMenu();
    await user.click(screen.getByRole('button', { name: 'Device library (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Device library' });
    const row = within(dialog).getByRole('row', { name: 'My iPhone' });
    expect(row).toHaveTextContent('APNS_SANDBOX');
    expect(within(row).getByText('a1b2…9f0e')).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(HEX64);
    expect(within(dialog).getByText(/Fill from saved device/)).toBeInTheDocument();
    expect(await within(dialog).findByText(/encrypted at rest with the operating system’s keychain/)).toBeInTheDocument();
  });

  it('opens with focus on the safe Close action, never on a row’s Remove', async () => {
    const { user } = setupMenu();
    await user.click(screen.getByRole('button', { name: 'Device library (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Device library' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    expect(dialog.scrollLeft).toBe(0);
  });

  it('warns when this system cannot encrypt tokens', async () => {
    const { user } = setupMenu({ 'app:info': () => ({ version: '0.1.0', platform: 'linux', encryptionAvailable: false }) });
    await user.click(screen.getByRole('button', { name: 'Device library (1)' }));
    expect(await screen.findByText(/stored without encryption/)).toBeInTheDocument();
  });

  it('removes a device after a second click', async () => {
    const { user, callsTo } = setupMenu({ 'device:remove': () => ({ ...PERSONAL, devices: [] }) });
    await user.click(screen.getByRole('button', { name: 'Device library (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Device library' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove My iPhone…' }));
    expect(callsTo('device:remove')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove My iPhone' }));
    expect(callsTo('device:remove')[0]?.input).toEqual({ workspaceId: 'ws-personal', deviceId: 'dev-1' });
    expect(await within(dialog).findByText('No saved devices')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Device library (0)' })).toBeInTheDocument();
  });
});

describe('Settings', () => {
  it('saves notification, interval and theme, and applies the theme', async () => {
    onTestFinished(() => void delete document.documentElement.dataset.theme);
    const { user, callsTo } = setupMenu({ 'settings:set': (patch) => ({ notifyOnInactive: true, watchIntervalMs: 5000, theme: 'system', ...(patch as object) }) });
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const notify = within(dialog).getByRole('switch', { name: 'Desktop notification when an endpoint turns INACTIVE' });
    expect(notify).toBeChecked();
    await user.click(notify);
    const interval = within(dialog).getByRole('spinbutton', { name: 'Watch interval (seconds)' });
    expect(interval).toHaveValue(5);
    await user.clear(interval);
    await user.type(interval, '0.5');
    expect(interval).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('from 1 to 3600');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await user.clear(interval);
    await user.type(interval, '2');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Theme' }), 'Dark');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(callsTo('settings:set')[0]?.input).toEqual({ notifyOnInactive: false, watchIntervalMs: 2000, theme: 'dark' });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'System');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });

  it('previews a theme at once and puts the saved one back on Cancel', async () => {
    onTestFinished(() => void delete document.documentElement.dataset.theme);
    const { user, callsTo } = setupMenu();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Theme' }), 'Dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(callsTo('settings:set')).toHaveLength(0);
  });
});
