/**
 * Main's native file chooser for key files (`.p8`, service accounts): the
 * path goes to main, which reads the file itself; the renderer only asked.
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { FileChooser } from '../ipc/handlers/directPushHandlers';

export function nativeFileChooser(dialog: Dialog, window: () => BrowserWindow | undefined): FileChooser {
  return async ({ title, extensions }) => {
    const options = {
      title,
      properties: ['openFile' as const],
      filters: [
        { name: title, extensions: [...extensions] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const parent = window();
    const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? undefined : answer.filePaths[0];
  };
}
