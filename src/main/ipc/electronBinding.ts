/**
 * Binds the contract to Electron: one ipcMain.handle per channel, each call
 * accepted only from the app's own top frame (served from app://workbench),
 * and main's events forwarded to the app window.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';
import type { MainServices } from '../services';
import { isAppUrl } from './appOrigin';

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window.webContents) return false;
  // Only the top frame: the app has no iframes, and a frame of another origin must never call in.
  return frame.parent === null && isAppUrl(frame.url);
}

export function bindIpc(ipcMain: IpcMain, services: MainServices, getWindow: () => BrowserWindow | undefined): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => services.dispatcher.dispatch(channel, payload, isTrustedSender(event, getWindow())));
  }
  const unsubscribe = services.bus.subscribe((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
