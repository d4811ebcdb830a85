/**
 * The one place the app calls shell.openExternal (checklist 15: "Do not use
 * shell.openExternal with untrusted content"). Every caller — the IPC
 * channel, the window-open handler — goes through the https allow-list first,
 * so a compromised renderer cannot make the OS open file:, smb: or custom
 * scheme URLs (which can run programs).
 */
import type { Shell } from 'electron';
import { isAllowedExternalUrl } from '../ipc/handlers/shellHandlers';

export function allowListedOpener(shell: Pick<Shell, 'openExternal'>): (url: string) => Promise<void> {
  return async (url) => {
    if (!isAllowedExternalUrl(url)) throw new Error(`Refused to open ${url.slice(0, 200)}: not an allow-listed https link.`);
    await shell.openExternal(url);
  };
}
