import type { WorkbenchApi } from '../shared/ipc/api';

declare global {
  interface Window {
    readonly workbench: WorkbenchApi;
  }
}

export {};
