/**
 * The preload exposes the IPC contract and nothing else: one function per
 * channel and one subscribe function per event, under `window.workbench`.
 * It runs sandboxed, so this file is bundled whole; no Electron object and no
 * IPC event ever reaches the page (listeners get the payload only).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type Transport } from '../shared/ipc/api';
import type { Result } from '../shared/errors';

const transport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('workbench', buildApi(transport));
